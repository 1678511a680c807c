import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Orders a rotated set oldest first: numbered rotation (`auth.log.3.gz`, `auth.log.2.gz`,
 * `auth.log.1`, `auth.log`) and dated rotation (`secure-20240301`, `secure-20240308.gz`,
 * `secure`). Files of different bases keep name order.
 *
 * @param a - A file path.
 * @param b - Another file path.
 * @returns Negative when `a` is read first, positive when `b` is, 0 when equal.
 * @example
 * ```ts
 * ['auth.log', 'auth.log.2.gz', 'auth.log.1'].sort(compareRotated); // ['auth.log.2.gz', 'auth.log.1', 'auth.log']
 * ```
 */
export function compareRotated(a: string, b: string): number {
  const ra = rotation(a);
  const rb = rotation(b);
  if (ra.base !== rb.base) return ra.base < rb.base ? -1 : 1;
  if (ra.age !== rb.age) return ra.age < rb.age ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Groups files into rotated sets (same directory and base name: `auth.log`, `auth.log.1`,
 * `auth.log.2.gz`, or `secure`, `secure-20240301`), each oldest first, keeping the order in
 * which sets first appear.
 *
 * @param files - File paths.
 * @returns The rotated sets, each oldest first.
 * @example
 * ```ts
 * groupRotated(['a/auth.log', 'a/auth.log.1', 'a/syslog']); // [['a/auth.log.1', 'a/auth.log'], ['a/syslog']]
 * ```
 */
export function groupRotated(files: readonly string[]): string[][] {
  const sets = new Map<string, string[]>();
  for (const file of files) {
    const { base } = rotation(file);
    const set = sets.get(base) ?? [];
    set.push(file);
    sets.set(base, set);
  }
  return [...sets.values()].map((set) => set.sort(compareRotated));
}

/**
 * A rotated file's base name and age rank: larger is newer. The live file is newest; numbered
 * copies are older the larger their number; dated copies are older the earlier their date.
 */
function rotation(path: string): { base: string; age: number } {
  const plain = path.endsWith('.gz') ? path.slice(0, -3) : path;
  const dot = plain.lastIndexOf('.');
  if (dot > 0 && isDigits(plain, dot + 1, plain.length) && plain.length - dot - 1 <= 6) {
    return { base: plain.slice(0, dot), age: -Number(plain.slice(dot + 1)) - 1e9 };
  }
  const dash = plain.lastIndexOf('-');
  if (dash > 0 && plain.length - dash - 1 === 8 && isDigits(plain, dash + 1, plain.length)) {
    return { base: plain.slice(0, dash), age: Number(plain.slice(dash + 1)) };
  }
  return { base: plain, age: Number.POSITIVE_INFINITY };
}

function isDigits(text: string, start: number, end: number): boolean {
  if (start >= end) return false;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/**
 * Expands the paths a user gave into the files to read: directories are walked recursively
 * (hidden entries skipped), and each rotated set is ordered oldest first. `-` (stdin) is kept
 * as given.
 *
 * @param paths - Files and directories, as given on the command line.
 * @param onSkip - When given, unreadable directories found while walking are reported here and
 *   skipped instead of failing the whole walk.
 * @returns The files, in reading order.
 * @throws Error with a one-line message naming the path when a path cannot be read.
 * @example
 * ```ts
 * const files = await collectInputs(['/var/log']);
 * ```
 */
export async function collectInputs(
  paths: readonly string[],
  onSkip?: (path: string, reason: string) => void,
): Promise<string[]> {
  const files: string[] = [];
  for (const path of paths) {
    if (path === '-') {
      files.push(path);
      continue;
    }
    let info: Awaited<ReturnType<typeof stat>>;
    try {
      info = await stat(path);
    } catch (error) {
      throw new Error(`cannot read ${path}: ${describeFsError(error)}`);
    }
    if (info.isDirectory()) files.push(...(await walk(path, onSkip, true)));
    else files.push(path);
  }
  return files;
}

async function walk(
  dir: string,
  onSkip: ((path: string, reason: string) => void) | undefined,
  given: boolean,
): Promise<string[]> {
  let entries: import('node:fs').Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    // A directory the user named must be readable; one found inside it may be skipped.
    if (given || onSkip === undefined) {
      throw new Error(`cannot read ${dir}: ${describeFsError(error)}`);
    }
    onSkip(dir, `cannot read: ${describeFsError(error)}`);
    return [];
  }
  const files: string[] = [];
  const dirs: string[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) dirs.push(path);
    else if (entry.isFile()) files.push(path);
  }
  files.sort(compareRotated);
  dirs.sort();
  for (const sub of dirs) files.push(...(await walk(sub, onSkip, false)));
  return files;
}

/**
 * Turns a Node fs error into a short human reason (`no such file or directory`).
 *
 * @param error - Anything thrown by `node:fs`.
 * @returns A short lower-case reason.
 * @example
 * ```ts
 * describeFsError(Object.assign(new Error('x'), { code: 'EACCES' })); // 'permission denied'
 * ```
 */
export function describeFsError(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory';
    case 'ENOTDIR':
      return 'not a directory';
    default:
      return error instanceof Error ? (error.message.split('\n')[0] ?? 'error') : String(error);
  }
}
