/**
 * Streams a generated audit.log to disk and writes its metadata JSON beside it.
 */
import { writeFileSync } from 'node:fs';
import {
  AUDIT_GENERATOR_VERSION,
  type AuditLogSummary,
  createAuditLogGenerator,
} from './audit-log.js';
import { writeLineFile } from './line-file.js';
import { metadataPath } from './write-file.js';

/** The metadata JSON written next to a generated audit.log. */
export interface AuditLogMetadata extends AuditLogSummary {
  /** Format name of this metadata. */
  readonly generator: 'sshtrail-bench-audit-log';
  /** {@link AUDIT_GENERATOR_VERSION} at generation time. */
  readonly generatorVersion: number;
  /** Seed used. */
  readonly seed: number;
  /** Size in bytes. */
  readonly bytes: number;
}

/**
 * Generates `lines` audit records into `path` and writes `<path without .log>.meta.json`.
 *
 * @param path - output path ending in `.log`
 * @param options - seed, record count, progress callback
 * @returns the metadata written
 * @example
 * ```ts
 * writeAuditLog('/tmp/audit.log', { seed: 1, lines: 500_000 }).types.SYSCALL;
 * ```
 */
export function writeAuditLog(
  path: string,
  options: {
    readonly seed: number;
    readonly lines: number;
    readonly onProgress?: (n: number) => void;
  },
): AuditLogMetadata {
  const generator = createAuditLogGenerator({ seed: options.seed });
  const bytes = writeLineFile(path, generator.nextLine, options.lines, options.onProgress);
  const metadata: AuditLogMetadata = {
    generator: 'sshtrail-bench-audit-log',
    generatorVersion: AUDIT_GENERATOR_VERSION,
    seed: options.seed,
    bytes,
    ...generator.summary(),
  };
  writeFileSync(metadataPath(path), `${JSON.stringify(metadata, null, 2)}\n`);
  return metadata;
}
