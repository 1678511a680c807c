import { createGunzip } from 'node:zlib';
import { createLineSplitter, type LineSplitterOptions } from '../parsers/line-splitter.js';

/**
 * Reads a byte stream (stdin, a socket, a child's stdout) as batches of lines, one batch per
 * chunk. gzip content is detected from its first two bytes and gunzipped; invalid UTF-8 becomes
 * U+FFFD. Memory is bounded by the chunk size and the line cap.
 *
 * @param stream - Chunks of bytes (a Node `Readable` is one).
 * @param options - The line cap.
 * @returns Batches of lines, without terminators.
 * @example
 * ```ts
 * for await (const batch of readStreamBatches(process.stdin)) console.log(batch.length);
 * ```
 */
export async function* readStreamBatches(
  stream: AsyncIterable<Uint8Array | string>,
  options: LineSplitterOptions = {},
): AsyncIterable<readonly string[]> {
  const iterator = stream[Symbol.asyncIterator]();
  const first = await iterator.next();
  if (first.done === true) return;
  const head = first.value;
  const rest: AsyncIterable<Uint8Array | string> = {
    [Symbol.asyncIterator]: () => iterator,
  };
  const gzip = typeof head !== 'string' && head[0] === 0x1f && head[1] === 0x8b;
  const chunks = gzip ? gunzip(head, rest) : prepend(head, rest);
  const splitter = createLineSplitter(options);
  const decoder = new TextDecoder('utf-8');
  let batch: string[] = [];
  const push = (line: string): void => {
    batch.push(line);
  };
  for await (const chunk of chunks) {
    const text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    splitter.push(text, push);
    if (batch.length > 0) {
      yield batch;
      batch = [];
    }
  }
  splitter.push(decoder.decode(), push);
  splitter.end(push);
  if (batch.length > 0) yield batch;
}

async function* prepend<T>(head: T, rest: AsyncIterable<T>): AsyncIterable<T> {
  yield head;
  yield* rest;
}

async function* gunzip(
  head: Uint8Array,
  rest: AsyncIterable<Uint8Array | string>,
): AsyncIterable<Uint8Array> {
  const inflate = createGunzip();
  const feed = async (): Promise<void> => {
    try {
      for await (const chunk of prepend<Uint8Array | string>(head, rest)) {
        if (!inflate.write(chunk)) await new Promise((resolve) => inflate.once('drain', resolve));
      }
      inflate.end();
    } catch (error) {
      inflate.destroy(error as Error);
    }
  };
  void feed();
  for await (const chunk of inflate) yield chunk as Uint8Array;
}
