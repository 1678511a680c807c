/**
 * The median of the last `capacity` values pushed, kept incrementally: a ring of the values in
 * arrival order beside the same values sorted. A push is a binary search plus a shift of at
 * most `capacity` numbers, with no allocation once full; the median is a lookup.
 *
 * @internal
 */
export interface RollingMedian {
  /** Values held (at most the capacity). */
  readonly size: number;
  /** Adds a value, dropping the oldest beyond the capacity. */
  push(value: number): void;
  /** The upper median (`sorted[floor(n / 2)]`) of the values held; 0 when empty. */
  median(): number;
}

/**
 * Creates a {@link RollingMedian}.
 *
 * @param capacity - Values kept (at least 1).
 * @returns The window.
 * @example
 * ```ts
 * const gaps = createRollingMedian(16);
 * gaps.push(1000);
 * gaps.median(); // 1000
 * ```
 * @internal
 */
export function createRollingMedian(capacity: number): RollingMedian {
  const cap = Math.max(1, Math.floor(capacity));
  const ring: number[] = [];
  const sorted: number[] = [];
  let head = 0; // index in `ring` of the oldest value once full

  // First index whose value is >= `value` (or > it, with `after`).
  const search = (value: number, after: boolean): number => {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const v = sorted[mid] as number;
      if (v < value || (after && v === value)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };

  return {
    get size() {
      return ring.length;
    },
    push(value) {
      if (ring.length < cap) {
        ring.push(value);
      } else {
        const oldest = ring[head] as number;
        ring[head] = value;
        head = (head + 1) % cap;
        sorted.splice(search(oldest, false), 1);
      }
      sorted.splice(search(value, true), 0, value);
    },
    median() {
      return sorted[Math.floor(sorted.length / 2)] ?? 0;
    },
  };
}
