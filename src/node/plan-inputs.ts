import { stat } from 'node:fs/promises';
import { basename, dirname, relative, sep } from 'node:path';
import { collectInputs, describeFsError, groupRotated } from './collect-inputs.js';
import type { InputFormat } from './input-format.js';
import { inferSiblingHosts } from './sibling-host.js';
import { sniffFile } from './sniff/sniff-file.js';

/**
 * One logical input to read: a rotated set (oldest first) or stdin, with its format and the
 * host for its lines that carry none.
 *
 * @example
 * ```ts
 * const plan: InputPlan = { files: ['/var/log/auth.log.1', '/var/log/auth.log'], format: 'syslog', host: undefined, reason: '12 of 12 lines read as syslog' };
 * ```
 */
export interface InputPlan {
  /** The files, read in this order as one source; `['-']` is stdin. */
  readonly files: readonly string[];
  /** The format, or `undefined` for stdin when it is decided from its first lines. */
  readonly format: InputFormat | undefined;
  /** Host for lines without one (`--host-from-dir`, else `--host`). */
  readonly host: string | undefined;
  /** Why this format: `--format`, or what sniffing saw. */
  readonly reason: string;
}

/**
 * A file found in a directory and left out, with why (its format could not be told).
 *
 * @example
 * ```ts
 * const s: SkippedInput = { path: '/var/log/dpkg.log', reason: 'no clear format in 64 lines' };
 * ```
 */
export interface SkippedInput {
  /** The file. */
  readonly path: string;
  /** Why it was skipped, one line. */
  readonly reason: string;
}

/**
 * Options of {@link planInputs}.
 */
export interface PlanOptions {
  /** Force this format for every input instead of sniffing each file. */
  readonly format?: InputFormat;
  /** Host for lines that carry none. */
  readonly host?: string;
  /**
   * Directory-per-host layout: a file under `<dir>/<host>/...` (dir as given) gets host
   * `<host>`; a file given directly gets its parent directory's name.
   */
  readonly hostFromDir?: boolean;
}

/**
 * The result of {@link planInputs}.
 *
 * @example
 * ```ts
 * const { plans, skipped }: InputPlans = await planInputs(['/var/log']);
 * ```
 */
export interface InputPlans {
  /** What to read. */
  readonly plans: readonly InputPlan[];
  /** Files found in directories that are not read, and why. */
  readonly skipped: readonly SkippedInput[];
}

/**
 * Turns command-line paths into what to read: directories are walked, rotated sets grouped
 * oldest first, and each set's format sniffed from its oldest non-empty file (or forced with
 * `format`). A file named explicitly whose format is unclear is an error; one found in a
 * directory is skipped with the reason.
 *
 * @param paths - Files, directories and `-` (stdin).
 * @param options - Forced format, default host, directory-per-host layout.
 * @returns The plans and the skipped files.
 * @throws Error with a one-line message (unreadable path, unclear format of a named file).
 * @example
 * ```ts
 * const { plans } = await planInputs(['logs/'], { hostFromDir: true });
 * for (const p of plans) console.log(p.files.join(' '), p.format, p.host);
 * ```
 */
export async function planInputs(
  paths: readonly string[],
  options: PlanOptions = {},
): Promise<InputPlans> {
  const plans: InputPlan[] = [];
  const skipped: SkippedInput[] = [];
  // Files named one by one (a shell glob: `audit.log*`) form rotated sets as a directory's
  // files do, read oldest first as one source where the first of them is named.
  const named = await namedSets(paths);
  const planned = new Set<readonly string[]>();
  for (const given of paths) {
    if (given === '-') {
      plans.push({
        files: ['-'],
        format: options.format,
        host: options.host,
        reason: options.format === undefined ? 'sniffed from the first lines' : '--format',
      });
      continue;
    }
    const namedSet = named.get(given);
    if (namedSet !== undefined && planned.has(namedSet)) continue;
    const explicit = namedSet !== undefined;
    const onSkip = (path: string, reason: string): void => {
      skipped.push({ path, reason });
    };
    const sets =
      namedSet === undefined ? groupRotated(await collectInputs([given], onSkip)) : [namedSet];
    if (namedSet !== undefined) planned.add(namedSet);
    for (const set of sets) {
      // A named set's host is its directory's name, as a named file's is.
      const root = namedSet === undefined ? given : (set[0] ?? given);
      const host =
        (options.hostFromDir === true ? hostOf(root, set[0] ?? given) : undefined) ?? options.host;
      let decided: Awaited<ReturnType<typeof decide>>;
      try {
        decided = await decide(set, options.format);
      } catch (error) {
        // A file the user named must be readable; one found in a directory is skipped.
        if (explicit) throw error;
        skipped.push({ path: set[set.length - 1] ?? given, reason: (error as Error).message });
        continue;
      }
      if (decided.format === undefined) {
        if (explicit) throw new Error(`${set[set.length - 1]}: ${decided.reason}`);
        skipped.push({ path: set[set.length - 1] ?? given, reason: decided.reason });
        continue;
      }
      plans.push({ files: set, format: decided.format, host, reason: decided.reason });
    }
  }
  return { plans: await inferSiblingHosts(plans), skipped };
}

/** The rotated set of each named file (not `-`, not a directory) among `paths`. */
async function namedSets(paths: readonly string[]): Promise<Map<string, readonly string[]>> {
  const files: string[] = [];
  for (const given of paths) {
    if (given !== '-' && !(await isDirectory(given))) files.push(given);
  }
  const sets = new Map<string, readonly string[]>();
  for (const set of groupRotated(files)) for (const file of set) sets.set(file, set);
  return sets;
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch (error) {
    throw new Error(`cannot read ${path}: ${describeFsError(error)}`);
  }
}

const EMPTY = 'the input is empty';

async function decide(
  set: readonly string[],
  forced: InputFormat | undefined,
): Promise<{ readonly format: InputFormat | undefined; readonly reason: string }> {
  let format = forced;
  let reason = '--format';
  if (format === undefined) {
    let last = EMPTY;
    for (const file of set) {
      let sniffed: Awaited<ReturnType<typeof sniffFile>>;
      try {
        sniffed = await sniffFile(file);
      } catch (error) {
        throw new Error(`cannot read ${file}: ${describeFsError(error)}`);
      }
      if (sniffed.kind === 'format') {
        format = sniffed.format;
        reason = sniffed.reason;
        break;
      }
      last = sniffed.reason;
      if (sniffed.reason !== EMPTY) break;
    }
    if (format === undefined && last === EMPTY) return { format: 'syslog', reason: EMPTY };
    if (format === undefined) {
      return { format: undefined, reason: `cannot tell the format: ${last} (use --format)` };
    }
  }
  return { format, reason };
}

function hostOf(given: string, file: string): string | undefined {
  if (file === given) {
    const parent = basename(dirname(file));
    return parent === '.' || parent === '' || parent === sep ? undefined : parent;
  }
  const rel = relative(given, file);
  const first = rel.split(sep)[0];
  return first === undefined || first === rel ? undefined : first;
}
