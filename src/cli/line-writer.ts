import { createWriteStream } from 'node:fs';
import type { Writable } from 'node:stream';
import { describeFsError } from '../node/collect-inputs.js';

/** Buffers output lines and writes them in large chunks, honouring back-pressure. */
export interface LineWriter {
  write(line: string): Promise<void>;
  close(): Promise<void>;
}

const FLUSH_AT = 1 << 16;

/**
 * Opens `path` (or stdout when undefined) for line output. The file is opened before anything
 * is read, so a bad `--out` fails fast with one line. A closed stdout (EPIPE, `| head`) surfaces
 * as an error with `code: 'EPIPE'`, which the CLI treats as a quiet end.
 */
export async function openLineWriter(path: string | undefined): Promise<LineWriter> {
  const stream: Writable = path === undefined ? process.stdout : createWriteStream(path);
  let failure: Error | undefined;
  stream.on('error', (error: Error & { code?: string }) => {
    failure =
      path === undefined || error.code === 'EPIPE'
        ? error
        : Object.assign(new Error(`cannot write ${path}: ${describeFsError(error)}`), {
            code: error.code,
          });
  });
  if (path !== undefined) {
    await new Promise<void>((resolve) => {
      stream.once('ready', resolve);
      stream.once('error', () => resolve());
    });
    if (failure !== undefined) throw failure;
  }
  let buffer = '';
  const flush = async (): Promise<void> => {
    if (failure !== undefined) throw failure;
    if (buffer.length === 0) return;
    const chunk = buffer;
    buffer = '';
    if (!stream.write(chunk)) {
      await new Promise<void>((resolve) => {
        const done = (): void => {
          stream.off('drain', done);
          stream.off('error', done);
          resolve();
        };
        stream.on('drain', done);
        stream.on('error', done);
      });
    }
    if (failure !== undefined) throw failure;
  };
  return {
    async write(line) {
      buffer += `${line}\n`;
      if (buffer.length >= FLUSH_AT) await flush();
    },
    async close() {
      await flush();
      if (stream === process.stdout) return;
      await new Promise<void>((resolve, reject) => {
        stream.end((error?: Error | null) => (error ? reject(error) : resolve()));
      });
    },
  };
}
