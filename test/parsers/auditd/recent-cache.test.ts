import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { recentCache } from '../../../src/parsers/auditd/recent-cache.js';

describe('recentCache', () => {
  it('gives the value last stored for a key, or nothing', () => {
    const op = fc.tuple(fc.boolean(), fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'), fc.nat(9));
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 4 }), fc.array(op, { maxLength: 60 }), (limit, ops) => {
        const cache = recentCache<number>(limit);
        const latest = new Map<string, number>();
        for (const [isSet, key, value] of ops) {
          if (isSet) {
            cache.set(key, value);
            latest.set(key, value);
            expect(cache.get(key)).toBe(value);
          } else {
            const got = cache.get(key);
            if (got !== undefined) expect(got).toBe(latest.get(key));
          }
        }
      }),
    );
  });

  it('keeps a value while fewer than `limit` other keys are stored', () => {
    const cache = recentCache<number>(3);
    cache.set('k', 1);
    cache.set('a', 0);
    cache.set('b', 0);
    expect(cache.get('k')).toBe(1);
    // A hit keeps it young.
    for (const key of ['c', 'd']) cache.set(key, 0);
    expect(cache.get('k')).toBe(1);
  });

  it('holds at most two generations of `limit` keys', () => {
    const cache = recentCache<number>(4);
    for (let i = 0; i < 100; i++) cache.set(`k${i}`, i);
    const kept = Array.from({ length: 100 }, (_, i) => cache.get(`k${i}`)).filter(
      (v) => v !== undefined,
    );
    expect(kept.length).toBeLessThanOrEqual(8);
    expect(cache.get('k99')).toBe(99);
    expect(cache.get('k0')).toBeUndefined();
  });
});
