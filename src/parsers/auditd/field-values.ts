import { parseUnsigned } from './fields.js';
import { hexToText, isAuditHex } from './hex.js';
import { type Picked, rawValueAt } from './pick.js';
import { SPAN_ABSENT, SPAN_BARE } from './scan.js';

/**
 * The values of one record's wanted keys, as strings read once (a canonical body's
 * pattern captures them, see canonical.ts; any other body is picked by the field scanner
 * and converted by {@link valuesOf}). Read with {@link valueText}, {@link valueNumber} and
 * {@link valueId}, which give what `pickedText`, `pickedNumber` and `pickedId` give.
 *
 * @internal
 */
export interface FieldValues {
  /**
   * Per key number `k` of the key table: the unquoted value at `2k`, the quoted one at
   * `2k + 1` (without its quotes; a braced value trimmed). At most one of them is set,
   * neither when the key is absent.
   */
  readonly values: readonly (string | undefined)[];
  /** Where glued ENRICHED text starts, or `-1`. */
  readonly gluedAt: number;
}

/**
 * The values of picked spans.
 *
 * @param p - Picked spans.
 * @returns The same fields as values.
 * @example
 * ```ts
 * valuesOf(pick(line, start, end, SYSCALL_KEYS, false));
 * ```
 * @internal
 */
export function valuesOf(p: Picked): FieldValues {
  const keys = p.spans.length / 3;
  const values: (string | undefined)[] = new Array(2 * keys).fill(undefined);
  for (let k = 0; k < keys; k++) {
    const how = p.spans[3 * k + 2];
    if (how === SPAN_ABSENT || how === undefined) continue;
    values[how === SPAN_BARE ? 2 * k : 2 * k + 1] = rawValueAt(p, k);
  }
  return { values, gluedAt: p.gluedAt };
}

/**
 * A string field, like `pickedText`: `?` (quoted or not) and unquoted `(null)`, `(none)`
 * or empty are `undefined`; an unquoted value in audit hex is decoded when `encoded`.
 *
 * @param f - The values.
 * @param k - Key number.
 * @param encoded - Whether the field may be hex encoded.
 * @returns The value, or `undefined`.
 * @example
 * ```ts
 * valueText(sys, SYSCALL_KEYS.slot.exe, true);
 * ```
 * @internal
 */
export function valueText(f: FieldValues, k: number, encoded: boolean): string | undefined {
  const quoted = f.values[2 * k + 1];
  if (quoted !== undefined) return quoted === '?' ? undefined : quoted;
  const v = f.values[2 * k];
  if (v === undefined || v === '' || v === '?' || v === '(null)' || v === '(none)') {
    return undefined;
  }
  return encoded && isAuditHex(v) ? hexToText(v) : v;
}

/**
 * An unsigned decimal field, like `pickedNumber`.
 *
 * @param f - The values.
 * @param k - Key number.
 * @returns The number, or `undefined`.
 * @example
 * ```ts
 * valueNumber(sys, SYSCALL_KEYS.slot.pid);
 * ```
 * @internal
 */
export function valueNumber(f: FieldValues, k: number): number | undefined {
  const v = f.values[2 * k] ?? f.values[2 * k + 1];
  return v === undefined ? undefined : parseUnsigned(v);
}

/**
 * An id field, like `pickedId`: `4294967295` and `-1` (unset) are `undefined`.
 *
 * @param f - The values.
 * @param k - Key number.
 * @returns The id, or `undefined`.
 * @example
 * ```ts
 * valueId(sys, SYSCALL_KEYS.slot.auid);
 * ```
 * @internal
 */
export function valueId(f: FieldValues, k: number): number | undefined {
  const n = valueNumber(f, k);
  return n === undefined || n >= 4294967295 ? undefined : n;
}
