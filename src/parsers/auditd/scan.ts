import type { RawField } from './fields.js';
import { lineBytes } from './line-bytes.js';

/**
 * Keys to look for, numbered by their position in `keys`, grouped by length so a key is
 * matched in place (no slice per skipped field).
 *
 * @internal
 */
export interface KeyTable<K extends string = string> {
  /** The keys; a key's number is its index here. */
  readonly keys: readonly K[];
  /** Each key's number. */
  readonly slot: Readonly<Record<K, number>>;
  /** Key numbers by key length. */
  readonly byLength: readonly (readonly number[] | undefined)[];
  /** Key number by {@link shapeOf} (length, first and last character), -2 when shared. */
  readonly byShape: ReadonlyMap<number, number>;
  /** Spans with every key absent, copied by `slice` (cheaper than filling a new array). */
  readonly noSpans: readonly number[];
  /**
   * Per key number, whether a later occurrence replaces an earlier one in picked spans
   * (else the first wins). A scan with such a key must not stop early.
   */
  readonly lastWins: readonly boolean[];
}

/**
 * Builds a {@link KeyTable}.
 *
 * @param keys - The keys (distinct).
 * @param lastWins - Keys whose last occurrence is picked (the others: their first).
 * @returns The table.
 * @example
 * ```ts
 * const t = keyTable(['pid', 'uid']); // t.slot.uid === 1
 * const u = keyTable(['op', 'res'], ['res']); // a later res= replaces an earlier one
 * ```
 * @internal
 */
export function keyTable<K extends string>(
  keys: readonly K[],
  lastWins: readonly K[] = [],
): KeyTable<K> {
  const byLength: number[][] = [];
  const byShape = new Map<number, number>();
  const slot = {} as Record<K, number>;
  keys.forEach((key, k) => {
    slot[key] = k;
    const shape = shapeOf(key, 0, key.length);
    byShape.set(shape, byShape.has(shape) ? -2 : k);
    const list = byLength[key.length];
    if (list === undefined) byLength[key.length] = [k];
    else list.push(k);
  });
  const noSpans: number[] = [];
  for (let i = 0; i < 3 * keys.length; i++) noSpans.push(SPAN_ABSENT);
  return {
    keys,
    slot,
    byLength,
    byShape,
    noSpans,
    lastWins: keys.map((k) => lastWins.includes(k)),
  };
}

/** Length, first and last character of `text[from, to)` as one small integer. */
function shapeOf(text: string, from: number, to: number): number {
  const n = to - from;
  if (n === 0) return 0;
  return n * 65536 + (text.charCodeAt(from) & 255) * 256 + (text.charCodeAt(to - 1) & 255);
}

/**
 * {@link shapeOf} of bytes (a non-ASCII unit is 0xff there, so its shape may differ, but
 * no key holds one: the lookup fails either way).
 */
function shapeOfBytes(b: Uint8Array, from: number, to: number): number {
  const n = to - from;
  if (n === 0) return 0;
  return n * 65536 + (b[from] ?? 0) * 256 + (b[to - 1] ?? 0);
}

/**
 * Where the scan puts what it finds: every (wanted) field as a {@link RawField} in
 * `fields`, or, with `spans`, only the first occurrence of each wanted key as three
 * numbers at `3 * keyNumber`: value start, value end and {@link SPAN_BARE}/
 * {@link SPAN_QUOTED}/{@link SPAN_BRACED} (the span array starts filled with
 * {@link SPAN_ABSENT}).
 *
 * @internal
 */
export interface ScanSink {
  /** Receives fields (tokenize), or undefined. */
  readonly fields: RawField[] | undefined;
  /** Receives first-occurrence spans (pick), or undefined. */
  readonly spans: number[] | undefined;
  /** With `spans`: stop once every wanted key was seen (when glued text does not matter). */
  readonly stopEarly: boolean;
}

