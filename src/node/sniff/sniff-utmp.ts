/**
 * Sizes of one `struct utmp` record: 384 bytes with glibc's 32-bit `ut_tv` (x86_64 and most
 * files), 400 bytes where `ut_tv` is two 64-bit fields (some aarch64 and s390 builds).
 */
export const UTMP_RECORD_SIZES: readonly number[] = [384, 400];

const LINE_OFFSET = 8;
const LINE_SIZE = 32;
const USER_OFFSET = 44;
const USER_SIZE = 32;

/**
 * Tells whether bytes look like a utmp/wtmp/btmp file: at least one whole record (384 or 400
 * bytes, see {@link UTMP_RECORD_SIZES}), and every whole record in `head` plausible (a `ut_type` from 0 to 9 in either byte order, and
 * `ut_line`/`ut_user` holding printable text padded with NUL bytes).
 *
 * @param head - The first bytes of the file (a few records are enough).
 * @param size - The file's total size in bytes.
 * @returns Whether it is utmp, and a note (byte order, partial last record).
 * @example
 * ```ts
 * sniffUtmp(new Uint8Array(384), 384); // { utmp: true, note: '1 records of 384 bytes (little-endian)' }
 * ```
 */
export function sniffUtmp(
  head: Uint8Array,
  size: number,
): { readonly utmp: boolean; readonly note: string } {
  let first: { readonly utmp: boolean; readonly note: string } | undefined;
  for (const recordSize of UTMP_RECORD_SIZES) {
    const result = sniffWith(head, size, recordSize);
    if (result.utmp) return result;
    first ??= result;
  }
  return first ?? { utmp: false, note: 'no record size' };
}

function sniffWith(
  head: Uint8Array,
  size: number,
  recordSize: number,
): { readonly utmp: boolean; readonly note: string } {
  if (size < recordSize) return { utmp: false, note: 'smaller than one utmp record' };
  const records = Math.floor(Math.min(head.length, size) / recordSize);
  if (records === 0) return { utmp: false, note: 'not enough bytes read' };
  let little = 0;
  let big = 0;
  for (let r = 0; r < records; r++) {
    const at = r * recordSize;
    const b0 = head[at] ?? 255;
    const b1 = head[at + 1] ?? 255;
    if (b1 === 0 && b0 <= 9) little++;
    else if (b0 === 0 && b1 <= 9) big++;
    else return { utmp: false, note: `record ${r + 1} has no valid ut_type` };
    if (!isPaddedText(head, at + LINE_OFFSET, LINE_SIZE)) {
      return { utmp: false, note: `record ${r + 1} has a non-text ut_line` };
    }
    if (!isPaddedText(head, at + USER_OFFSET, USER_SIZE)) {
      return { utmp: false, note: `record ${r + 1} has a non-text ut_user` };
    }
  }
  const whole = Math.floor(size / recordSize);
  const rest = size % recordSize;
  const order = big > little ? 'big-endian' : 'little-endian';
  const partial = rest === 0 ? '' : `, ${rest} trailing bytes of a partial record`;
  return { utmp: true, note: `${whole} records of ${recordSize} bytes (${order}${partial})` };
}

function isPaddedText(bytes: Uint8Array, start: number, length: number): boolean {
  // NUL padding, and text after a terminator (slots are reused in place), are fine; control bytes are not.
  for (let i = start; i < start + length; i++) {
    const b = bytes[i] ?? 0;
    if (b !== 0 && (b < 32 || b === 127)) return false;
  }
  return true;
}
