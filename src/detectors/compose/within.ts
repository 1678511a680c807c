import { DURATION } from './patterns.js';

const UNIT: Readonly<Record<string, number>> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
};

/**
 * A time window in milliseconds, from a number of ms or a duration text (`30s`, `10m`,
 * `2h`, `1d`, `500ms`).
 *
 * @param duration - Milliseconds, or a duration text.
 * @returns Milliseconds.
 * @throws RangeError for a negative, non-finite or unreadable duration (a programmer error).
 * @example
 * ```ts
 * within('10m'); // 600000
 * ```
 */
export function within(duration: number | string): number {
  if (typeof duration === 'number') {
    if (!Number.isFinite(duration) || duration < 0) {
      throw new RangeError(`a window must be a finite number of ms >= 0, got ${duration}`);
    }
    return duration;
  }
  const m = DURATION.exec(duration);
  if (m === null)
    throw new RangeError(`a window must look like 30s, 10m, 2h or 1d, got ${duration}`);
  return Number(m[1]) * (UNIT[m[2] ?? 'ms'] ?? 1);
}
