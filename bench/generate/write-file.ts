/**
 * Streams a generated auth.log to disk in bounded chunks (a 10M-line file never sits in
 * memory) and writes its metadata JSON beside it.
 */
import { writeFileSync } from 'node:fs';
import { type AuthLogSummary, createAuthLogGenerator, GENERATOR_VERSION } from './auth-log.js';
import { writeLineFile } from './line-file.js';

/** The metadata JSON written next to a generated log. */
export interface AuthLogMetadata extends AuthLogSummary {
  /** Format name of this metadata. */
  readonly generator: 'sshtrail-bench-auth-log';
  /** {@link GENERATOR_VERSION} at generation time. */
  readonly generatorVersion: number;
  /** Seed used. */
  readonly seed: number;
  /** Size of the log in bytes. */
  readonly bytes: number;
  /** Year to assume for RFC3164 lines (they carry none). */
  readonly year: number;
  /** Time zone of RFC3164 lines. */
  readonly timezone: string;
}

/** Options of {@link writeAuthLog}. */
export interface WriteAuthLogOptions {
  /** Seed of the generator. */
  readonly seed: number;
  /** Exact number of lines to write. */
  readonly lines: number;
  /** Called every million lines, for progress. */
  readonly onProgress?: (linesWritten: number) => void;
}

/**
 * Generates `lines` lines into `path` (through a temporary file, renamed when complete)
 * and writes `<path without .log>.meta.json`.
 *
 * @param path - output path, ending in `.log`
 * @param options - seed and line count
 * @returns the metadata that was written
 * @example
 * ```ts
 * const meta = writeAuthLog('/tmp/auth.log', { seed: 1, lines: 10_000 });
 * meta.successfulLogins; // number of `Accepted ` lines
 * ```
 */
export function writeAuthLog(path: string, options: WriteAuthLogOptions): AuthLogMetadata {
  const generator = createAuthLogGenerator({ seed: options.seed });
  const bytes = writeLineFile(path, generator.nextLine, options.lines, options.onProgress);
  const metadata: AuthLogMetadata = {
    generator: 'sshtrail-bench-auth-log',
    generatorVersion: GENERATOR_VERSION,
    seed: options.seed,
    bytes,
    year: 2024,
    timezone: 'UTC',
    ...generator.summary(),
  };
  writeFileSync(metadataPath(path), `${JSON.stringify(metadata, null, 2)}\n`);
  return metadata;
}

/**
 * Where the metadata of a generated log lives.
 *
 * @param logPath - path of the `.log`
 * @returns the `.meta.json` path beside it
 * @example
 * ```ts
 * metadataPath('bench/.data/auth.log'); // 'bench/.data/auth.meta.json'
 * ```
 */
export function metadataPath(logPath: string): string {
  return `${logPath.replace(/\.log$/, '')}.meta.json`;
}
