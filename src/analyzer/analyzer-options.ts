import type { SessionTrackerOptions } from '../model/index.js';
import type { SourceFormat } from '../parsers/create-source-parser.js';
import type { DetectionOptions } from './pipeline.js';

/** @internal How far sources may be out of order by default (`skewMs`). */
export const DEFAULT_SKEW_MS = 2000;

/**
 * Options of {@link createAnalyzer}.
 */
export interface AnalyzerOptions extends DetectionOptions {
  /** Year for RFC3164 lines (they carry none); inferred per source when absent. */
  readonly year?: number;
  /** IANA zone for timestamps without one; UTC when absent. */
  readonly timezone?: string;
  /** Reference time (epoch ms) for year inference; defaults to now. */
  readonly referenceTime?: number;
  /**
   * How far sources may be out of order with each other, in ms (default 2000). Events are held
   * this long in event time and released in time order.
   */
  readonly skewMs?: number;
  /** Most events held for reordering (default 100000); beyond it the oldest are released early. */
  readonly maxBufferedEvents?: number;
  /** Longest line parsed (default 65536 UTF-16 units). */
  readonly maxLineLength?: number;
  /** Session-tracker caps and windows. */
  readonly sessions?: SessionTrackerOptions;
  /**
   * Run detection (default true): process trees, joins, detectors and triage. With `false` the
   * analyzer only parses and reconstructs sessions, and emits no `finding` or `case`.
   */
  readonly detect?: boolean;
}

/**
 * Identifies an input: its source name (for provenance), the host its lines belong to when
 * they carry none, and its format.
 *
 * @example
 * ```ts
 * const input: InputRef = { source: '/var/log/auth.log', host: 'bastion' };
 * ```
 */
export interface InputRef {
  /** Source name recorded in provenance (usually the file path as given). */
  readonly source: string;
  /** Host for lines without one. */
  readonly host?: string;
  /** Source format (default `auto`: syslog or journald JSON, decided per line). */
  readonly format?: SourceFormat;
}
