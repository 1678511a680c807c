import { decodeJournalBytes } from '../journald/decode-bytes.js';

/**
 * Reads a NUL-padded, not necessarily NUL-terminated, fixed-size string field: the bytes up
 * to the first NUL within the field, as UTF-8 when well-formed, else Latin-1 (one character
 * per byte, nothing dropped). Returns `undefined` for an empty field.
 *
 * @internal
 */
export function fieldString(bytes: Uint8Array, offset: number, size: number): string | undefined {
  let end = offset;
  const limit = Math.min(offset + size, bytes.length);
  let ascii = true;
  while (end < limit && bytes[end] !== 0) {
    if ((bytes[end] ?? 0) >= 0x80) ascii = false;
    end++;
  }
  if (end === offset) return undefined;
  if (ascii) {
    let s = '';
    for (let i = offset; i < end; i++) s += String.fromCharCode(bytes[i] ?? 0);
    return s;
  }
  return decodeJournalBytes(Array.from(bytes.subarray(offset, end)));
}

/**
 * Makes text safe to print on one line: control characters and DEL become `\xNN`,
 * backslashes are doubled.
 *
 * @internal
 */
export function printable(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) out += `\\x${c.toString(16).padStart(2, '0')}`;
    else if (c === 0x5c) out += '\\\\';
    else out += text.charAt(i);
  }
  return out;
}
