import { createWriteStream } from 'node:fs';
import type { Writable } from 'node:stream';

/** Buffers output lines and writes them in large chunks, honouring back-pressure. */
export interface LineWriter {
  write(line: string): Promise<void>;
  close(): Promise<void>;
}

const FLUSH_AT = 1 << 16;

/** Opens `path` (or stdout when undefined) for line output. */
export function openLineWriter(path: string | undefined): LineWriter {
  const stream: Writable = path === undefined ? process.stdout : createWriteStream(path);
  let buffer = '';
  let failure: Error | undefined;
  stream.on('error', (error: Error) => {
    failure = error;
  });
  const flush = async (): Promise<void> => {
    if (failure !== undefined) throw failure;
    if (buffer.length === 0) return;
    const chunk = buffer;
    buffer = '';
    if (!stream.write(chunk)) {
      await new Promise<void>((resolve) => {
        stream.once('drain', resolve);
        stream.once('error', () => resolve());
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
