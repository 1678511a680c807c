/**
 * Decodes a journald byte-array value (`"MESSAGE":[72,105,255]`, written by
 * `journalctl -o json` for non-UTF-8 or binary values). Well-formed UTF-8 is decoded as
 * UTF-8; anything else is read as Latin-1, one character per byte, so no byte is lost or
 * replaced. Returns `undefined` when an element is not an integer in 0-255.
 *
 * @internal
 */
export function decodeJournalBytes(bytes: readonly unknown[]): string | undefined {
  const codes: number[] = [];
  let utf8 = true;
  for (const b of bytes) {
    if (typeof b !== 'number' || !Number.isInteger(b) || b < 0 || b > 255) return undefined;
  }
  const n = bytes.length;
  const at = (k: number): number => {
    const b = bytes[k];
    return typeof b === 'number' ? b : -1;
  };
  for (let i = 0; i < n && utf8; ) {
    const b0 = at(i);
    let need: number;
    let cp: number;
    let min: number;
    if (b0 < 0x80) {
      codes.push(b0);
      i++;
      continue;
    }
    if (b0 >= 0xc2 && b0 <= 0xdf) {
      need = 1;
      cp = b0 & 0x1f;
      min = 0x80;
    } else if (b0 >= 0xe0 && b0 <= 0xef) {
      need = 2;
      cp = b0 & 0x0f;
      min = 0x800;
    } else if (b0 >= 0xf0 && b0 <= 0xf4) {
      need = 3;
      cp = b0 & 0x07;
      min = 0x10000;
    } else {
      utf8 = false;
      break;
    }
    if (i + need >= n) {
      utf8 = false;
      break;
    }
    for (let k = 1; k <= need; k++) {
      const b = at(i + k);
      if (b < 0 || (b & 0xc0) !== 0x80) {
        utf8 = false;
        break;
      }
      cp = (cp << 6) | (b & 0x3f);
    }
    if (!utf8 || cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
      utf8 = false;
      break;
    }
    codes.push(cp);
    i += need + 1;
  }
  const source = utf8 ? codes : (bytes as readonly number[]);
  let out = '';
  for (let i = 0; i < source.length; i += 4096) {
    out += String.fromCodePoint(...source.slice(i, i + 4096));
  }
  return out;
}
