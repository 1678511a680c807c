/**
 * Command-line options of `npm run bench`.
 */
import { resolve } from 'node:path';
import { type ApiModules, SOURCE_MODULES } from './measure/api.js';
import { MEASUREMENTS, type MeasurementId, type Workload } from './measure/measurements.js';

/** Parsed options. */
export interface BenchArgs {
  /** Corpus sizes, in lines (one file per size); undefined: the workload's default. */
  readonly sizes: readonly number[] | undefined;
  /** Timed passes per measurement (median reported). */
  readonly runs: number;
  /** Untimed warm-up passes per measurement. */
  readonly warmup: number;
  /** Generator seed. */
  readonly seed: number;
  /** Measurements to run (default all). */
  readonly only: readonly MeasurementId[];
  /** RSS sampling period, ms. */
  readonly sampleMs: number;
  /** Cache and results folder. */
  readonly dataDir: string;
  /** Corpus kind. */
  readonly workload: Workload;
  /** Where the measured API comes from. */
  readonly modules: ApiModules;
  /** Print usage and exit. */
  readonly help: boolean;
}

/** Usage text. */
export const USAGE = `usage: npm run bench -- [options]
  --lines <n>         corpus size in lines (default 1000000 auth lines / 500000 audit records;
                      accepts 1_000_000, 1e6, 3M, 500k)
  --sizes <a,b,...>   several sizes in one run (RSS-flatness check), e.g. 1000000,3000000
  --runs <n>          timed runs per measurement, median reported (default 5)
  --warmup <n>        untimed warm-up runs per measurement (default 1)
  --seed <n>          generator seed (default 1)
  --only <ids>        comma-separated subset of: ${MEASUREMENTS.map((m) => m.id).join(', ')}
  --sample-ms <n>     RSS sampling period in ms (default 10)
  --data-dir <dir>    cache/results folder (default bench/.data)
  --workload <w>      auth (default: auth.log) or audit (issue 4: audit.log parse + assembly)
  --build dist        measure the built bundle (dist/index.js, dist/node/index.js; run npm run build first)
  --core <module>     root entry to measure (default src/index.ts)
  --node <module>     Node entry to measure (default src/node/index.ts)`;

/**
 * Parses a count: digits with optional `_`/`,` separators, exponent, or k/M suffix.
 *
 * @param text - e.g. `1_000_000`, `1e6`, `3M`, `500k`
 * @returns the integer, or NaN when invalid
 * @example
 * ```ts
 * parseCount('3M'); // 3000000
 * ```
 */
export function parseCount(text: string): number {
  const t = text.replace(/[_,]/g, '');
  const m = /^(\d+(?:\.\d+)?(?:e\d+)?)([kKmM]?)$/.exec(t);
  if (!m) return Number.NaN;
  const scale = m[2] === 'k' || m[2] === 'K' ? 1e3 : m[2] === '' ? 1 : 1e6;
  const n = Number(m[1]) * scale;
  return Number.isSafeInteger(n) ? n : Number.NaN;
}

function positive(name: string, text: string | undefined, min = 1): number {
  const n = parseCount(text ?? '');
  if (!(n >= min)) throw new Error(`${name} needs an integer >= ${min}, got ${String(text)}`);
  return n;
}

/**
 * Parses argv (after `tsx bench/run.ts`).
 *
 * @param argv - the arguments
 * @returns the options
 * @throws Error with a readable message on a bad option
 * @example
 * ```ts
 * parseArgs(['--sizes', '1000000,3000000']).sizes; // [1000000, 3000000]
 * ```
 */
export function parseArgs(argv: readonly string[]): BenchArgs {
  let sizes: number[] | undefined;
  let runs = 5;
  let warmup = 1;
  let seed = 1;
  let only: MeasurementId[] = MEASUREMENTS.map((m) => m.id);
  let sampleMs = 10;
  let dataDir = 'bench/.data';
  let workload: Workload = 'auth';
  let help = false;
  let modules: ApiModules = SOURCE_MODULES;
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i] ?? '';
    const [name, inline] = flag.includes('=') ? flag.split('=', 2) : [flag, undefined];
    const value = (): string => {
      if (inline !== undefined) return inline;
      i++;
      return argv[i] ?? '';
    };
    switch (name) {
      case '--lines':
        sizes = [positive('--lines', value())];
        break;
      case '--sizes':
        sizes = value()
          .split(',')
          .filter((s) => s.length > 0)
          .map((s) => positive('--sizes', s));
        if (sizes.length === 0) throw new Error('--sizes needs at least one size');
        break;
      case '--runs':
        runs = positive('--runs', value());
        break;
      case '--warmup':
        warmup = positive('--warmup', value(), 0);
        break;
      case '--seed':
        seed = positive('--seed', value(), 0);
        break;
      case '--sample-ms':
        sampleMs = positive('--sample-ms', value());
        break;
      case '--data-dir':
        dataDir = value();
        break;
      case '--only': {
        const ids = value().split(',');
        const known = new Set<string>(MEASUREMENTS.map((m) => m.id));
        const bad = ids.filter((id) => !known.has(id));
        if (bad.length > 0) throw new Error(`--only: unknown measurement(s) ${bad.join(', ')}`);
        only = MEASUREMENTS.filter((m) => ids.includes(m.id)).map((m) => m.id);
        break;
      }
      case '--workload': {
        const w = value();
        if (w !== 'auth' && w !== 'audit')
          throw new Error(`--workload must be auth or audit, got ${w}`);
        workload = w;
        break;
      }
      case '--build': {
        const b = value();
        if (b !== 'dist' && b !== 'src') throw new Error(`--build must be src or dist, got ${b}`);
        modules =
          b === 'dist'
            ? {
                ...SOURCE_MODULES,
                core: resolve('dist/index.js'),
                node: resolve('dist/node/index.js'),
              }
            : SOURCE_MODULES;
        break;
      }
      case '--core':
        modules = { ...modules, core: resolve(value()) };
        break;
      case '--node':
        modules = { ...modules, node: resolve(value()) };
        break;
      case '--help':
      case '-h':
        help = true;
        break;
      default:
        throw new Error(`unknown option ${flag}`);
    }
  }
  return { sizes, runs, warmup, seed, only, sampleMs, dataDir, workload, modules, help };
}
