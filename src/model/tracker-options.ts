/**
 * Tuning knobs of {@link createSessionTracker}. Every cap bounds memory and applies per host;
 * every timeout is measured on that host's event clock (the latest `time` of its events), never
 * by the wall clock, so one host's events never evict another host's state.
 *
 * @example
 * ```ts
 * const options: SessionTrackerOptions = { maxPendingConnections: 50_000, idleTimeoutMs: 86_400_000 };
 * ```
 */
export interface SessionTrackerOptions {
  /** Open sessions kept per host (least recently active evicted first). Default 10 000. */
  readonly maxOpenSessions?: number;
  /** Pre-auth connections kept per host (oldest dropped first). Default 10 000. */
  readonly maxPendingConnections?: number;
  /** A pre-auth connection with no line for this long is dropped. Default 10 minutes. */
  readonly pendingTimeoutMs?: number;
  /** An open session with no line for this long is evicted. Default 7 days. */
  readonly idleTimeoutMs?: number;
  /** How long a closed session still takes late lines (pam/logind/Transferred). Default 60 s. */
  readonly closeGraceMs?: number;
  /** Window for counting failures from the same source before a success. Default 10 minutes. */
  readonly failureWindowMs?: number;
  /** Source addresses per host whose recent failures are counted. Default 10 000. */
  readonly maxTrackedSources?: number;
  /** Max delay between a success and logind's `New session` for linking them. Default 10 s. */
  readonly logindWindowMs?: number;
  /** Evidence lines kept per session. Default 256. */
  readonly maxEvidence?: number;
  /** Channels kept per session. Default 64. */
  readonly maxChannels?: number;
  /** Privilege changes kept per session. Default 64. */
  readonly maxPrivilegeChanges?: number;
  /** Closed sessions kept per user for the history views. Default 20. */
  readonly historyPerUser?: number;
  /** Users with history kept, all hosts together (least recently closed evicted first). Default 1 000. */
  readonly maxHistoryUsers?: number;
  /** Event-time interval between sweeps of stale state. Default 60 s. */
  readonly sweepIntervalMs?: number;
}

/** @internal Options with every default applied. */
export type ResolvedTrackerOptions = Required<SessionTrackerOptions>;

/** @internal How long a closed session takes late lines by default (`closeGraceMs`). */
export const DEFAULT_CLOSE_GRACE_MS = 60_000;

const DEFAULTS: ResolvedTrackerOptions = {
  maxOpenSessions: 10_000,
  maxPendingConnections: 10_000,
  pendingTimeoutMs: 10 * 60_000,
  idleTimeoutMs: 7 * 86_400_000,
  closeGraceMs: DEFAULT_CLOSE_GRACE_MS,
  failureWindowMs: 10 * 60_000,
  maxTrackedSources: 10_000,
  logindWindowMs: 10_000,
  maxEvidence: 256,
  maxChannels: 64,
  maxPrivilegeChanges: 64,
  historyPerUser: 20,
  maxHistoryUsers: 1_000,
  sweepIntervalMs: 60_000,
};

/**
 * @internal Applies defaults and validates: every option must be a positive safe integer.
 * @throws RangeError on an invalid option (a programmer error, not bad input data).
 */
export function resolveTrackerOptions(options: SessionTrackerOptions = {}): ResolvedTrackerOptions {
  const resolved: Record<string, number> = { ...DEFAULTS };
  for (const [name, value] of Object.entries(options)) {
    if (!(name in DEFAULTS)) throw new RangeError(`unknown session tracker option: ${name}`);
    if (value === undefined) continue;
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) {
      throw new RangeError(`session tracker option ${name} must be a positive integer`);
    }
    resolved[name] = value;
  }
  return resolved as ResolvedTrackerOptions;
}
