import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  RECENT_REST_MAX,
  RECENT_REST_MIN,
  RECENT_WINDOW,
  type RecentCache,
  recentCache,
} from '../../../src/parsers/auditd/recent-cache.js';

/** Calls `worth` until it says probe; how many said rest. */
function restLength(cache: RecentCache<number>): number {
  let n = 0;
  while (!cache.worth()) n++;
  return n;
}

/** One window of probes, `hits` of them for a stored key. */
function probeWindow(cache: RecentCache<number>, hits: number, tag: string): void {
  cache.set('hot', 1);
  for (let i = 0; i < RECENT_WINDOW; i++) {
    expect(cache.get(i < hits ? 'hot' : `${tag}${i}`)).toBe(i < hits ? 1 : undefined);
  }
}

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

  it('keeps probing while at least two thirds of a window hit', () => {
    const cache = recentCache<number>(256);
    for (let w = 0; w < 5; w++) {
      probeWindow(cache, Math.ceil((RECENT_WINDOW * 2) / 3), `w${w}-`);
      expect(cache.worth()).toBe(true);
    }
  });

  it('rests after a poor window, twice as long after each poor window in a row', () => {
    const cache = recentCache<number>(256);
    let expected = RECENT_REST_MIN;
    for (let w = 0; w < 10; w++) {
      probeWindow(cache, Math.ceil((RECENT_WINDOW * 2) / 3) - 1, `w${w}-`);
      expect(restLength(cache)).toBe(expected);
      expected = Math.min(expected * 2, RECENT_REST_MAX);
    }
    // A good window ends the backoff; the values stored before the rest are still there.
    probeWindow(cache, RECENT_WINDOW, 'good');
    expect(cache.worth()).toBe(true);
    probeWindow(cache, 0, 'poor');
    expect(restLength(cache)).toBe(RECENT_REST_MIN);
    expect(cache.get('hot')).toBe(1);
  });

  it('judges only by gets: sets alone never make it rest', () => {
    const cache = recentCache<number>(4);
    for (let i = 0; i < RECENT_WINDOW * 4; i++) cache.set(`k${i}`, i);
    expect(cache.worth()).toBe(true);
  });
});
