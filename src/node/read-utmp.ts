import { readFile } from 'node:fs/promises';
import { parseUtmp, type UtmpOptions, type UtmpResult } from '../parsers/utmp/index.js';

/**
 * Reads a utmp, wtmp or btmp file from disk and parses it with {@link parseUtmp}. The
 * file is read whole (wtmp files are a few MB); I/O errors reject the promise, malformed
 * content never does.
 *
 * @param path - The file path.
 * @param options - Host, file kind and (optionally) the layout; `source` defaults to `path`.
 * @returns The events, issues and layout.
 * @example
 * ```ts
 * const { events } = await readUtmpFile('/var/log/wtmp', { kind: 'wtmp', host: 'web1' });
 * console.log(events.filter((e) => e.recordType === 'user_process').length);
 * ```
 */
export async function readUtmpFile(
  path: string,
  options: Omit<UtmpOptions, 'source'> & { readonly source?: string },
): Promise<UtmpResult> {
  const data = await readFile(path);
  const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  return parseUtmp(bytes, { ...options, source: options.source ?? path });
}
