/**
 * A utmp record layout: glibc's 384-byte record with 32-bit `ut_session`/`ut_tv` (x86_64,
 * i386, and 64-bit builds with `__WORDSIZE_TIME64_COMPAT32`), or the 400-byte record with
 * 64-bit `long` session and `timeval` (aarch64, s390x and other 64-bit builds without it);
 * in either byte order.
 *
 * @example
 * ```ts
 * const x86: UtmpLayout = { recordSize: 384, byteOrder: 'little' };
 * ```
 */
export interface UtmpLayout {
  /** Bytes per record. */
  readonly recordSize: 384 | 400;
  /** Integer byte order. */
  readonly byteOrder: 'little' | 'big';
}

/** The candidate layouts, in tie-break order (x86_64 first). */
const CANDIDATES: readonly UtmpLayout[] = [
  { recordSize: 384, byteOrder: 'little' },
  { recordSize: 400, byteOrder: 'little' },
  { recordSize: 384, byteOrder: 'big' },
  { recordSize: 400, byteOrder: 'big' },
];

/** Records looked at per candidate when detecting the layout. */
const SAMPLE_RECORDS = 64;

/** The fixed integer fields of one record, read with a layout. */
export interface UtmpIntegers {
  /** `ut_type`. */
  readonly type: number;
  /** `ut_pid`. */
  readonly pid: number;
  /** `ut_exit.e_termination`. */
  readonly termination: number;
  /** `ut_exit.e_exit`. */
  readonly exit: number;
  /** `ut_session` (low 32 bits in the 400-byte layout). */
  readonly session: number;
  /** `ut_tv.tv_sec`; `NaN` when a 64-bit value does not fit 32 bits unsigned. */
  readonly seconds: number;
  /** `ut_tv.tv_usec`; `NaN` when a 64-bit value does not fit 32 bits. */
  readonly microseconds: number;
  /** Offset of `ut_addr_v6`. */
  readonly addressOffset: number;
}

/**
 * Reads the integer fields of the record at `offset` (which must hold a whole record).
 *
 * @internal
 */
export function readIntegers(view: DataView, offset: number, layout: UtmpLayout): UtmpIntegers {
  const le = layout.byteOrder === 'little';
  const type = view.getInt16(offset, le);
  const pid = view.getInt32(offset + 4, le);
  const termination = view.getInt16(offset + 332, le);
  const exit = view.getInt16(offset + 334, le);
  if (layout.recordSize === 384) {
    return {
      type,
      pid,
      termination,
      exit,
      session: view.getInt32(offset + 336, le),
      seconds: view.getInt32(offset + 340, le),
      microseconds: view.getInt32(offset + 344, le),
      addressOffset: offset + 348,
    };
  }
  return {
    type,
    pid,
    termination,
    exit,
    session: int64Low(view, offset + 336, le),
    seconds: int64Low(view, offset + 344, le),
    microseconds: int64Low(view, offset + 352, le),
    addressOffset: offset + 360,
  };
}

/** A 64-bit integer whose high word is 0 (or -1 with a negative low word), else `NaN`. */
function int64Low(view: DataView, offset: number, le: boolean): number {
  const high = view.getInt32(le ? offset + 4 : offset, le);
  const low = view.getUint32(le ? offset : offset + 4, le);
  if (high === 0) return low;
  if (high === -1 && low >= 0x80000000) return low - 0x100000000;
  return Number.NaN;
}

/**
 * Whether a record read with a layout looks real: a known type (1-9; EMPTY slots are
 * neutral), the padding after `ut_type` zero, a non-negative time that fits 32 bits and
 * microseconds below one million.
 *
 * @internal
 */
export function plausible(view: DataView, offset: number, layout: UtmpLayout): boolean {
  const n = readIntegers(view, offset, layout);
  if (n.type < 0 || n.type > 9) return false;
  if (view.getUint16(offset + 2) !== 0) return false;
  if (!(n.seconds >= 0) || !(n.microseconds >= 0 && n.microseconds < 1_000_000)) return false;
  return true;
}

/**
 * Detects the layout of a utmp/wtmp/btmp file from its first records: each candidate
 * scores +1 per plausible non-empty record and -1 per implausible one; a length that is
 * a whole number of records breaks ties, then x86_64 (384, little-endian) wins. Returns
 * `undefined` when no candidate scores above zero (no record looks real).
 *
 * @param bytes - The file contents.
 * @returns The layout, or `undefined`.
 * @example
 * ```ts
 * detectUtmpLayout(new Uint8Array(384)); // undefined (a single empty slot says nothing)
 * ```
 */
export function detectUtmpLayout(bytes: Uint8Array): UtmpLayout | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let best: UtmpLayout | undefined;
  let bestScore = 0;
  for (const layout of CANDIDATES) {
    const count = Math.min(SAMPLE_RECORDS, Math.floor(bytes.length / layout.recordSize));
    let score = 0;
    for (let k = 0; k < count; k++) {
      const offset = k * layout.recordSize;
      if (!plausible(view, offset, layout)) score -= 1;
      else if (view.getInt16(offset, layout.byteOrder === 'little') !== 0) score += 1;
    }
    if (count > 0 && bytes.length % layout.recordSize === 0) score += 0.5;
    if (score > bestScore) {
      best = layout;
      bestScore = score;
    }
  }
  return bestScore >= 1 ? best : undefined;
}
