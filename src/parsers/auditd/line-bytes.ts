/** The part of the web-standard `TextEncoder` used here (the core compiles without DOM types). */
interface Utf8Encoder {
  encodeInto(source: string, destination: Uint8Array): { read: number; written: number };
}
declare const TextEncoder: new () => Utf8Encoder;

const encoder = new TextEncoder();

/** Reused by every call (parsing is synchronous, so no two lines share it at once). */
let scratch = new Uint8Array(1024);

/**
 * The UTF-16 code units of `line` as bytes, one per unit, in a scratch buffer that the
 * next call overwrites: byte `i` is `line.charCodeAt(i)` when that is ASCII, `0xff` for any
 * other unit (no header character or digit), and byte `line.length` is `0` (the end, which
 * also matches none of them). Bytes after it are stale: read up to the end byte only.
 *
 * Why: reading a sliced line string costs about 2-3 ns per `charCodeAt`, a byte of a
 * `Uint8Array` under 1 ns, and one native `encodeInto` copies a pure-ASCII line (the
 * common case) for less than the header reads it saves. Other lines are copied a unit at
 * a time, so positions are string indices either way.
 *
 * @param line - The line.
 * @returns The scratch bytes (valid until the next call).
 * @example
 * ```ts
 * const b = lineBytes('type=EOE msg=audit(1.000:5):'); // b[0] === 116, b[28] === 0
 * ```
 * @internal
 */
export function lineBytes(line: string): Uint8Array {
  const n = line.length;
  if (n >= scratch.length) {
    let size = scratch.length;
    while (size <= n) size *= 2;
    scratch = new Uint8Array(size);
  }
  const b = scratch;
  const done = encoder.encodeInto(line, b);
  if (done.read !== n || done.written !== n) {
    for (let i = 0; i < n; i++) {
      const c = line.charCodeAt(i);
      b[i] = c < 0x80 ? c : 0xff;
    }
  }
  b[n] = 0;
  return b;
}

/** Reused by every {@link textBytes} call; apart from {@link lineBytes}'s (no call clobbers the other's bytes). */
let chunkScratch = new Uint8Array(0);

/** Most units {@link textBytes} copies at once, so its scratch stays under 512 KiB. */
export const TEXT_BYTES_MAX: number = 1 << 18;

/**
 * Copies `text` from `start` to `end` (at most {@link TEXT_BYTES_MAX} units) as bytes into a
 * scratch buffer that the next call overwrites, when every unit there is ASCII: then byte
 * `i` is `text.charCodeAt(start + i)` and byte `end - start` is `0`, like {@link lineBytes}
 * for a line. Otherwise returns `undefined` (the caller reads such text a line at a time).
 *
 * Why: one native copy of a whole read chunk costs a fraction of one call per line, and a
 * line's bytes are then read at its offset in the chunk's.
 *
 * @param text - The text.
 * @param start - Where the copy starts.
 * @param end - Where it ends (exclusive), at most {@link TEXT_BYTES_MAX} after `start`.
 * @returns The scratch bytes (valid until the next call), or `undefined` for non-ASCII text.
 * @example
 * ```ts
 * const b = textBytes('type=EOE msg=audit(1.000:5):\n', 0, 29); // b?.[28] === 10, b?.[29] === 0
 * ```
 * @internal
 */
export function textBytes(text: string, start: number, end: number): Uint8Array | undefined {
  const n = end - start;
  if (n >= chunkScratch.length) {
    // Grown to the largest piece read, which the cap bounds.
    let size = Math.max(chunkScratch.length, 1024);
    while (size <= n) size *= 2;
    chunkScratch = new Uint8Array(size);
  }
  const b = chunkScratch;
  const done = encoder.encodeInto(
    start === 0 && end === text.length ? text : text.slice(start, end),
    b,
  );
  // Any non-ASCII unit takes more than one byte, or does not fit: fewer units read.
  if (done.read !== n || done.written !== n) return undefined;
  b[n] = 0;
  return b;
}
