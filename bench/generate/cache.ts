/**
 * Generated corpora are cached under bench/.data/, keyed by (kind, seed, lines, generator
 * version), so repeated runs skip generation.
 */
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { AUDIT_GENERATOR_VERSION } from './audit-log.js';
import { GENERATOR_VERSION } from './auth-log.js';
import { type AuditLogMetadata, writeAuditLog } from './write-audit-file.js';
import { type AuthLogMetadata, metadataPath, writeAuthLog } from './write-file.js';

/** Which corpus. */
export type CorpusKind = 'auth' | 'audit';

/** What every corpus metadata has. */
export interface CorpusMetadata {
  /** Generator version. */
  readonly generatorVersion: number;
  /** Lines written. */
  readonly lines: number;
  /** Bytes written. */
  readonly bytes: number;
  /** Successful logins the generator wrote. */
  readonly successfulLogins: number;
}

/** A generated corpus ready to measure. */
export interface CachedLog<M extends CorpusMetadata = AuthLogMetadata | AuditLogMetadata> {
  /** Path of the log. */
  readonly path: string;
  /** Its metadata. */
  readonly metadata: M;
  /** Whether it was reused from the cache. */
  readonly cached: boolean;
}

const VERSION: Readonly<Record<CorpusKind, number>> = {
  auth: GENERATOR_VERSION,
  audit: AUDIT_GENERATOR_VERSION,
};

/**
 * The cache file name of a corpus.
 *
 * @param kind - `auth` or `audit`
 * @param seed - generator seed
 * @param lines - line count
 * @returns a file name like `auth-s1-n1000000-g1.log`
 * @example
 * ```ts
 * corpusName('auth', 1, 1000); // 'auth-s1-n1000-g1.log'
 * ```
 */
export function corpusName(kind: CorpusKind, seed: number, lines: number): string {
  return `${kind}-s${seed}-n${lines}-g${VERSION[kind]}.log`;
}

function readMetadata<M extends CorpusMetadata>(path: string, version: number): M | undefined {
  try {
    const meta = JSON.parse(readFileSync(metadataPath(path), 'utf8')) as M;
    if (meta.generatorVersion !== version) return undefined;
    return statSync(path).size === meta.bytes ? meta : undefined;
  } catch {
    return undefined;
  }
}

function ensure<M extends CorpusMetadata>(
  kind: CorpusKind,
  dataDir: string,
  seed: number,
  lines: number,
  log: (message: string) => void,
  write: (path: string, onProgress: (n: number) => void) => M,
): CachedLog<M> {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, corpusName(kind, seed, lines));
  const existing = existsSync(path) ? readMetadata<M>(path, VERSION[kind]) : undefined;
  if (existing) return { path, metadata: existing, cached: true };
  log(`generating ${lines.toLocaleString('en-US')} ${kind} lines (seed ${seed}) -> ${path}`);
  const started = performance.now();
  const metadata = write(path, (n) => log(`  ${n.toLocaleString('en-US')} lines`));
  const seconds = (performance.now() - started) / 1000;
  log(`generated ${(metadata.bytes / 2 ** 20).toFixed(1)} MiB in ${seconds.toFixed(1)} s`);
  return { path, metadata, cached: false };
}

/**
 * Returns the cached auth.log for (seed, lines), generating it when missing or stale.
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
): CachedLog<AuthLogMetadata> {
  return ensure('auth', dataDir, seed, lines, log, (path, onProgress) =>
    writeAuthLog(path, { seed, lines, onProgress }),
  );
}

/**
 * Returns the cached audit.log for (seed, records), generating it when missing or stale.
 *
 * @param dataDir - cache folder (created if needed)
 * @param seed - generator seed
 * @param lines - record count
 * @param log - progress printer
 * @returns the log path and metadata
 * @example
 * ```ts
 * const { path } = ensureAuditLog('bench/.data', 1, 500_000, console.log);
 * ```
 */
export function ensureAuditLog(
  dataDir: string,
  seed: number,
  lines: number,
  log: (message: string) => void,
): CachedLog<AuditLogMetadata> {
  return ensure('audit', dataDir, seed, lines, log, (path, onProgress) =>
    writeAuditLog(path, { seed, lines, onProgress }),
  );
}
