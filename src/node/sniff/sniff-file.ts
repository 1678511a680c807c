import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';
import { isGzipFile } from '../open-text.js';
import { type SniffResult, sniffFormat } from './sniff-format.js';
import { sniffUtmp } from './sniff-utmp.js';

const HEAD_BYTES = 1 << 16;

/**
 * Decides a file's format from its first 64 KiB (gunzipped when the content is gzip): binary
 * content is checked as utmp, text goes to {@link sniffFormat}.
 *
 * @param path - The file.
 * @returns The format and why, or `unsure` and why.
 * @throws Error (from `node:fs`) when the file cannot be read.
 * @example
 * ```ts
 * const r = await sniffFile('/var/log/audit/audit.log');
 * if (r.kind === 'format') console.log(r.format); // auditd
 * ```
 */
export async function sniffFile(path: string): Promise<SniffResult> {
  const info = await stat(path);
  const gzip = await isGzipFile(path);
  const head = await readHead(path, gzip);
  return sniffBytes(head, gzip ? Number.POSITIVE_INFINITY : info.size);
}

/**
 * Decides the format of the first bytes of an input (see {@link sniffFile}).
 *
 * @param head - The first bytes (up to 64 KiB are looked at).
 * @param size - The input's total size, or `Infinity` when unknown (gzip, stdin).
 * @returns The format and why, or `unsure` and why.
 * @example
 * ```ts
 * sniffBytes(new TextEncoder().encode('type=EOE msg=audit(1.0:1): \n'), 28);
 * ```
 */
export function sniffBytes(head: Uint8Array, size: number): SniffResult {
  if (head.length === 0) return { kind: 'unsure', reason: 'the input is empty' };
  if (head.subarray(0, 4096).includes(0)) {
    const utmp = sniffUtmp(head, Number.isFinite(size) ? size : head.length);
    if (utmp.utmp) return { kind: 'format', format: 'utmp', reason: `binary utmp: ${utmp.note}` };
    return { kind: 'unsure', reason: `binary content that is not utmp (${utmp.note})` };
  }
  const text = new TextDecoder('utf-8').decode(head);
  const lines = text.split('\n');
  // The last piece may be cut in the middle of a line.
  if (head.length >= HEAD_BYTES && lines.length > 1) lines.pop();
  return sniffFormat(lines.map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l)));
}

async function readHead(path: string, gzip: boolean): Promise<Uint8Array> {
  const raw = createReadStream(path, gzip ? {} : { start: 0, end: HEAD_BYTES - 1 });
  const stream = gzip ? raw.pipe(createGunzip()) : raw;
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of stream) {
      const buffer = chunk as Buffer;
      chunks.push(buffer);
      total += buffer.length;
      if (total >= HEAD_BYTES) break;
    }
  } catch (error) {
    // A truncated gzip still has a readable head.
    if (total === 0) throw error;
  } finally {
    raw.destroy();
    stream.destroy();
  }
  return new Uint8Array(Buffer.concat(chunks).subarray(0, HEAD_BYTES));
}
