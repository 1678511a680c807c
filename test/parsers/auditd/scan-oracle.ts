/**
 * The field scanner as it was before it read bytes (src/parsers/auditd/scan.ts at
 * c9250c2, character by character on the string): the oracle the byte scanner must agree
 * with, kept verbatim but for its name.
 */
import { type KeyTable, type ScanSink, SPAN_ABSENT } from '../../../src/parsers/auditd/scan.js';

const SPACE = 32;
const TAB = 9;
const DQ = 34;
const SQ = 39;
const LBRACE = 123;
const EQ = 61;

/** Length, first and last character of `text[from, to)` as one small integer. */
function shapeOf(text: string, from: number, to: number): number {
  const n = to - from;
  if (n === 0) return 0;
  return n * 65536 + (text.charCodeAt(from) & 255) * 256 + (text.charCodeAt(to - 1) & 255);
}

/**
 * Splits `text[start, end)` into `key=value` fields with a single left-to-right scan (no
 * regex): double-quoted values end at the next `"`, a single-quoted value (the nested
 * user-space `msg='...'`) ends at the last `'` before `end`, `{ ... }` ends at `}`, other
 * values end at a space. Bare words (`user`, `PAM:`, `:`) are skipped. Linear in the input.
 * This is the one field grammar: `tokenize` and `pick` both read through it.
 *
 * @param text - The line.
 * @param start - Where the fields start.
 * @param end - Where they end (the `0x1d` separator or the line end).
 * @param table - Wanted keys, or undefined for all.
 * @param sink - Where fields go.
 * @returns Where glued ENRICHED fields start (`key=(null)ARCH=x86_64`), else `-1`.
 * @example
 * ```ts
 * const fields: RawField[] = [];
 * scanFields('uid=0 comm="sshd"', 0, 17, undefined, { fields, spans: undefined, stopEarly: false });
 * ```
 * @internal
 */
export function scanFieldsByChars(
  text: string,
  start: number,
  end: number,
  table: KeyTable | undefined,
  sink: ScanSink,
): number {
  const spans = sink.spans;
  let missing = table === undefined ? -1 : table.keys.length;
  // Character loops rather than indexOf: fields are short, and a call per field boundary
  // cost more than the characters. Every position is visited a bounded number of times.
  let i = start;
  while (i < end) {
    let c = text.charCodeAt(i);
    if (c === SPACE || c === TAB) {
      i++;
      continue;
    }
    // The key runs to the first '=' before any space or tab; without one it is a bare word.
    let eq = i;
    while (eq < end) {
      c = text.charCodeAt(eq);
      if (c === EQ || c === SPACE || c === TAB) break;
      eq++;
    }
    if (eq === end || c !== EQ) {
      i = eq; // bare word
      continue;
    }
    let keyStart = i;
    while (keyStart < eq && text.charCodeAt(keyStart) === 40) keyStart++;
    // -1: not wanted, -2: every key is wanted.
    const k = table === undefined ? -2 : lookupKey(table, text, keyStart, eq);
    i = eq + 1;
    const v = i < end ? text.charCodeAt(i) : -1;
    if (v === DQ) {
      let q = text.indexOf('"', i + 1);
      if (q < 0 || q >= end) q = end;
      if (k !== -1) missing = put(sink, table, text, k, keyStart, eq, i + 1, q, 1, missing);
      i = q + 1;
      if (i < end && isUpper(text.charCodeAt(i))) return i;
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
      c = text.charCodeAt(ve);
      if (c === SPACE || c === TAB) break;
      if (c === EQ && innerEq < 0) innerEq = ve;
      ve++;
    }
    i = ve;
    if (innerEq >= 0) {
      let b = innerEq;
      while (b > vs && isEnrichedKeyChar(text.charCodeAt(b - 1))) b--;
      if (b > vs && b < innerEq && isUpper(text.charCodeAt(b))) {
        if (k !== -1) put(sink, table, text, k, keyStart, eq, vs, b, 0, missing);
        return b;
      }
    }
    if (k === -1) continue;
    while (ve > vs && text.charCodeAt(ve - 1) === 44) ve--; // trailing ','
    if (ve > vs && text.charCodeAt(ve - 1) === 41) {
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
    const seen = spans[at + 2] !== SPAN_ABSENT;
    // First wins, but for a table's last-wins keys.
    if (seen && table?.lastWins[k] !== true) return missing;
    spans[at] = vs;
    spans[at + 1] = ve;
    spans[at + 2] = how;
    return seen ? missing : missing - 1;
  }
  const key = k === -2 || table === undefined ? text.slice(keyStart, keyEnd) : table.keys[k];
  if (key === undefined) return missing;
  const value = how === 2 ? text.slice(vs, ve).trim() : text.slice(vs, ve);
  sink.fields?.push({ key, value, quoted: how !== 0 });
  return missing;
}

/**
 * The number of the key of `table` equal to `text[from, to)`, or -1.
 *
 * @param table - The keys.
 * @param text - The text.
 * @param from - Start of the candidate.
 * @param to - Its end.
 * @returns The key number, or -1.
 * @example
 * ```ts
 * lookupKey(keyTable(['pid']), 'x pid', 2, 5); // 0
 * ```
 * @internal
 */
function lookupKey(table: KeyTable, text: string, from: number, to: number): number {
  // Most keys are told apart by length, first and last character (low byte): one map
  // probe, then one full comparison.
  const k = table.byShape.get(shapeOf(text, from, to));
  if (k === undefined) return -1;
  if (k >= 0) return matchesAt(text, from, table.keys[k] ?? '', 0, to - from) ? k : -1;
  const candidates = table.byLength[to - from];
  if (candidates === undefined) return -1;
  for (const c of candidates) {
    if (matchesAt(text, from, table.keys[c] ?? '', 0, to - from)) return c;
  }
  return -1;
}

/**
 * True when `text` holds `word[from, to)` at `at` (a character loop: `startsWith` costs
 * more for these short words).
 *
 * @param text - The text.
 * @param at - Where to compare in `text`.
 * @param word - The word.
 * @param from - First character of `word` to compare.
 * @param to - One past the last.
 * @returns Whether they match.
 * @example
 * ```ts
 * matchesAt('type=EOE', 0, 'type=', 0, 5); // true
 * ```
 * @internal
 */
function matchesAt(text: string, at: number, word: string, from: number, to: number): boolean {
  if (at + to - from > text.length) return false;
  for (let n = from; n < to; n++) {
    if (text.charCodeAt(at + n - from) !== word.charCodeAt(n)) return false;
  }
  return true;
}

function isUpper(c: number): boolean {
  return c >= 65 && c <= 90;
}

function isEnrichedKeyChar(c: number): boolean {
  return (c >= 65 && c <= 90) || c === 95 || c === 45;
}
