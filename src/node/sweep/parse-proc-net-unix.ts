import type { UnixSocket } from './sweep-types.js';

const ACCEPTCON = 0x10000;

/**
 * Parses `/proc/net/unix`. The first seven fields are split on spaces; whatever follows is the
 * path, kept whole (paths are not escaped and may hold spaces). Lines that do not have the seven
 * fields are skipped. Total: never throws.
 *
 * @param text - The file's content.
 * @returns One entry per socket line, with its line number and raw text.
 * @example
 * ```ts
 * parseProcNetUnix('Num       RefCount Protocol Flags    Type St Inode Path\n0000000000000000: 00000002 00000000 00010000 0001 01 23456 /tmp/ssh-x/agent.42\n');
 * // [{ line: 2, inode: 23456, listening: true, connected: false, type: 1, path: '/tmp/ssh-x/agent.42', ... }]
 * ```
 */
export function parseProcNetUnix(text: string): UnixSocket[] {
  const out: UnixSocket[] = [];
  const lines = text.split('\n');
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i] as string;
    if (line.length === 0) continue;
    const fields: string[] = [];
    let at = 0;
    while (fields.length < 7 && at < line.length) {
      while (line.charCodeAt(at) === 32) at++;
      const end = line.indexOf(' ', at);
      const stop = end === -1 ? line.length : end;
      if (stop > at) fields.push(line.slice(at, stop));
      at = stop;
    }
    if (fields.length < 7) continue;
    const flags = Number.parseInt(fields[3] as string, 16);
    const type = Number.parseInt(fields[4] as string, 16);
    const state = Number.parseInt(fields[5] as string, 16);
    const inode = Number(fields[6]);
    if (!Number.isInteger(inode) || Number.isNaN(flags)) continue;
    const path = at < line.length ? line.slice(at + 1) : '';
    out.push({
      line: i + 1,
      text: line,
      inode,
      listening: (flags & ACCEPTCON) !== 0,
      connected: state === 3,
      type: Number.isNaN(type) ? 0 : type,
      path: path.length > 0 ? path : undefined,
    });
  }
  return out;
}
