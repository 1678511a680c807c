import { hexToText, isAuditHex } from './hex.js';

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

const SPACE = 32;
const TAB = 9;
const DQ = 34;
const SQ = 39;
const LBRACE = 123;

/**
 * Splits `text[start, end)` into `key=value` fields with a single left-to-right scan (no
 * regex): double-quoted values end at the next `"`, a single-quoted value (the nested
 * user-space `msg='...'`) ends at the last `'` before `end`, `{ ... }` ends at `}`, other
 * values end at a space. Bare words (`user`, `PAM:`, `:`) are skipped. Linear in the input.
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
  const table = wanted === undefined ? undefined : keyTable(wanted);
  let gluedAt = -1;
  // Next space / '=' at or after i. They only move forward, so the native indexOf scans
  // stay linear in the input overall.
  let nextSp = -1;
  let nextTab = -1;
  let nextEq = -1;
  let i = start;
  while (i < end) {
    const c = text.charCodeAt(i);
    if (c === SPACE || c === TAB) {
      i++;
      continue;
    }
    if (nextSp < i) nextSp = indexOrEnd(text, ' ', i, end);
    if (nextTab < i) nextTab = indexOrEnd(text, '\t', i, end);
    if (nextEq < i) nextEq = indexOrEnd(text, '=', i, end);
    const wordEnd = Math.min(nextSp, nextTab);
    if (nextEq >= wordEnd) {
      i = wordEnd; // bare word
      continue;
    }
    let keyStart = i;
    while (keyStart < nextEq && text.charCodeAt(keyStart) === 40) keyStart++;
    // A wanted key is matched in place and its constant reused: no slice per skipped field.
    const key =
      table === undefined ? text.slice(keyStart, nextEq) : lookup(table, text, keyStart, nextEq);
    i = nextEq + 1;
    const v = i < end ? text.charCodeAt(i) : -1;
    if (v === DQ) {
      let q = text.indexOf('"', i + 1);
      if (q < 0 || q >= end) q = end;
      if (key !== undefined) fields.push({ key, value: text.slice(i + 1, q), quoted: true });
      i = q + 1;
      if (i < end && isUpper(text.charCodeAt(i))) {
        gluedAt = i;
        break;
      }
      continue;
    }
    if (v === SQ) {
      let q = text.lastIndexOf("'", end - 1);
      if (q <= i) q = end;
      if (key !== undefined) fields.push({ key, value: text.slice(i + 1, q), quoted: true });
      i = q + 1;
      continue;
    }
    if (v === LBRACE) {
      let q = text.indexOf('}', i + 1);
      if (q < 0 || q >= end) q = end;
      if (key !== undefined) fields.push({ key, value: text.slice(i + 1, q).trim(), quoted: true });
      i = q + 1;
      continue;
    }
    const vs = i;
    if (nextSp < i) nextSp = indexOrEnd(text, ' ', i, end);
    if (nextTab < i) nextTab = indexOrEnd(text, '\t', i, end);
    if (nextEq < i) nextEq = indexOrEnd(text, '=', i, end);
    let ve = Math.min(nextSp, nextTab);
    i = ve;
    if (nextEq < ve) {
      const eq = nextEq;
      let b = eq;
      while (b > vs && isEnrichedKeyChar(text.charCodeAt(b - 1))) b--;
      if (b > vs && b < eq && isUpper(text.charCodeAt(b))) {
        if (key !== undefined) fields.push({ key, value: text.slice(vs, b), quoted: false });
        gluedAt = b;
        break;
      }
    }
    if (key === undefined) continue;
    while (ve > vs && text.charCodeAt(ve - 1) === 44) ve--; // trailing ','
    if (ve > vs && text.charCodeAt(ve - 1) === 41) {
      const open = text.indexOf('(', vs);
      if (open < 0 || open >= ve) ve--; // legacy `res=success)`
    }
    fields.push({ key, value: text.slice(vs, ve), quoted: false });
  }
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
 * Finds the last field named `key`: for the trusted right-hand end of a user-space
 * message (`hostname=` is written unencoded before `addr= terminal= res=`, so text injected
 * into a host name can only add fields before the real ones).
 *
 * @param fields - Tokenized fields.
 * @param key - The field name.
 * @returns The last such field, or `undefined`.
 * @example
 * ```ts
 * lastField(tokenize('addr=1.1.1.1 addr=2.2.2.2', 0, 25).fields, 'addr')?.value; // '2.2.2.2'
 * ```
 * @internal
 */
export function lastField(fields: readonly RawField[], key: string): RawField | undefined {
  for (let i = fields.length - 1; i >= 0; i--) {
    const f = fields[i];
    if (f !== undefined && f.key === key) return f;
  }
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

/** Wanted keys grouped by length, for matching a key in place. */
type KeyTable = readonly (readonly string[] | undefined)[];

const KEY_TABLES = new WeakMap<ReadonlySet<string>, KeyTable>();

function keyTable(wanted: ReadonlySet<string>): KeyTable {
  let table = KEY_TABLES.get(wanted);
  if (table === undefined) {
    const byLength: string[][] = [];
    for (const key of wanted) {
      const list = byLength[key.length];
      if (list === undefined) byLength[key.length] = [key];
      else list.push(key);
    }
    table = byLength;
    KEY_TABLES.set(wanted, table);
  }
  return table;
}

/** The wanted key equal to `text[from, to)`, or undefined. */
function lookup(table: KeyTable, text: string, from: number, to: number): string | undefined {
  const candidates = table[to - from];
  if (candidates === undefined) return undefined;
  for (const key of candidates) {
    let k = 0;
    while (k < key.length && text.charCodeAt(from + k) === key.charCodeAt(k)) k++;
    if (k === key.length) return key;
  }
  return undefined;
}

function indexOrEnd(text: string, needle: string, from: number, end: number): number {
  const at = text.indexOf(needle, from);
  return at < 0 || at > end ? end : at;
}

function isUpper(c: number): boolean {
  return c >= 65 && c <= 90;
}

function isEnrichedKeyChar(c: number): boolean {
  return (c >= 65 && c <= 90) || c === 95 || c === 45;
}
