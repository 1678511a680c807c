import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Orders a rotated set oldest first: `auth.log.3.gz`, `auth.log.2.gz`, `auth.log.1`, `auth.log`.
 * Files of different bases keep name order.
 */
export function compareRotated(a: string, b: string): number {
  const ra = rotation(a);
  const rb = rotation(b);
  if (ra.base !== rb.base) return ra.base < rb.base ? -1 : 1;
  return rb.index - ra.index;
}

/**
 * Groups files into rotated sets (same directory and base name: `auth.log`, `auth.log.1`,
 * `auth.log.2.gz`), each oldest first, keeping the order in which sets first appear.
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

function rotation(path: string): { base: string; index: number } {
  const match = /^(.*?)(?:\.(\d{1,6}))?(?:\.gz)?$/.exec(path);
  const base = match?.[1] ?? path;
  const index = match?.[2] === undefined ? 0 : Number(match[2]);
  return { base, index };
}

/**
 * Expands the paths a user gave into the files to read: directories are walked recursively
 * (hidden entries skipped), and each rotated set is ordered oldest first.
 *
 * @param paths - Files and directories, as given on the command line.
 * @returns The files, in reading order.
 * @throws Error with a one-line message naming the path when a path cannot be read.
 * @example
 * ```ts
 * const files = await collectInputs(['/var/log']);
 * ```
 */
export async function collectInputs(paths: readonly string[]): Promise<string[]> {
  const files: string[] = [];
  for (const path of paths) {
    let info: Awaited<ReturnType<typeof stat>>;
    try {
      info = await stat(path);
    } catch (error) {
      throw new Error(`cannot read ${path}: ${describeFsError(error)}`);
    }
    if (info.isDirectory()) files.push(...(await walk(path)));
    else files.push(path);
  }
  return files;
}

async function walk(dir: string): Promise<string[]> {
  let entries: import('node:fs').Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    throw new Error(`cannot read ${dir}: ${describeFsError(error)}`);
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
  for (const sub of dirs) files.push(...(await walk(sub)));
  return files;
}

/** Turns a Node fs error into a short human reason (`no such file or directory`). */
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
