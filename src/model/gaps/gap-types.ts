import type { Provenance } from '../../events/provenance.js';
import type { HostIdentity } from '../join/host-identity.js';
import type { SessionNetworkView } from '../join/join-types.js';

/**
 * A line seen on a host, reduced to what gap detection needs. Every event satisfies it; callers
 * may also pass lines that became no event (CRON, other daemons) with their envelope time.
 *
 * @example
 * ```ts
 * const mark: LogMark = { host: 'web1', time: 1717243200000, program: 'CRON', source: { source: 'auth.log', line: 7, text: '...' } };
 * ```
 */
export interface LogMark {
  /** The host that logged the line. */
  readonly host: string | undefined;
  /** Its time (epoch ms). */
  readonly time: number;
  /** The writing program, when known. */
  readonly program: string | undefined;
  /** The line. */
  readonly source: Provenance;
}

/**
 * The sensor saw a successful SSH authentication to a monitored host, and that host logged no
 * matching accepted login within the clock-skew window: its auth log may have been edited,
 * rotated away or not shipped.
 *
 * @example
 * ```ts
 * function who(f: MissingLoginGap): string {
 *   return `${f.network.origIp} -> ${f.host}`;
 * }
 * ```
 */
export interface MissingLoginGap {
  /** Discriminant. */
  readonly kind: 'gap.missing_login';
  /** The monitored host the connection reached. */
  readonly host: string;
  /** Zeek `ts` of the connection. */
  readonly time: number;
  /** What the sensor saw. */
  readonly network: SessionNetworkView;
  /** One sentence. */
  readonly explanation: string;
  /** The Zeek lines, then the host's lines nearest before and after the connection. */
  readonly evidence: readonly Provenance[];
}

/**
 * A host's log went silent: its event time jumped far beyond its usual inter-line gap
 * (`time_jump`), or a periodic program (CRON) missed several of its learned periods (`periodic`).
 *
 * @example
 * ```ts
 * function minutes(f: SilenceGap): number {
 *   return f.silentMs / 60_000;
 * }
 * ```
 */
export interface SilenceGap {
  /** Discriminant. */
  readonly kind: 'gap.silence';
  /** The host. */
  readonly host: string | undefined;
  /** What showed the silence. */
  readonly basis: 'time_jump' | 'periodic';
  /** The periodic program, for `periodic`. */
  readonly program: string | undefined;
  /** Time of the last line before the silence. */
  readonly time: number;
  /** Time of the first line after it. */
  readonly endTime: number;
  /** Length of the silence (ms). */
  readonly silentMs: number;
  /** The usual gap (median inter-line gap, or the learned period) it is compared with. */
  readonly expectedMs: number;
  /** One sentence. */
  readonly explanation: string;
  /** The lines before and after the silence. */
  readonly evidence: readonly Provenance[];
}

/**
 * An open session whose lines stopped without an end while its host kept logging. Long idle
 * interactive sessions look the same: weigh it with other evidence.
 *
 * @example
 * ```ts
 * function hours(f: UnendedSessionGap): number {
 *   return f.silentMs / 3_600_000;
 * }
 * ```
 */
export interface UnendedSessionGap {
  /** Discriminant. */
  readonly kind: 'gap.unended_session';
  /** The host. */
  readonly host: string | undefined;
  /** The session id. */
  readonly sessionId: string;
  /** Its user. */
  readonly user: string | undefined;
  /** The session's last line time. */
  readonly time: number;
  /** Time of the host line that showed the host still logging. */
  readonly endTime: number;
  /** `endTime - time`. */
  readonly silentMs: number;
  /** One sentence. */
  readonly explanation: string;
  /** The session's last line and the later host line. */
  readonly evidence: readonly Provenance[];
}

/**
 * A missing or tampered log finding, ready for a detector.
 *
 * @example
 * ```ts
 * function severity(f: LogGapFinding): 'medium' | 'high' {
 *   return f.kind === 'gap.missing_login' ? 'high' : 'medium';
 * }
 * ```
 */
export type LogGapFinding = MissingLoginGap | SilenceGap | UnendedSessionGap;

/**
 * Options of {@link createLogGapMonitor}.
 *
 * @example
 * ```ts
 * const options: LogGapOptions = { identity, gapFactor: 20, minSilenceMs: 900_000 };
 * ```
 */
export interface LogGapOptions {
  /** Monitored hosts; `gap.missing_login` is reported only for connections to them. */
  readonly identity?: HostIdentity;
  /** A silence longer than this many times the host's median inter-line gap is a `time_jump` (default 10). */
  readonly gapFactor?: number;
  /** Never report a silence shorter than this (default 600 000 ms). */
  readonly minSilenceMs?: number;
  /** Inter-line gaps learned per host before `time_jump` is judged (default 16). */
  readonly learnGaps?: number;
  /** Programs whose lines are periodic heartbeats (default `CRON`, `cron`, `crond`). */
  readonly periodicPrograms?: readonly string[];
  /** A periodic program missing more than this many periods is a `periodic` silence (default 2.5). */
  readonly missedPeriods?: number;
  /** An open session without lines for this long, while its host logs, is unended (default 12 h). */
  readonly unendedAfterMs?: number;
  /** Most hosts tracked (default 10 000); the least recently seen is dropped beyond it. */
  readonly maxHosts?: number;
}
