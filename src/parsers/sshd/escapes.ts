const SIMPLE: Readonly<Record<string, number>> = {
  '\\': 0x5c,
  n: 0x0a,
  t: 0x09,
  r: 0x0d,
  a: 0x07,
  b: 0x08,
  f: 0x0c,
  v: 0x0b,
  s: 0x20,
  '0': 0x00,
};

function isOctal(c: number): boolean {
  return c >= 48 && c <= 55;
}

/**
 * Decodes sshd's `strnvis` escaping (VIS_CSTYLE | VIS_OCTAL) for DISPLAY: `\ooo` octal bytes,
 * `\\`, `\n`, `\t`, `\r`, `\a`, `\b`, `\f`, `\v`, `\s`, `\0`. Runs of octal bytes that form valid
 * UTF-8 become those characters (`\303\251` -> `é`); invalid sequences are left escaped, so the
 * result never contains a replacement character. Events keep the raw text; use this to show it.
 *
 * @param text - Text as sshd logged it (e.g. a user name).
 * @returns The decoded text.
 * @example
 * ```ts
 * decodeSshdEscapes('Invalid user ren\\303\\251'); // 'Invalid user rené'
 * ```
 */
export function decodeSshdEscapes(text: string): string {
  if (!text.includes('\\')) return text;
  let out = '';
  let i = 0;
  const n = text.length;
  while (i < n) {
    const slash = text.indexOf('\\', i);
    if (slash < 0) {
      out += text.slice(i);
      break;
    }
    out += text.slice(i, slash);
    i = slash;
    // Gather a run of octal escapes into bytes and decode it as UTF-8 when valid.
    const bytes: number[] = [];
    let j = i;
    while (
      j + 3 < n + 1 &&
      text.charCodeAt(j) === 92 &&
      isOctal(text.charCodeAt(j + 1)) &&
      isOctal(text.charCodeAt(j + 2)) &&
      isOctal(text.charCodeAt(j + 3))
    ) {
      bytes.push(Number.parseInt(text.slice(j + 1, j + 4), 8) & 0xff);
      j += 4;
    }
    if (bytes.length > 0) {
      out += decodeBytes(bytes, text.slice(i, j));
      i = j;
      continue;
    }
    const next = text[i + 1];
    const simple = next === undefined ? undefined : SIMPLE[next];
    if (simple !== undefined) {
      out += String.fromCharCode(simple);
      i += 2;
    } else {
      out += '\\';
      i += 1;
    }
  }
  return out;
}

function decodeBytes(bytes: readonly number[], raw: string): string {
  if (bytes.every((b) => b < 0x80)) return String.fromCharCode(...bytes);
  let out = '';
  let k = 0;
  while (k < bytes.length) {
    const b = bytes[k] ?? 0;
    const length =
      b < 0x80
        ? 1
        : b >= 0xc2 && b <= 0xdf
          ? 2
          : b >= 0xe0 && b <= 0xef
            ? 3
            : b >= 0xf0 && b <= 0xf4
              ? 4
              : 0;
    const point = length === 0 ? undefined : codePoint(bytes, k, length);
    if (point === undefined) {
      // Not valid UTF-8 here: keep this byte escaped as logged.
      out += raw.slice(k * 4, k * 4 + 4);
      k += 1;
    } else {
      out += String.fromCodePoint(point);
      k += length;
    }
  }
  return out;
}

/** Decodes one UTF-8 sequence strictly (no overlongs, no surrogates, at most U+10FFFF). */
function codePoint(bytes: readonly number[], at: number, length: number): number | undefined {
  const first = bytes[at] ?? 0;
  if (length === 1) return first;
  let point = first & (length === 2 ? 0x1f : length === 3 ? 0x0f : 0x07);
  for (let k = 1; k < length; k++) {
    const b = bytes[at + k];
    if (b === undefined || (b & 0xc0) !== 0x80) return undefined;
    point = (point << 6) | (b & 0x3f);
  }
  const min = length === 2 ? 0x80 : length === 3 ? 0x800 : 0x10000;
  if (point < min || point > 0x10ffff || (point >= 0xd800 && point <= 0xdfff)) return undefined;
  return point;
}
