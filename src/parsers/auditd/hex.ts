import { HEX_PAIRS } from './patterns.js';

/**
 * Tells whether `text` is a non-empty, even-length run of hex digits: the form audit uses
 * for string fields that hold a space, a quote, a control byte or non-ASCII.
 *
 * @param text - An unquoted field value.
 * @returns True when the value is audit hex encoding.
 * @example
 * ```ts
 * isAuditHex('2F746D70'); // true
 * isAuditHex('(null)');   // false
 * ```
 */
export function isAuditHex(text: string): boolean {
  const n = text.length;
  if (n === 0 || n % 2 !== 0) return false;
  if (n > LONG_HEX) {
    HEX_PAIRS.lastIndex = 0;
    return HEX_PAIRS.test(text) && HEX_PAIRS.lastIndex === n;
  }
  for (let i = 0; i < n; i++) {
    if (hexDigit(text.charCodeAt(i)) < 0) return false;
  }
  return true;
}

/**
 * Decodes audit hex into bytes. Invalid digits decode as 0 (call {@link isAuditHex} first).
 *
 * @param text - Hex text (an odd last digit is ignored).
 * @returns The bytes.
 * @example
 * ```ts
 * hexToBytes('0100'); // Uint8Array [1, 0]
 * ```
 */
export function hexToBytes(text: string): Uint8Array {
  const out = new Uint8Array(text.length >>> 1);
  for (let i = 0; i < out.length; i++) {
    const hi = hexDigit(text.charCodeAt(2 * i));
    const lo = hexDigit(text.charCodeAt(2 * i + 1));
    out[i] = (Math.max(hi, 0) << 4) | Math.max(lo, 0);
  }
  return out;
}

/**
 * Decodes audit hex into text (UTF-8, invalid sequences become U+FFFD).
 *
 * @param text - Hex text.
 * @returns The decoded string.
 * @example
 * ```ts
 * hexToText('2F746D702F6120622063'); // '/tmp/a b c'
 * ```
 */
export function hexToText(text: string): string {
  return hexSpanToText(text, 0, text.length);
}

/**
 * {@link hexToText} of `text[from, to)` (no slice). ASCII, the common case, is decoded
 * straight to its string; other bytes go through {@link utf8}.
 *
 * @param text - Text holding hex.
 * @param from - Where the hex starts.
 * @param to - Where it ends (an odd last digit is ignored).
 * @returns The decoded string.
 * @example
 * ```ts
 * hexSpanToText('01002F746D70', 4, 12); // '/tmp'
 * ```
 */
export function hexSpanToText(text: string, from: number, to: number): string {
  const n = (to - from) >>> 1;
  if (n <= ASCII_CHUNK) {
    const codes: number[] = new Array(n);
    let ascii = true;
    for (let i = 0; i < n && ascii; i++) {
      const c = byteAt(text, from + 2 * i);
      codes[i] = c;
      ascii = c < 0x80;
    }
    if (ascii) return String.fromCharCode.apply(null, codes);
  }
  const bytes = hexToBytes(text.slice(from, from + 2 * n));
  return utf8(bytes, 0, bytes.length);
}

/**
 * The byte written as two hex digits at `at` (invalid digits read as 0, like
 * {@link hexToBytes}).
 *
 * @param text - Text holding hex.
 * @param at - Where the two digits are.
 * @returns The byte.
 * @example
 * ```ts
 * byteAt('0A2F', 2); // 47
 * ```
 */
export function byteAt(text: string, at: number): number {
  return (
    (Math.max(hexDigit(text.charCodeAt(at)), 0) << 4) |
    Math.max(hexDigit(text.charCodeAt(at + 1)), 0)
  );
}

/**
 * Decodes UTF-8 bytes `[start, end)` without `TextDecoder` (the core has no DOM types).
 * Malformed sequences decode as U+FFFD; never throws.
 *
 * @param bytes - The bytes.
 * @param start - First byte index.
 * @param end - One past the last byte index.
 * @returns The decoded string.
 * @example
 * ```ts
 * utf8(new Uint8Array([0x68, 0x69]), 0, 2); // 'hi'
 * ```
 */
export function utf8(bytes: Uint8Array, start: number, end: number): string {
  let out = '';
  let i = start;
  // ASCII runs in one call: a string built a character at a time costs more than the rest.
  while (i < end && (bytes[i] ?? 0) < 0x80) {
    let run = i;
    while (run < end && run - i < ASCII_CHUNK && (bytes[run] ?? 0) < 0x80) run++;
    out += String.fromCharCode.apply(null, bytes.subarray(i, run) as unknown as number[]);
    i = run;
  }
  while (i < end) {
    const b = bytes[i] ?? 0;
    if (b < 0x80) {
      out += String.fromCharCode(b);
      i += 1;
      continue;
    }
    const need = b >= 0xf0 && b < 0xf5 ? 3 : b >= 0xe0 ? (b < 0xf0 ? 2 : 0) : b >= 0xc2 ? 1 : 0;
    if (need === 0 || i + need >= end) {
      out += '\uFFFD';
      i += 1;
      continue;
    }
    let cp = b & (need === 1 ? 0x1f : need === 2 ? 0x0f : 0x07);
    let ok = true;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k] ?? 0;
      if ((c & 0xc0) !== 0x80) {
        ok = false;
        break;
      }
      cp = (cp << 6) | (c & 0x3f);
    }
    const min = need === 1 ? 0x80 : need === 2 ? 0x800 : 0x10000;
    if (!ok || cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
      out += '\uFFFD';
      i += 1;
      continue;
    }
    out += String.fromCodePoint(cp);
    i += need + 1;
  }
  return out;
}

/** Most bytes passed to one `String.fromCharCode` call (argument count limits). */
const ASCII_CHUNK = 4096;

/** Values longer than this are checked with {@link HEX_PAIRS} (shorter: the loop is cheaper). */
const LONG_HEX = 24;

function hexDigit(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 65 && c <= 70) return c - 55;
  if (c >= 97 && c <= 102) return c - 87;
  return -1;
}
