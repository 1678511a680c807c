/**
 * Decodes Zeek's `\xHH` escapes (used for separators inside values and for non-printable or
 * non-ASCII bytes). Runs of escaped bytes that form valid UTF-8 become those characters; other
 * bytes become the code point of the same value. Text without `\x` is returned unchanged.
 *
 * @param text - A raw field value.
 * @returns The decoded value.
 * @example
 * ```ts
 * decodeZeekEscapes('fa\\x7c\\x7cure'); // 'fa||ure'
 * decodeZeekEscapes('caf\\xc3\\xa9');   // 'café'
 * ```
 */
export function decodeZeekEscapes(text: string): string {
  if (!text.includes('\\x')) return text;
  let out = '';
  let i = 0;
  const bytes: number[] = [];
  while (i < text.length) {
    const byte = escapedByte(text, i);
    if (byte !== undefined) {
      bytes.push(byte);
      i += 4;
      continue;
    }
    if (bytes.length > 0) {
      out += bytesToText(bytes);
      bytes.length = 0;
    }
    out += text[i];
    i++;
  }
  if (bytes.length > 0) out += bytesToText(bytes);
  return out;
}

function escapedByte(text: string, i: number): number | undefined {
  if (text.charCodeAt(i) !== 92 || text.charCodeAt(i + 1) !== 120 || i + 3 >= text.length) {
    return undefined;
  }
  const hi = hexValue(text.charCodeAt(i + 2));
  const lo = hexValue(text.charCodeAt(i + 3));
  return hi < 0 || lo < 0 ? undefined : hi * 16 + lo;
}

function hexValue(code: number): number {
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 97 && code <= 102) return code - 87;
  if (code >= 65 && code <= 70) return code - 55;
  return -1;
}

/** UTF-8 when the bytes are valid UTF-8, else one code point per byte. */
function bytesToText(bytes: readonly number[]): string {
  const points: number[] = [];
  let i = 0;
  while (i < bytes.length) {
    const b0 = bytes[i] ?? 0;
    const length =
      b0 < 0x80
        ? 1
        : b0 >= 0xc2 && b0 < 0xe0
          ? 2
          : b0 >= 0xe0 && b0 < 0xf0
            ? 3
            : b0 >= 0xf0 && b0 < 0xf5
              ? 4
              : 0;
    if (length === 0 || i + length > bytes.length) return latin1(bytes);
    let point = length === 1 ? b0 : b0 & (0xff >> (length + 1));
    for (let k = 1; k < length; k++) {
      const b = bytes[i + k] ?? 0;
      if ((b & 0xc0) !== 0x80) return latin1(bytes);
      point = (point << 6) | (b & 0x3f);
    }
    const min = length === 2 ? 0x80 : length === 3 ? 0x800 : length === 4 ? 0x10000 : 0;
    if (point < min || point > 0x10ffff || (point >= 0xd800 && point <= 0xdfff)) {
      return latin1(bytes);
    }
    points.push(point);
    i += length;
  }
  return String.fromCodePoint(...points);
}

function latin1(bytes: readonly number[]): string {
  return String.fromCharCode(...bytes);
}
