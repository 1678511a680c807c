import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addOpenEvent,
  createOpenEvents,
  type OpenEvent,
  openEventsInOrder,
  removeOpenEvent,
  touchOpenEvent,
} from '../../../src/parsers/auditd/open-events.js';

function event(key: string): OpenEvent {
  return { key, time: 0, records: [], lastSeq: 0, older: undefined, newer: undefined };
}

describe('open events', () => {
  it('keep the order a Map kept with delete + set on activity, whatever the operations', () => {
    const op = fc.tuple(fc.constantFrom('add', 'remove', 'touch'), fc.nat(7));
    fc.assert(
      fc.property(fc.array(op, { maxLength: 200 }), (ops) => {
        const open = createOpenEvents();
        const model = new Map<string, OpenEvent>();
        for (const [what, n] of ops) {
          const key = `k${n}`;
          const e = model.get(key);
          if (what === 'add' && e === undefined) {
            const created = event(key);
            addOpenEvent(open, created);
            model.set(key, created);
          } else if (what === 'remove' && e !== undefined) {
            removeOpenEvent(open, e);
            model.delete(key);
          } else if (what === 'touch' && e !== undefined) {
            touchOpenEvent(open, e);
            model.delete(key);
            model.set(key, e);
          }
          const order = [...model.values()];
          expect(openEventsInOrder(open)).toEqual(order);
          expect([...open.byKey.keys()].sort()).toEqual([...model.keys()].sort());
          expect(open.stalest).toBe(order[0]);
          expect(open.latest).toBe(order.at(-1));
        }
      }),
      { numRuns: 300 },
    );
  });
});
