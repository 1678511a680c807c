import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  dropSource,
  newSourceTable,
  setSource,
  sourceBuckets,
  sourceEntries,
  touchSource,
} from '../../src/model/source-table.js';

const key = fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f');
const ops = fc.array(
  fc.oneof(
    fc.record({ op: fc.constant('touch' as const), key }),
    fc.record({ op: fc.constant('drop' as const), key }),
    fc.record({ op: fc.constant('dropOldest' as const) }),
    fc.record({ op: fc.constant('set' as const), key }),
  ),
  { maxLength: 60 },
);

// The table keeps sources least recently failing first through links instead of moving `Map`
// entries; its order must be the one the `Map` it replaced had (caps and snapshots read it).
describe('source table', () => {
  it('orders sources exactly like a Map whose touched keys are deleted and set again', () => {
    fc.assert(
      fc.property(ops, (list) => {
        const table = newSourceTable();
        const model = new Map<string, number[]>();
        for (const step of list) {
          switch (step.op) {
            case 'touch': {
              const buckets = touchSource(table, step.key).buckets;
              const known = model.get(step.key);
              model.delete(step.key);
              model.set(step.key, known ?? buckets);
              buckets.push(1);
              break;
            }
            case 'drop': {
              const entry = table.byKey.get(step.key);
              if (entry !== undefined) dropSource(table, entry);
              model.delete(step.key);
              break;
            }
            case 'dropOldest': {
              const oldest = table.oldest;
              if (oldest !== undefined) dropSource(table, oldest);
              const first = model.keys().next();
              if (first.done !== true) model.delete(first.value);
              break;
            }
            case 'set': {
              const buckets = [7];
              setSource(table, step.key, buckets);
              model.set(step.key, buckets);
              break;
            }
          }
          expect(sourceEntries(table)).toEqual([...model]);
          expect(table.byKey.size).toBe(model.size);
          for (const k of ['a', 'b', 'c', 'd', 'e', 'f']) {
            expect(sourceBuckets(table, k)).toBe(model.get(k));
          }
        }
      }),
    );
  });
});