/** Span kinds. @internal */
export const SPAN_ABSENT = -1;
/** An unquoted value. @internal */
export const SPAN_BARE = 0;
/** A `"..."` or `'...'` value. @internal */
export const SPAN_QUOTED = 1;
/** A `{ ... }` value (trimmed when read). @internal */
export const SPAN_BRACED = 2;

const SPACE = 32;
const TAB = 9;
const DQ = 34;
const SQ = 39;
const LBRACE = 123;
const EQ = 61;

/**
 * Splits `text[start, end)` into `key=value` fields with a single left-to-right scan (no
 * regex): double-quoted values end at the next `"`, a single-quoted value (the nested
 * user-space `msg='...'`) ends at the last `'` before `end`, `{ ... }` ends at `}`, other
 * values end at a space. Bare words (`user`, `PAM:`, `:`) are skipped. Linear in the input.
 * This is the one field grammar: `tokenize` and `pick` both read through it.
 *
 * @param text - The line.
 * @param start - Where the fields start.
 * @param stop - Where they end (the `0x1d` separator or the line end).
 * @param table - Wanted keys, or undefined for all.
 * @param sink - Where fields go.
 * @param given - `lineBytes(text)` when the caller holds it still (two scans of one line
 * copy it once), else made here.
 * @returns Where glued ENRICHED fields start (`key=(null)ARCH=x86_64`), else `-1`.
 * @example
 * ```ts
 * const fields: RawField[] = [];
 * scanFields('uid=0 comm="sshd"', 0, 17, undefined, { fields, spans: undefined, stopEarly: false });
 * ```
 * @internal
 */
export function scanFields(
  text: string,
  start: number,
  stop: number,
  table: KeyTable | undefined,
  sink: ScanSink,
  given?: Uint8Array,
): number {
  const spans = sink.spans;
  // The text's bytes (lineBytes: one per code unit, cheaper to read than a sliced string).
  const bytes = given ?? lineBytes(text);
  // Never past the text (the bytes after it are stale).
  const end = Math.min(stop, text.length);
  let missing = table === undefined ? -1 : table.keys.length;
  // Byte loops rather than indexOf: fields are short, and a call per field boundary cost
  // more than the bytes. Every position is visited a bounded number of times.
  let i = start;
  while (i < end) {
    let c = bytes[i] ?? 0;
    if (c === SPACE || c === TAB) {
      i++;
      continue;
    }
    // The key runs to the first '=' before any space or tab; without one it is a bare word.
    let eq = i;
    while (eq < end) {
      c = bytes[eq] ?? 0;
      if (c === EQ || c === SPACE || c === TAB) break;
      eq++;
    }
    if (eq === end || c !== EQ) {
      i = eq; // bare word
      continue;
    }
    let keyStart = i;
    while (keyStart < eq && (bytes[keyStart] ?? 0) === 40) keyStart++;
    // -1: not wanted, -2: every key is wanted.
    const k = table === undefined ? -2 : lookupKey(table, bytes, keyStart, eq);
    i = eq + 1;
    const v = i < end ? (bytes[i] ?? 0) : -1;
    if (v === DQ) {
      let q = text.indexOf('"', i + 1);
      if (q < 0 || q >= end) q = end;
      if (k !== -1) missing = put(sink, table, text, k, keyStart, eq, i + 1, q, 1, missing);
      i = q + 1;
      if (i < end && isUpper(bytes[i] ?? 0)) return i;
      if (missing === 0 && sink.stopEarly) return -1;
      continue;
    }
    if (v === SQ) {
      let q = text.lastIndexOf("'", end - 1);
      if (q <= i) q = end;
      if (k !== -1) missing = put(sink, table, text, k, keyStart, eq, i + 1, q, 1, missing);
      i = q + 1;
      if (missing === 0 && sink.stopEarly) return -1;
      continue;
    }
    if (v === LBRACE) {
      let q = text.indexOf('}', i + 1);
      if (q < 0 || q >= end) q = end;
      if (k !== -1) missing = put(sink, table, text, k, keyStart, eq, i + 1, q, 2, missing);
      i = q + 1;
      if (missing === 0 && sink.stopEarly) return -1;
      continue;
    }
    // An unquoted value runs to the next space or tab; an '=' inside it may start glued
    // ENRICHED text (`(null)ARCH=x86_64`).
    const vs = i;
    let ve = vs;
    let innerEq = -1;
    while (ve < end) {
      c = bytes[ve] ?? 0;
      if (c === SPACE || c === TAB) break;
      if (c === EQ && innerEq < 0) innerEq = ve;
      ve++;
    }
    i = ve;
    if (innerEq >= 0) {
      let g = innerEq;
      while (g > vs && isEnrichedKeyChar(bytes[g - 1] ?? 0)) g--;
      if (g > vs && g < innerEq && isUpper(bytes[g] ?? 0)) {
        if (k !== -1) put(sink, table, text, k, keyStart, eq, vs, g, 0, missing);
        return g;
      }
    }
    if (k === -1) continue;
    while (ve > vs && (bytes[ve - 1] ?? 0) === 44) ve--; // trailing ','
    if (ve > vs && (bytes[ve - 1] ?? 0) === 41) {
      const open = text.indexOf('(', vs);
      if (open < 0 || open >= ve) ve--; // legacy `res=success)`
    }
    missing = put(sink, table, text, k, keyStart, eq, vs, ve, 0, missing);
    if (missing === 0 && spans !== undefined && sink.stopEarly) return -1;
  }
  return -1;
}

