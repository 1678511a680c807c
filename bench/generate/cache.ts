/**
 * Generated corpora are cached under bench/.data/, keyed by (seed, lines, generator
 * version), so repeated runs skip generation.
 */
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { GENERATOR_VERSION } from './auth-log.js';
import { type AuthLogMetadata, metadataPath, writeAuthLog } from './write-file.js';

/** A generated corpus ready to measure. */
export interface CachedLog {
  /** Path of the log. */
  readonly path: string;
  /** Its metadata. */
  readonly metadata: AuthLogMetadata;
  /** Whether it was reused from the cache. */
  readonly cached: boolean;
}

/**
 * The cache file name for a (seed, lines) pair at the current generator version.
 *
 * @param seed - generator seed
 * @param lines - line count
 * @returns a file name like `auth-s1-n1000000-g1.log`
 * @example
 * ```ts
 * authLogName(1, 1000); // 'auth-s1-n1000-g1.log'
 * ```
 */
export function authLogName(seed: number, lines: number): string {
  return `auth-s${seed}-n${lines}-g${GENERATOR_VERSION}.log`;
}

function readMetadata(path: string): AuthLogMetadata | undefined {
  try {
    const meta = JSON.parse(readFileSync(metadataPath(path), 'utf8')) as AuthLogMetadata;
    if (meta.generatorVersion !== GENERATOR_VERSION) return undefined;
    return statSync(path).size === meta.bytes ? meta : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Returns the cached log for (seed, lines), generating it first when missing or stale.
 *
 * @param dataDir - cache folder (created if needed)
 * @param seed - generator seed
 * @param lines - line count
 * @param log - progress printer
 * @returns the log path and metadata
 * @example
 * ```ts
 * const { path } = ensureAuthLog('bench/.data', 1, 1_000_000, console.log);
 * ```
 */
export function ensureAuthLog(
  dataDir: string,
  seed: number,
  lines: number,
  log: (message: string) => void,
): CachedLog {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, authLogName(seed, lines));
  const existing = existsSync(path) ? readMetadata(path) : undefined;
  if (existing) return { path, metadata: existing, cached: true };
  log(`generating ${lines.toLocaleString('en-US')} lines (seed ${seed}) -> ${path}`);
  const started = performance.now();
  const metadata = writeAuthLog(path, {
    seed,
    lines,
    onProgress: (n) => log(`  ${n.toLocaleString('en-US')} lines`),
  });
  const seconds = (performance.now() - started) / 1000;
  log(`generated ${(metadata.bytes / 2 ** 20).toFixed(1)} MiB in ${seconds.toFixed(1)} s`);
  return { path, metadata, cached: false };
}
