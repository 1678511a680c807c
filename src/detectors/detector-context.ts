import type { Baseline } from '../baseline/baseline.js';
import { emptyConfig, type SshtrailConfig } from '../config/config.js';
import type { Intel } from '../intel/create-intel.js';
import type { SessionViews } from '../model/session-views.js';
import type {
  DetectorContext,
  HopGraphView,
  LogGapView,
  ProcessTreeView,
  SocketRegistryView,
} from './detector.js';

/**
 * What {@link createDetectorContext} takes: only `sessions` is required.
 *
 * @example
 * ```ts
 * const parts: DetectorContextParts = { sessions: analyzer.sessions };
 * ```
 */
export interface DetectorContextParts {
  /** Session views (the analyzer's `sessions`, or a session tracker). */
  readonly sessions: SessionViews;
  /** A learned baseline. */
  readonly baselines?: Baseline | undefined;
  /** Threat intel. */
  readonly intel?: Intel | undefined;
  /** The configuration (default: empty). */
  readonly config?: SshtrailConfig | undefined;
  /** Process trees, when host telemetry is available. */
  readonly processes?: ProcessTreeView | undefined;
  /** Socket owners, when host telemetry is available. */
  readonly sockets?: SocketRegistryView | undefined;
  /** The hop graph, when network telemetry is available. */
  readonly hops?: HopGraphView | undefined;
  /** Missing-or-tampered-log records, when a log-gap monitor runs. */
  readonly gaps?: LogGapView | undefined;
}

/**
 * Builds a {@link DetectorContext}, filling defaults (no baseline, no intel, empty config).
 *
 * @param parts - The views and knowledge at hand.
 * @returns The context to pass to {@link DetectorSet.push}.
 * @example
 * ```ts
 * const context = createDetectorContext({ sessions: tracker, config, intel });
 * ```
 */
export function createDetectorContext(parts: DetectorContextParts): DetectorContext {
  return {
    sessions: parts.sessions,
    baselines: parts.baselines,
    intel: parts.intel,
    config: parts.config ?? emptyConfig(),
    ...(parts.processes === undefined ? {} : { processes: parts.processes }),
    ...(parts.sockets === undefined ? {} : { sockets: parts.sockets }),
    ...(parts.hops === undefined ? {} : { hops: parts.hops }),
    ...(parts.gaps === undefined ? {} : { gaps: parts.gaps }),
  };
}
