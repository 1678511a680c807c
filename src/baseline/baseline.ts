/**
 * What a session was used for, from its `Starting session` channels (VERBOSE logs):
 * `sftp` (a subsystem), `shell`, `command`, else `unknown` (INFO-level logs).
 */
export type SessionKind = 'shell' | 'command' | 'sftp' | 'unknown';

/**
 * Robust statistics of a sample: median and median absolute deviation.
 *
 * @example
 * ```ts
 * const d: DurationStats = { count: 40, median: 1_800_000, mad: 600_000 };
 * ```
 */
export interface DurationStats {
  /** Sample size. */
  readonly count: number;
  /** Median, ms. */
  readonly median: number;
  /** Median absolute deviation from the median, ms. */
  readonly mad: number;
}

/**
 * One user's learned habits.
 *
 * @example
 * ```ts
 * const b: UserBaseline = {
 *   user: 'alice', sessions: 42, timezone: 'Europe/Berlin', hours: new Array(24).fill(0),
 *   networks: ['198.51.100.0/24'], sources: ['198.51.100.7'], hosts: ['web1'], hops: [],
 *   durations: {}, maxConcurrentSources: 1, multiplexed: 0, automation: false,
 * };
 * ```
 */
export interface UserBaseline {
  /** The account. */
  readonly user: string;
  /** Sessions learned from. */
  readonly sessions: number;
  /** The zone `hours` were counted in. */
  readonly timezone: string;
  /** Session starts per local hour (24 counts). */
  readonly hours: readonly number[];
  /** Source networks seen (`/24` IPv4, `/64` IPv6 by default), canonical CIDR text. */
  readonly networks: readonly string[];
  /** Source addresses seen (capped). */
  readonly sources: readonly string[];
  /** Hosts logged into. */
  readonly hosts: readonly string[];
  /** Hop paths `fromHost>toHost` (source address identified as a known host). */
  readonly hops: readonly string[];
  /** Session length by kind, plus `any` over all kinds (closed, complete sessions only). */
  readonly durations: Readonly<Partial<Record<SessionKind | 'any', DurationStats>>>;
  /** Most distinct sources with sessions open at the same time. */
  readonly maxConcurrentSources: number;
  /** Sessions with a multiplexed channel (ControlMaster reuse). */
  readonly multiplexed: number;
  /** Learned service-account shape: many short sessions. */
  readonly automation: boolean;
}

/**
 * A serializable baseline: every user's learned habits over a history window.
 *
 * @example
 * ```ts
 * const empty: Baseline = { format: 'sshtrail.baseline', version: 1, from: undefined, to: undefined, users: {} };
 * ```
 */
export interface Baseline {
  /** Marks the object as a baseline. */
  readonly format: 'sshtrail.baseline';
  /** Layout version. */
  readonly version: 1;
  /** Earliest session start learned from (epoch ms). */
  readonly from: number | undefined;
  /** Latest session start learned from (epoch ms). */
  readonly to: number | undefined;
  /** Per-user habits, by account. */
  readonly users: Readonly<Record<string, UserBaseline>>;
}
