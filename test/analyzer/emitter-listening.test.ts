import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createEmitter } from '../../src/analyzer/emitter.js';

type Events = { a: () => void; b: () => void; c: () => void };
const NAMES = ['a', 'b', 'c'] as const;

// The analyzer reads these flags instead of listenerCount per line: they must agree with it
// after any sequence of subscriptions, removals and once-listeners firing.
describe('emitter listening flags', () => {
  it('say whether an event has listeners after every operation', () => {
    const name = fc.constantFrom(...NAMES);
    const op = fc.oneof(
      fc.record({
        op: fc.constantFrom('on', 'once', 'prepend', 'prependOnce', 'off'),
        name,
        id: fc.nat(2),
      }),
      fc.record({ op: fc.constantFrom('emit', 'removeAll'), name, id: fc.constant(0) }),
      fc.record({ op: fc.constant('clear'), name, id: fc.constant(0) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 40 }), (ops) => {
        const listening: { a?: boolean; b?: boolean } = { a: false, b: false };
        const emitter = createEmitter<Events>(listening);
        const fns = [() => undefined, () => undefined, () => undefined];
        for (const { op: kind, name: event, id } of ops) {
          const fn = fns[id] ?? (() => undefined);
          if (kind === 'on') emitter.on(event, fn);
          else if (kind === 'once') emitter.once(event, fn);
          else if (kind === 'prepend') emitter.prependListener(event, fn);
          else if (kind === 'prependOnce') emitter.prependOnceListener(event, fn);
          else if (kind === 'off') emitter.off(event, fn);
          else if (kind === 'emit') emitter.emit(event);
          else if (kind === 'removeAll') emitter.removeAllListeners(event);
          else emitter.removeAllListeners();
          expect(listening).toEqual({
            a: emitter.listenerCount('a') > 0,
            b: emitter.listenerCount('b') > 0,
          });
          expect('c' in listening).toBe(false);
        }
      }),
    );
  });
});
