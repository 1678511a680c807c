import { open } from 'node:fs/promises';
import { StringDecoder } from 'node:string_decoder';

/**
 * Bytes per read, into one buffer reused for every read of a file. Each read costs a round
 * trip to libuv's thread pool, about as much as decoding a 64 KiB window: a stream of 64 KiB
 * reads spent more time there than in reading. Reading the 72 MiB audit benchmark file cost
 * about 90 ms of CPU with 64 KiB reads (decoded), 55 with 128 KiB, 41 with 256 KiB and 39
 * with 1 MiB. The buffer is held while its file is open, and `sshtrail scan` keeps every
 * input open while it merges them: 256 KiB gets nearly all of the gain for a quarter of
 * 1 MiB's memory (200 inputs hold 50 MiB of buffers, against about 13 with 64 KiB reads).
 */
const READ_BYTES = 1 << 18;

/**
 * Bytes decoded into one string. Strings this small stay in V8's young generation and in
 * cache while their lines are cut and parsed; decoding a whole 1 MiB read into one string
 * made a large object per read and cost about twice as much.
 */
const DECODE_BYTES = 1 << 16;

/**
 * A plain (not gzip) file's text as UTF-8 decoded pieces of about 64 KiB, read 256 KiB at a
 * time: the pieces a stream of 64 KiB reads with the `utf8` encoding gave (the same decoder
 * sees the same bytes, split at the same offsets), for under half the CPU. A piece ends
 * anywhere: a line, or a character whose bytes the decoder holds back for the next piece, may
 * continue there, so consumers cut lines across pieces. Invalid UTF-8 becomes U+FFFD.
 *
 * @param path - The file.
 * @returns The text, in pieces.
 * @example
 * ```ts
 * let units = 0;
 * for await (const piece of plainTextPieces('/var/log/auth.log')) units += piece.length;
 * ```
 * @internal
 */
export async function* plainTextPieces(path: string): AsyncIterable<string> {
  const file = await open(path, 'r');
  try {
    const buffer = Buffer.allocUnsafe(READ_BYTES);
    const decoder = new StringDecoder('utf8');
    for (;;) {
      const { bytesRead } = await file.read(buffer, 0, READ_BYTES, null);
      if (bytesRead === 0) break;
      // Every window is decoded (a copy) before the next read overwrites the buffer.
      for (let start = 0; start < bytesRead; start += DECODE_BYTES) {
        const text = decoder.write(
          buffer.subarray(start, Math.min(start + DECODE_BYTES, bytesRead)),
        );
        if (text.length > 0) yield text;
      }
    }
    const rest = decoder.end();
    if (rest.length > 0) yield rest;
  } finally {
    await file.close();
  }
}
