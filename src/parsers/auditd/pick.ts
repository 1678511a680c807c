import { decodeValue, parseUnsigned, type RawField } from './fields.js';
import { hexToText, isAuditHex } from './hex.js';
import {
  type KeyTable,
  SPAN_ABSENT,
  SPAN_BARE,
  SPAN_BRACED,
  SPAN_QUOTED,
  scanFields,
} from './scan.js';

/**
 * The first occurrence of each wanted key of one record, as positions in its line: what
 * `findField(tokenize(...), key)` would return, without a field object or a slice per
 * field (values are sliced only when read).
 *
 * @internal
 */
export interface Picked {
  /** The line the spans point into. */
  readonly text: string;
  /** Per key number `k`: value start, end and span kind at `3k` (see {@link scanFields}). */
  readonly spans: readonly number[];
  /** Where glued ENRICHED text starts, or `-1` (only when picked with `stopEarly` false). */
  readonly gluedAt: number;
}

/**
 * Scans `text[start, end)` for the keys of `table` (see {@link scanFields}).
 *
 * @param text - The line.
 * @param start - Where the fields start.
 * @param end - Where they end.
 * @param table - The wanted keys.
 * @param stopEarly - Stop once every key was seen (when the glued position is not needed).
 * @param bytes - `lineBytes(text)` when the caller holds it still (else it is made).
 * @returns The picked spans.
 * @example
 * ```ts
 * const p = pick('pid=42 uid=0', 0, 12, keyTable(['pid']), true);
 * pickedNumber(p, 0); // 42
 * ```
 * @internal
 */
export function pick(
  text: string,
  start: number,
  end: number,
  table: KeyTable,
  stopEarly: boolean,
  bytes?: Uint8Array,
): Picked {
  const spans = table.noSpans.slice();
  const gluedAt = scanFields(
    text,
    start,
    end,
    table,
    { fields: undefined, spans, stopEarly },
    bytes,
  );
  return { text, spans, gluedAt };
}

/**
 * The raw field of key `k`, as `tokenize` would have made it.
 *
 * @param p - Picked spans.
 * @param k - Key number.
 * @param key - Its name.
 * @returns The field, or `undefined`.
 * @example
 * ```ts
 * pickedField(p, 0, 'saddr')?.value;
 * ```
 * @internal
 */
export function pickedField(p: Picked, k: number, key: string): RawField | undefined {
  const value = rawValueAt(p, k);
  return value === undefined ? undefined : { key, value, quoted: p.spans[3 * k + 2] !== SPAN_BARE };
}

/**
 * A string field, like `textField`: unset markers are `undefined`, unquoted hex decoded
 * when `encoded`.
 *
 * @param p - Picked spans.
 * @param k - Key number.
 * @param encoded - Whether the field may be hex encoded.
 * @returns The value, or `undefined`.
 * @example
 * ```ts
 * pickedText(p, 0, true);
 * ```
 * @internal
 */
export function pickedText(p: Picked, k: number, encoded: boolean): string | undefined {
  const how = p.spans[3 * k + 2];
  if (how === SPAN_ABSENT || how === undefined) return undefined;
  if (how === SPAN_BRACED) {
    const value = rawValueAt(p, k) ?? '';
    return decodeValue({ key: '', value, quoted: true }, encoded);
  }
  const s = p.spans[3 * k] ?? 0;
  const e = p.spans[3 * k + 1] ?? 0;
  const t = p.text;
  const n = e - s;
  // `?` is unset whether quoted or not; the other markers only unquoted.
  if (n === 1 && t.charCodeAt(s) === 63) return undefined;
  if (how === SPAN_QUOTED) return t.slice(s, e);
  if (n === 0) return undefined;
  if (n === 6 && t.charCodeAt(s) === 40) {
    if (t.startsWith('(null)', s) || t.startsWith('(none)', s)) return undefined;
  }
  const v = t.slice(s, e);
  return encoded && isAuditHex(v) ? hexToText(v) : v;
}

/**
 * An unsigned decimal field, like `numberField`.
 *
 * @param p - Picked spans.
 * @param k - Key number.
 * @returns The number, or `undefined`.
 * @example
 * ```ts
 * pickedNumber(p, 0);
 * ```
 * @internal
 */
export function pickedNumber(p: Picked, k: number): number | undefined {
  const how = p.spans[3 * k + 2];
  if (how === SPAN_ABSENT || how === undefined) return undefined;
  if (how === SPAN_BRACED) return parseUnsigned(rawValueAt(p, k) ?? '');
  const s = p.spans[3 * k] ?? 0;
  const n = (p.spans[3 * k + 1] ?? 0) - s;
  if (n === 0 || n > 15) return undefined;
  const t = p.text;
  let out = 0;
  for (let i = 0; i < n; i++) {
    const d = t.charCodeAt(s + i) - 48;
    if (d < 0 || d > 9) return undefined;
    out = out * 10 + d;
  }
  return out;
}

/**
 * An id field, like `idField`: `4294967295` and `-1` (unset) are `undefined`.
 *
 * @param p - Picked spans.
 * @param k - Key number.
 * @returns The id, or `undefined`.
 * @example
 * ```ts
 * pickedId(p, 0);
 * ```
 * @internal
 */
export function pickedId(p: Picked, k: number): number | undefined {
  const n = pickedNumber(p, k);
  return n === undefined || n >= 4294967295 ? undefined : n;
}

/**
 * The value of key `k` as `tokenize` would hold it (braced values trimmed).
 *
 * @param p - Picked spans.
 * @param k - Key number.
 * @returns The value, or `undefined` when the key is absent.
 * @example
 * ```ts
 * rawValueAt(p, 0);
 * ```
 * @internal
 */
export function rawValueAt(p: Picked, k: number): string | undefined {
  const how = p.spans[3 * k + 2];
  if (how === SPAN_ABSENT || how === undefined) return undefined;
  const v = p.text.slice(p.spans[3 * k] ?? 0, p.spans[3 * k + 1] ?? 0);
  return how === SPAN_BRACED ? v.trim() : v;
}
