import { type FSWatcher, watch } from 'node:fs';
import { type FileHandle, open, stat } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { createLineSplitter, type LineSplitterOptions } from '../../parsers/line-splitter.js';

/**
 * Something {@link followLines} noticed about the file it follows.
 *
 * - `rotated`: the path now names a new file (rename + create); the old one was read to its end.
 * - `truncated`: the file shrank below the read position; reading restarts at 0.
 * - `missing`: the path does not exist (yet); it is polled until it does.
 * - `opened`: the file was opened (first time, or after `missing`/`rotated`).
 *
 * @example
 * ```ts
 * const onNotice = (n: FollowNotice) => console.error(`${n.path}: ${n.kind}`);
 * ```
 */
export interface FollowNotice {
  /** What happened. */
  readonly kind: 'rotated' | 'truncated' | 'missing' | 'opened';
  /** The followed path. */
  readonly path: string;
}

/**
 * Options of {@link followLines}.
 */
export interface FollowOptions extends LineSplitterOptions {
  /** Stops following (the last partial line is emitted, the file closed). */
  readonly signal?: AbortSignal;
  /** How often the file is checked when `fs.watch` says nothing, in ms (default 250). */
  readonly pollMs?: number;
  /** Start at the current end of the file instead of its beginning (default false). */
  readonly fromEnd?: boolean;
  /** Called on rotation, truncation and (re)opening. */
  readonly onNotice?: (notice: FollowNotice) => void;
}

const CHUNK = 1 << 16;

/**
 * Follows a growing log file like `tail -F`: reads what is there (or starts at the end with
 * `fromEnd`), then yields new lines as they are written. It survives rotation (the path renamed
 * and a new file created: the old file is read to its end first) and truncation (reading
 * restarts at 0). Polling drives it (every `pollMs`), with `fs.watch` on the directory as a hint
 * to wake up early. Memory is one 64 KiB read buffer plus the line cap. It ends when `signal`
 * aborts.
 *
 * @param path - The file to follow (plain text; it need not exist yet).
 * @param options - Abort signal, poll interval, start position, line cap and notices.
 * @returns Batches of complete lines, without terminators.
 * @example
 * ```ts
 * const stop = new AbortController();
 * process.once('SIGINT', () => stop.abort());
 * for await (const batch of followLines('/var/log/auth.log', { signal: stop.signal })) {
 *   for (const line of batch) console.log(line);
 * }
 * ```
 */
export async function* followLines(
  path: string,
  options: FollowOptions = {},
): AsyncIterable<readonly string[]> {
  const pollMs = options.pollMs ?? 250;
  const signal = options.signal;
  const notice = (kind: FollowNotice['kind']): void => options.onNotice?.({ kind, path });
  const splitter = createLineSplitter(options);
  const buffer = Buffer.alloc(CHUNK);
  let decoder = new TextDecoder('utf-8');
  let handle: FileHandle | undefined;
  let inode = -1;
  let position = 0;
  let batch: string[] = [];
  const push = (line: string): void => {
    batch.push(line);
  };
  const endPiece = (): void => {
    splitter.push(decoder.decode(), push);
    splitter.end(push);
    decoder = new TextDecoder('utf-8');
  };
  const wake = createWaker(path);
  let missingReported = false;

  const tryOpen = async (atEnd: boolean): Promise<void> => {
    try {
      const h = await open(path, 'r');
      const info = await h.stat();
      handle = h;
      inode = info.ino;
      position = atEnd ? info.size : 0;
      missingReported = false;
      notice('opened');
    } catch (error) {
      if (!isMissing(error)) throw error;
      if (!missingReported) notice('missing');
      missingReported = true;
    }
  };

  try {
    await tryOpen(options.fromEnd ?? false);
    while (signal?.aborted !== true) {
      if (handle === undefined) {
        await tryOpen(false);
        if (handle === undefined) {
          await wake.wait(pollMs, signal);
          continue;
        }
      }
      const { bytesRead } = await handle.read(buffer, 0, CHUNK, position);
      if (bytesRead > 0) {
        position += bytesRead;
        splitter.push(decoder.decode(buffer.subarray(0, bytesRead), { stream: true }), push);
        if (batch.length > 0) {
          yield batch;
          batch = [];
        }
        continue;
      }
      // At the end of the open file: has the path moved on, or the file shrunk?
      let current: Awaited<ReturnType<typeof stat>> | undefined;
      try {
        current = await stat(path);
      } catch (error) {
        if (!isMissing(error)) throw error;
      }
      if (current !== undefined && current.ino !== inode) {
        endPiece();
        await handle.close();
        handle = undefined;
        notice('rotated');
      } else if (current !== undefined && current.size < position) {
        endPiece();
        position = 0;
        notice('truncated');
      } else {
        await wake.wait(pollMs, signal);
      }
      if (batch.length > 0) {
        yield batch;
        batch = [];
      }
    }
    endPiece();
    if (batch.length > 0) yield batch;
  } finally {
    wake.close();
    await handle?.close();
  }
}

function isMissing(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

interface Waker {
  wait(ms: number, signal: AbortSignal | undefined): Promise<void>;
  close(): void;
}

/** Sleeps until the poll interval passes, the directory changes, or the signal aborts. */
function createWaker(path: string): Waker {
  let resolve: (() => void) | undefined;
  let watcher: FSWatcher | undefined;
  const name = basename(path);
  try {
    watcher = watch(dirname(path), { persistent: false }, (_event, file) => {
      if (file === null || file === name) resolve?.();
    });
    watcher.on('error', () => {
      watcher?.close();
      watcher = undefined;
    });
  } catch {
    // No watch support (some network file systems): polling alone still works.
    watcher = undefined;
  }
  return {
    wait(ms, signal) {
      if (signal?.aborted === true) return Promise.resolve();
      return new Promise<void>((done) => {
        const finish = (): void => {
          clearTimeout(timer);
          signal?.removeEventListener('abort', finish);
          resolve = undefined;
          done();
        };
        const timer = setTimeout(finish, ms);
        resolve = finish;
        signal?.addEventListener('abort', finish, { once: true });
      });
    },
    close() {
      watcher?.close();
    },
  };
}
