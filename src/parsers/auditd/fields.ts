import { hexToText, isAuditHex } from './hex.js';
import { type KeyTable, keyTable, scanFields } from './scan.js';

/**
 * One `key=value` token of an audit record, before decoding.
 *
 * @internal
 */
export interface RawField {
  /** The field name (a leading `(` of legacy PAM text is dropped). */
  readonly key: string;
  /** The value without its quotes. */
  readonly value: string;
  /** True when the value was quoted (`"..."`, `'...'`, or `{ ... }`): never hex. */
  readonly quoted: boolean;
}

/**
 * The fields of one record (or of a nested `msg='...'`), plus where glued ENRICHED text
 * starts when the `0x1d` separator was lost (`key=(null)ARCH=x86_64`), else `-1`.
 *
 * @internal
 */
export interface Tokenized {
  /** The fields in order. */
  readonly fields: readonly RawField[];
  /** Index in the text where glued ENRICHED fields start, or `-1`. */
  readonly gluedAt: number;
}

/**
 * Splits `text[start, end)` into `key=value` fields (see {@link scanFields} for the
 * grammar). Linear in the input.
 *
 * @param text - The line.
 * @param start - Where the fields start.
 * @param end - Where they end (the `0x1d` separator or the line end).
 * @param wanted - When given, only these keys are kept (the others are skipped unsliced).
 * @returns The fields and the glued-ENRICHED position.
 * @example
 * ```ts
 * tokenize('uid=0 comm="sshd" key=(null)', 0, 28).fields.length; // 3
 * ```
 * @internal
 */
export function tokenize(
  text: string,
  start: number,
  end: number,
  wanted?: ReadonlySet<string>,
): Tokenized {
  const fields: RawField[] = [];
  const table = wanted === undefined ? undefined : tableOf(wanted);
  const gluedAt = scanFields(text, start, end, table, {
    fields,
    spans: undefined,
    stopEarly: false,
  });
  return { fields, gluedAt };
}

/**
 * Finds the first field named `key`.
 *
 * @param fields - Tokenized fields.
 * @param key - The field name.
 * @returns The field, or `undefined`.
 * @example
 * ```ts
 * findField(tokenize('a=1', 0, 3).fields, 'a')?.value; // '1'
 * ```
 * @internal
 */
export function findField(fields: readonly RawField[], key: string): RawField | undefined {
  for (const f of fields) if (f.key === key) return f;
  return undefined;
}

/**
 * A string field: quoted values as they are (but `"?"`), `(null)`/`?`/`(none)`/empty as `undefined`,
 * unquoted hex decoded when `encoded` (audit's untrusted-string fields).
 *
 * @param fields - Tokenized fields.
 * @param key - The field name.
 * @param encoded - Whether the field may be hex encoded.
 * @returns The value, or `undefined`.
 * @example
 * ```ts
 * textField(tokenize('cwd=2F746D70', 0, 12).fields, 'cwd', true); // '/tmp'
 * ```
 * @internal
 */
export function textField(
  fields: readonly RawField[],
  key: string,
  encoded: boolean,
): string | undefined {
  const f = findField(fields, key);
  return f === undefined ? undefined : decodeValue(f, encoded);
}

/**
 * Decodes one field value (see {@link textField}).
 *
 * @param f - The raw field.
 * @param encoded - Whether the field may be hex encoded.
 * @returns The value, or `undefined` for the unset markers.
 * @example
 * ```ts
 * decodeValue({ key: 'exe', value: '2F62696E', quoted: false }, true); // '/bin'
 * ```
 * @internal
 */
export function decodeValue(f: RawField, encoded: boolean): string | undefined {
  const v = f.value;
  if (v === '?') return undefined;
  if (f.quoted) return v;
  if (v === '' || v === '?' || v === '(null)' || v === '(none)') return undefined;
  if (encoded && isAuditHex(v)) return hexToText(v);
  return v;
}

/**
 * An unsigned decimal field (pids, counts). `undefined` when absent or not a plain number.
 *
 * @param fields - Tokenized fields.
 * @param key - The field name.
 * @returns The number, or `undefined`.
 * @example
 * ```ts
 * numberField(tokenize('pid=42', 0, 6).fields, 'pid'); // 42
 * ```
 * @internal
 */
export function numberField(fields: readonly RawField[], key: string): number | undefined {
  const f = findField(fields, key);
  return f === undefined ? undefined : parseUnsigned(f.value);
}

/**
 * An id field (`uid`, `auid`, `ses`...): `4294967295` and `-1` (unset) are `undefined`.
 *
 * @param fields - Tokenized fields.
 * @param key - The field name.
 * @returns The id, or `undefined`.
 * @example
 * ```ts
 * idField(tokenize('auid=4294967295', 0, 15).fields, 'auid'); // undefined
 * ```
 * @internal
 */
export function idField(fields: readonly RawField[], key: string): number | undefined {
  const n = numberField(fields, key);
  return n === undefined || n >= 4294967295 ? undefined : n;
}

/**
 * Parses a plain unsigned decimal of at most 15 digits.
 *
 * @param v - The text.
 * @returns The number, or `undefined`.
 * @example
 * ```ts
 * parseUnsigned('0012'); // 12
 * ```
 * @internal
 */
export function parseUnsigned(v: string): number | undefined {
  const n = v.length;
  if (n === 0 || n > 15) return undefined;
  let out = 0;
  for (let i = 0; i < n; i++) {
    const d = v.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return undefined;
    out = out * 10 + d;
  }
  return out;
}

/**
 * Parses a number written in `radix` (16 for syscall arguments, 8 for `mode`), at most
 * 13 digits so it stays exact.
 *
 * @param v - The text, without prefix.
 * @param radix - 8 or 16.
 * @returns The number, or `undefined`.
 * @example
 * ```ts
 * parseRadix('6e', 16); // 110
 * ```
 * @internal
 */
export function parseRadix(v: string | undefined, radix: 8 | 16): number | undefined {
  if (v === undefined || v.length === 0 || v.length > 13) return undefined;
  let out = 0;
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    const d =
      c >= 48 && c <= 57 ? c - 48 : c >= 97 && c <= 102 ? c - 87 : c >= 65 && c <= 70 ? c - 55 : 99;
    if (d >= radix) return undefined;
    out = out * radix + d;
  }
  return out;
}

/**
 * Parses a signed decimal (`exit=-115`).
 *
 * @param v - The text.
 * @returns The number, or `undefined`.
 * @example
 * ```ts
 * parseSigned('-2'); // -2
 * ```
 * @internal
 */
export function parseSigned(v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  if (v.charCodeAt(0) === 45) {
    const n = parseUnsigned(v.slice(1));
    return n === undefined ? undefined : -n;
  }
  return parseUnsigned(v);
}

const KEY_TABLES = new WeakMap<ReadonlySet<string>, KeyTable>();

function tableOf(wanted: ReadonlySet<string>): KeyTable {
  let table = KEY_TABLES.get(wanted);
  if (table === undefined) {
    table = keyTable([...wanted]);
    KEY_TABLES.set(wanted, table);
  }
  return table;
}
