import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import type { Transform } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { plainTextPieces } from './read-plain-text.js';

const GZIP_MAGIC_0 = 0x1f;
const GZIP_MAGIC_1 = 0x8b;

/** Tells whether a file starts with the gzip magic bytes (rotated `*.gz` logs). */
export async function isGzipFile(path: string): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const head = Buffer.alloc(2);
    const { bytesRead } = await handle.read(head, 0, 2, 0);
    return bytesRead === 2 && head[0] === GZIP_MAGIC_0 && head[1] === GZIP_MAGIC_1;
  } finally {
    await handle.close();
  }
}

/**
 * Opens a file as UTF-8 text in pieces: gunzipped when its content (not its name) is gzip,
 * else read by {@link plainTextPieces}. Invalid UTF-8 becomes U+FFFD, so arbitrary bytes never
 * stop the read. The pieces end anywhere; readers cut lines across them.
 */
export async function openText(path: string): Promise<AsyncIterable<string>> {
  if (!(await isGzipFile(path))) return plainTextPieces(path);
  const raw = createReadStream(path, { highWaterMark: 1 << 18 });
  const stream = raw.pipe(gunzipOf(path));
  raw.on('error', (error) => stream.destroy(error));
  // A reader that stops early destroys the gunzip stream only: close the file too.
  stream.on('close', () => raw.destroy());
  stream.setEncoding('utf8');
  return stream as AsyncIterable<string>;
}

/** A gunzip stream whose errors (a truncated or corrupt file) name the file. */
function gunzipOf(path: string): Transform {
  const gunzip = createGunzip();
  // Runs before the reader's own listener, so the error it rejects with says which file.
  gunzip.on('error', (error) => {
    error.message = `${path}: gzip: ${error.message}`;
  });
  return gunzip;
}
