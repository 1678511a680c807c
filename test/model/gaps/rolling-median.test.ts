import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRollingMedian } from '../../../src/model/gaps/rolling-median.js';

// The definition the log-gap monitor used before: sort a copy of the last `capacity` values.
function naiveMedian(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

describe('createRollingMedian', () => {
  it('is 0 when empty and follows the last values of a window', () => {
    const m = createRollingMedian(3);
    expect(m.median()).toBe(0);
    for (const v of [1000, 1000, 60_000]) m.push(v);
    expect(m.median()).toBe(1000);
    m.push(60_000); // the window is now 1000, 60000, 60000
    expect(m.median()).toBe(60_000);
    expect(m.size).toBe(3);
  });

  it('equals the sorted median of the last `capacity` values at every step', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 20 }),
        fc.array(fc.integer({ min: 0, max: 50 }), { maxLength: 200 }),
        (capacity, values) => {
          const m = createRollingMedian(capacity);
          const seen: number[] = [];
          for (const v of values) {
            m.push(v);
            seen.push(v);
            const window = seen.slice(-capacity);
            expect(m.size).toBe(window.length);
            expect(m.median()).toBe(naiveMedian(window));
          }
        },
      ),
    );
  });
});
