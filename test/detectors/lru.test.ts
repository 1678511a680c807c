import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type Lru,
  lruCreate,
  lruDelete,
  lruEntries,
  lruGet,
  lruOldest,
  lruPeek,
  lruSet,
} from '../../src/detectors/lru.js';
import * as oracle from './lru-oracle.js';

type Value = number | undefined;

type Op =
  | { readonly op: 'get' | 'peek' | 'delete'; readonly key: string }
  | { readonly op: 'set'; readonly key: string; readonly value: Value; readonly max: number }
  | { readonly op: 'oldest' | 'entries' | 'json' | 'copy' };

// Few keys so that sets, gets and deletes hit the same entries; numeric-looking and
// prototype names check the prefix keeps them ordinary keys.
const key = fc.constantFrom(
  'a',
  'b',
  'c',
  'd',
  'e',
  'f',
  '0',
  '1',
  '10',
  '__proto__',
  'constructor',
);
const value = fc.oneof(
  { weight: 9, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.constant(undefined) },
);
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ op: fc.constantFrom('get' as const, 'peek' as const, 'delete' as const), key }),
  fc.record({ op: fc.constant('set' as const), key, value, max: fc.integer({ min: 0, max: 6 }) }),
  fc.record({
    op: fc.constantFrom('oldest' as const, 'entries' as const, 'json' as const, 'copy' as const),
  }),
);

// An Lru made elsewhere (by hand, in the documented form): keys in the given order.
const start = fc.uniqueArray(fc.tuple(key, fc.integer()), { selector: ([k]) => k, maxLength: 6 });

function made(pairs: readonly (readonly [string, number])[]): Lru<Value> {
  const entries: Record<string, Value> = {};
  for (const [k, v] of pairs) entries[`#${k}`] = v;
  return { entries, size: pairs.length, evicted: 0 };
}

const roundTrip = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

describe('Lru', () => {
  it('gives the results and JSON of the plain-object implementation for any operations', () => {
    fc.assert(
      fc.property(start, fc.array(op, { maxLength: 80 }), (initial, ops) => {
        let mine = initial.length === 0 ? lruCreate<Value>() : made(initial);
        let theirs: oracle.OracleLru<Value> =
          initial.length === 0 ? oracle.lruCreate<Value>() : made(initial);
        for (const o of ops) {
          switch (o.op) {
            case 'get':
              expect(lruGet(mine, o.key)).toBe(oracle.lruGet(theirs, o.key));
              break;
            case 'peek':
              expect(lruPeek(mine, o.key)).toBe(oracle.lruPeek(theirs, o.key));
              break;
            case 'delete':
              lruDelete(mine, o.key);
              oracle.lruDelete(theirs, o.key);
              break;
            case 'set':
              lruSet(mine, o.key, o.value, o.max);
              oracle.lruSet(theirs, o.key, o.value, o.max);
              break;
            case 'oldest':
              expect(lruOldest(mine)).toEqual(oracle.lruOldest(theirs));
              break;
            case 'entries':
              expect(lruEntries(mine)).toEqual(oracle.lruEntries(theirs));
              break;
            case 'json':
              mine = roundTrip(mine);
              theirs = roundTrip(theirs);
              break;
            case 'copy':
              // A detector state copied by spread keeps sharing the same `entries`.
              mine = { ...mine };
              theirs = { ...theirs };
              break;
          }
          expect(JSON.stringify(mine)).toBe(JSON.stringify(theirs));
          expect(Object.keys(mine.entries)).toEqual(Object.keys(theirs.entries));
        }
      }),
      { numRuns: 2_000 },
    );
  });

  it('keeps its order across a JSON round trip that a detector set snapshot makes', () => {
    const lru = lruCreate<number>();
    for (let i = 0; i < 10; i += 1) lruSet(lru, `k${i}`, i, 5);
    lruGet(lru, 'k6');
    const again = roundTrip(lru);
    lruSet(again, 'k10', 10, 5);
    expect(lruEntries(again).map(([k]) => k)).toEqual(['k7', 'k8', 'k9', 'k6', 'k10']);
    expect(again.evicted).toBe(6);
    expect(lruOldest(again)).toEqual(['k7', 7]);
    // The original is untouched by the copy's change.
    expect(lruEntries(lru).map(([k]) => k)).toEqual(['k5', 'k7', 'k8', 'k9', 'k6']);
  });

  it('skips an entry a caller deleted from entries directly, as the plain object does', () => {
    const lru = lruCreate<number>();
    for (const k of ['a', 'b', 'c']) lruSet(lru, k, 1, 10);
    delete lru.entries['#a'];
    lru.size -= 1;
    expect(lruOldest(lru)).toEqual(['b', 1]);
    expect(lruEntries(lru)).toEqual([
      ['b', 1],
      ['c', 1],
    ]);
    lruSet(lru, 'd', 1, 2);
    expect(Object.keys(lru.entries)).toEqual(['#c', '#d']);
  });

  it('never enumerates its entries to evict (the old eviction sorted all keys each time)', () => {
    // Counts key enumerations (for-in, Object.keys) of the entries object instead of timing:
    // the index is built from one Object.keys, and eviction, oldest and entries walk the index.
    let enumerations = 0;
    const entries = new Proxy<Record<string, number>>(
      {},
      {
        ownKeys(target) {
          enumerations += 1;
          return Reflect.ownKeys(target);
        },
      },
    );
    const lru: Lru<number> = { entries, size: 0, evicted: 0 };
    for (let i = 0; i < 5_000; i += 1) {
      lruSet(lru, `ip${i}`, i, 200);
      if (i % 3 === 0) lruGet(lru, `ip${i - 100}`);
      if (i % 7 === 0) lruDelete(lru, `ip${i - 150}`);
    }
    expect(lru.size).toBe(200);
    expect(lru.evicted).toBeGreaterThan(4_000);
    expect(lruOldest(lru)?.[0]).toBe(lruEntries(lru)[0]?.[0]);
    expect(enumerations).toBeLessThanOrEqual(1);
  });
});
