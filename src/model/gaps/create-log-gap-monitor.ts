import type { Provenance } from '../../events/provenance.js';
import type { JoinChange } from '../join/join-types.js';
import type { SshSession } from '../session.js';
import type { LogGapFinding, LogGapOptions, LogMark } from './gap-types.js';
import { readableDuration } from './readable-duration.js';
import { createRollingMedian, type RollingMedian } from './rolling-median.js';

// Lines with no host (an audit file without `node=`, read without a host option) still get a
// finding; the wording matches the detectors' for such lines.
const UNNAMED = 'an unnamed host';

/**
 * Watches hosts' logs for missing or tampered parts (see {@link createLogGapMonitor}).
 *
 * @example
 * ```ts
 * const monitor = createLogGapMonitor({ identity });
 * const findings = monitor.observe(event);
 * ```
 */
export interface LogGapMonitor {
  /**
   * Feeds one host line (any event, or an ignored line with its envelope time), in time order per host.
   *
   * @param mark - The line.
   * @returns `gap.silence` and `gap.unended_session` findings it revealed.
   * @example
   * ```ts
   * analyzer.on('event', (e) => report(monitor.observe(e)));
   * ```
   */
  observe(mark: LogMark): readonly LogGapFinding[];
  /**
   * Feeds a session version (open, update, close) so unended sessions can be seen.
   *
   * @param session - The session.
   * @example
   * ```ts
   * analyzer.on('session:close', (s) => monitor.session(s));
   * ```
   */
  session(session: SshSession): void;
  /**
   * Feeds a join decision; an unmatched successful SSH connection to a monitored host is a `gap.missing_login`.
   *
   * @param change - A {@link SessionJoiner} change.
   * @returns The finding, if any.
   * @example
   * ```ts
   * for (const c of joiner.addNetwork(e)) report(monitor.join(c));
   * ```
   */
  join(change: JoinChange): readonly LogGapFinding[];
}

interface HostState {
  lastTime: number;
  lastSource: Provenance | undefined;
  gaps: RollingMedian;
  /** The last {@link RECENT_MARKS} marks, a ring whose oldest entry is at `recentHead` once full. */
  recent: LogMark[];
  recentHead: number;
  periodic: Map<string, { last: number; lastSource: Provenance; intervals: RollingMedian }>;
  open: Map<
    string,
    { lastSeen: number; evidence: Provenance | undefined; user: string | undefined }
  >;
  nextSessionCheck: number;
  /** When the host was last seen, on the monitor's own clock (for evicting the least recent). */
  touched: number;
}

const RECENT_MARKS = 256;
const PERIOD_SAMPLES = 8;
const BURST_MS = 5_000;
const NONE: readonly LogGapFinding[] = [];

/** A usual inter-line gap below this says nothing about how often the host logs. */
const MIN_USUAL_GAP_MS = 1000;

/**
 * Creates a log-gap monitor. Three findings:
 *
 * - `gap.missing_login`: a Zeek `net.ssh` with `auth_success` true to a monitored host (by host
 *   identity) that the {@link SessionJoiner} could not match to an accepted login on that host.
 * - `gap.silence`: per host, the median of the last `learnGaps` inter-line gaps is learned from
 *   the stream; a gap longer than `gapFactor` times it (and than `minSilenceMs`) is a `time_jump`.
 *   Per periodic program (CRON), the period is learned (median interval of its runs; lines of one
 *   run are one beat) and a run arriving after more than `missedPeriods` periods is `periodic`.
 * - `gap.unended_session`: an open session with no line for `unendedAfterMs` while its host
 *   keeps logging (reported once per session).
 *
 * Each finding cites the lines around the gap. State is per host and bounded.
 *
 * @param options - Thresholds and the host identity.
 * @returns A monitor.
 * @throws RangeError when a threshold is not positive.
 * @example
 * ```ts
 * const monitor = createLogGapMonitor({ identity, minSilenceMs: 15 * 60_000 });
 * for (const f of monitor.observe(event)) console.log(f.kind, f.explanation);
 * ```
 */