/** Hands one field to the sink; returns how many wanted keys are still unseen (spans). */
function put(
  sink: ScanSink,
  table: KeyTable | undefined,
  text: string,
  k: number,
  keyStart: number,
  keyEnd: number,
  vs: number,
  ve: number,
  how: number,
  missing: number,
): number {
  const spans = sink.spans;
  if (spans !== undefined) {
    const at = 3 * k;
    const again = spans[at + 2] !== SPAN_ABSENT;
    if (again && table?.lastWins[k] !== true) return missing;
    spans[at] = vs;
    spans[at + 1] = ve;
    spans[at + 2] = how;
    return again ? missing : missing - 1;
  }
  const key = k === -2 || table === undefined ? text.slice(keyStart, keyEnd) : table.keys[k];
  if (key === undefined) return missing;
  const value = how === 2 ? text.slice(vs, ve).trim() : text.slice(vs, ve);
  sink.fields?.push({ key, value, quoted: how !== 0 });
  return missing;
}

/** The number of the key of `table` equal to bytes `[from, to)` (see scanFields), or -1. */
function lookupKey(table: KeyTable, b: Uint8Array, from: number, to: number): number {
  // Most keys are told apart by length, first and last character: one map probe, then one
  // full comparison.
  const k = table.byShape.get(shapeOfBytes(b, from, to));
  if (k === undefined) return -1;
  if (k >= 0) return matchesAt(b, from, table.keys[k] ?? '', to - from) ? k : -1;
  const candidates = table.byLength[to - from];
  if (candidates === undefined) return -1;
  for (const c of candidates) {
    if (matchesAt(b, from, table.keys[c] ?? '', to - from)) return c;
  }
  return -1;
}

/** True when bytes `b` hold the first `n` characters of `word` (ASCII) at `at`. */
function matchesAt(b: Uint8Array, at: number, word: string, n: number): boolean {
  for (let i = 0; i < n; i++) if (b[at + i] !== word.charCodeAt(i)) return false;
  return true;
}

function isUpper(c: number): boolean {
  return c >= 65 && c <= 90;
}

function isEnrichedKeyChar(c: number): boolean {
  return (c >= 65 && c <= 90) || c === 95 || c === 45;
}
