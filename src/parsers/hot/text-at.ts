/**
 * Readers for the hot paths: tests and numbers read from a range of the line in place
 * (only literal tests slice, to compare in bulk).
 *
 * @internal
 * @module
 */

import { flatCopy } from '../syslog/scan.js';

/**
 * Whether `literal` (a {@link bulk} copy) occurs at `i` and ends at or before `limit`,
 * compared in one bulk test. @internal
 */
export function literalAt(text: string, i: number, literal: string, limit: number): boolean {
  const to = i + literal.length;
  return (
    to <= limit && text.charCodeAt(i) === literal.charCodeAt(0) && text.slice(i, to) === literal
  );
}

/** The end of the run of ASCII digits at `i` (before `limit`); `i` when there is none. @internal */
export function digitsEnd(text: string, i: number, limit: number): number {
  let j = i;
  while (j < limit) {
    const c = text.charCodeAt(j);
    if (c < 48 || c > 57) break;
    j++;
  }
  return j;
}

/** The end of the run of visible ASCII characters (`!`..`~`) at `i`, before `limit`. @internal */
export function visibleEnd(text: string, i: number, limit: number): number {
  let j = i;
  while (j < limit) {
    const c = text.charCodeAt(j);
    if (c <= 32 || c >= 127) break;
    j++;
  }
  return j;
}

/**
 * `toPort(text.slice(from, to))` for a run of ASCII digits: the port, or `undefined` when
 * there are no digits, more than five, or the value exceeds 65535. @internal
 */
export function portIn(text: string, from: number, to: number): number | undefined {
  const n = to - from;
  if (n === 0 || n > 5) return undefined;
  let value = 0;
  for (let i = from; i < to; i++) value = value * 10 + text.charCodeAt(i) - 48;
  return value <= 65535 ? value : undefined;
}

/**
 * A flat, non-constant copy of a literal for {@link literalAt}: a charCodeAt loop, or a
 * `startsWith` with a constant (which TurboFan unrolls into one test per character), costs
 * about 3 ns per character on the bench host; a slice compared with a flat string is one
 * memcmp.
 *
 * @internal
 */
export function bulk(literal: string): string {
  return flatCopy(literal);
}