export function createLogGapMonitor(options: LogGapOptions = {}): LogGapMonitor {
  const gapFactor = options.gapFactor ?? 10;
  const minSilenceMs = options.minSilenceMs ?? 600_000;
  const learnGaps = options.learnGaps ?? 16;
  const periodicPrograms = new Set(options.periodicPrograms ?? ['CRON', 'cron', 'crond']);
  const missedPeriods = options.missedPeriods ?? 2.5;
  const unendedAfterMs = options.unendedAfterMs ?? 12 * 3_600_000;
  const maxHosts = options.maxHosts ?? 10_000;
  if (
    !(gapFactor > 0 && minSilenceMs > 0 && learnGaps >= 1 && missedPeriods > 0) ||
    !(unendedAfterMs > 0 && maxHosts >= 1)
  ) {
    throw new RangeError('gap thresholds must be positive');
  }
  const hosts = new Map<string, HostState>();
  const scratch: LogGapFinding[] = [];
  let clock = 0;

  const stateOf = (host: string | undefined): HostState => {
    const key = host ?? '';
    let state = hosts.get(key);
    if (state !== undefined) {
      state.touched = ++clock;
      return state;
    }
    state = {
      lastTime: Number.NaN,
      lastSource: undefined,
      gaps: createRollingMedian(learnGaps),
      recent: [],
      recentHead: 0,
      periodic: new Map(),
      open: new Map(),
      nextSessionCheck: Number.NEGATIVE_INFINITY,
      touched: ++clock,
    };
    if (hosts.size >= maxHosts) evictLeastRecent();
    hosts.set(key, state);
    return state;
  };

  // Drops the least recently seen host; one scan per eviction, and evictions only happen
  // beyond `maxHosts` distinct hosts.
  const evictLeastRecent = (): void => {
    let oldest: string | undefined;
    let oldestTouched = Number.POSITIVE_INFINITY;
    for (const [key, state] of hosts) {
      if (state.touched < oldestTouched) {
        oldest = key;
        oldestTouched = state.touched;
      }
    }
    if (oldest !== undefined) hosts.delete(oldest);
  };

  const timeJump = (mark: LogMark, state: HostState, out: LogGapFinding[]): void => {
    const gap = mark.time - state.lastTime;
    if (!(gap >= 0)) return;
    if (state.gaps.size >= learnGaps && state.lastSource !== undefined) {
      const expected = state.gaps.median();
      const threshold = Math.max(minSilenceMs, gapFactor * expected);
      // Bursty logs (many lines in the same second) have no usual gap to compare against.
      if (expected >= MIN_USUAL_GAP_MS && gap > threshold) {
        out.push({
          kind: 'gap.silence',
          host: mark.host,
          basis: 'time_jump',
          program: undefined,
          time: state.lastTime,
          endTime: mark.time,
          silentMs: gap,
          expectedMs: expected,
          explanation: `${mark.host ?? UNNAMED} logged nothing for ${readableDuration(gap)}, against a usual gap of ${readableDuration(expected)}: lines may have been deleted or not shipped`,
          evidence: [state.lastSource, mark.source],
        });
        return; // a silence does not teach the usual gap
      }
    }
    state.gaps.push(gap);
  };

  const periodic = (
    mark: LogMark,
    state: HostState,
    out: LogGapFinding[],
    jumped: boolean,
  ): void => {
    const program = mark.program;
    if (program === undefined || !periodicPrograms.has(program)) return;
    const p = state.periodic.get(program);
    if (p === undefined) {
      state.periodic.set(program, {
        last: mark.time,
        lastSource: mark.source,
        intervals: createRollingMedian(PERIOD_SAMPLES),
      });
      return;
    }
    const interval = mark.time - p.last;
    if (interval < BURST_MS) {
      if (interval >= 0) {
        p.last = mark.time;
        p.lastSource = mark.source;
      }
      return; // lines of one run
    }
    const period = p.intervals.size >= 3 ? p.intervals.median() : undefined;
    if (period !== undefined && interval > missedPeriods * period) {
      if (!jumped) {
        out.push({
          kind: 'gap.silence',
          host: mark.host,
          basis: 'periodic',
          program,
          time: p.last,
          endTime: mark.time,
          silentMs: interval,
          expectedMs: period,
          explanation: `${program} on ${mark.host ?? UNNAMED} runs every ${readableDuration(period)} but was silent for ${readableDuration(interval)}: its lines may have been deleted`,
          evidence: [p.lastSource, mark.source],
        });
      }
    } else {
      p.intervals.push(interval);
    }
    p.last = mark.time;
    p.lastSource = mark.source;
  };

  const unended = (mark: LogMark, state: HostState, out: LogGapFinding[]): void => {
    if (mark.time < state.nextSessionCheck) return;
    state.nextSessionCheck = mark.time + 60_000;
    for (const [id, s] of state.open) {
      const silent = mark.time - s.lastSeen;
      if (silent <= unendedAfterMs) continue;
      state.open.delete(id);
      out.push({
        kind: 'gap.unended_session',
        host: mark.host,
        sessionId: id,
        user: s.user,
        time: s.lastSeen,
        endTime: mark.time,
        silentMs: silent,
        explanation: `session ${id} of ${s.user ?? 'an unknown user'} has had no line for ${readableDuration(silent)} and never ended, while ${mark.host ?? 'its (unnamed) host'} kept logging`,
        evidence: s.evidence === undefined ? [mark.source] : [s.evidence, mark.source],
      });
    }
  };

  return {
    observe(mark) {
      const state = stateOf(mark.host);
      const out = scratch; // reused: almost every line reveals nothing
      out.length = 0;
      if (!Number.isNaN(state.lastTime)) timeJump(mark, state, out);
      periodic(mark, state, out, out.length > 0);
      if (state.open.size > 0) unended(mark, state, out);
      if (!(mark.time < state.lastTime)) {
        state.lastTime = mark.time;
        state.lastSource = mark.source;
      }
      if (state.recent.length < RECENT_MARKS) {
        state.recent.push(mark);
      } else {
        state.recent[state.recentHead] = mark;
        state.recentHead = (state.recentHead + 1) % RECENT_MARKS;
      }
      return out.length === 0 ? NONE : out.slice();
    },
    session(session) {
      const state = stateOf(session.host);
      if (session.state === 'open') {
        state.open.set(session.id, {
          lastSeen: session.lastSeenTime,
          evidence: session.evidence.at(-1),
          user: session.user,
        });
      } else {
        state.open.delete(session.id);
      }
    },
    join(change) {
      if (change.kind !== 'unmatched_network' || change.ssh?.authSuccess !== true) return NONE;
      const host = options.identity?.hostOf(change.network.respIp);
      if (host === undefined) return NONE;
      const t = change.network.time;
      const recent = inOrder(hosts.get(host));
      const before = recent.filter((m) => m.time <= t).at(-1);
      const after = recent.find((m) => m.time > t);
      const around = [before?.source, after?.source].filter((p) => p !== undefined);
      return [
        {
          kind: 'gap.missing_login',
          host,
          time: t,
          network: change.network,
          explanation: `the sensor saw a successful SSH login from ${change.network.origIp} port ${change.network.origPort} to ${host}, which logged no matching accepted login`,
          evidence: [...change.network.evidence, ...around],
        },
      ];
    },
  };
}

// The recent marks oldest first.
function inOrder(state: HostState | undefined): readonly LogMark[] {
  if (state === undefined) return [];
  const { recent, recentHead } = state;
  return recentHead === 0 ? recent : [...recent.slice(recentHead), ...recent.slice(0, recentHead)];
}
