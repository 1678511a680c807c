import type { SshtrailConfig } from '../config/config.js';
import { emptyConfig } from '../config/config.js';
import { hostOfIp, userZone } from '../config/lookup.js';
import type { SshSession } from '../model/session.js';
import { zonedWallTime } from '../time/index.js';
import type { Baseline, SessionKind, UserBaseline } from './baseline.js';
import { robustStats } from './robust-stats.js';
import { sessionKind, sessionStart, sourceNetwork } from './session-facts.js';

/**
 * Options of {@link createBaselineLearner}.
 *
 * @example
 * ```ts
 * const options: BaselineLearnerOptions = { from: Date.UTC(2024, 0, 1), maxSessionsPerUser: 1000 };
 * ```
 */
export interface BaselineLearnerOptions {
  /** Users' zones and host identity (for hop paths). */
  readonly config?: SshtrailConfig;
  /** Learn only from sessions starting at or after this time (epoch ms). */
  readonly from?: number;
  /** Learn only from sessions starting before this time (epoch ms). */
  readonly to?: number;
  /** Latest sessions kept per user (default 1000). */
  readonly maxSessionsPerUser?: number;
  /** Most users kept, least recently seen dropped first (default 10000). */
  readonly maxUsers?: number;
  /** Most distinct source addresses kept per user (default 256). */
  readonly maxSourcesPerUser?: number;
  /** IPv4 prefix of a learned source network (default 24). */
  readonly v4Prefix?: number;
  /** IPv6 prefix of a learned source network (default 64). */
  readonly v6Prefix?: number;
}

/**
 * Learns a {@link Baseline} from sessions (any order; a session pushed again, e.g. on
 * `update` and `close`, replaces its earlier copy).
 */
export interface BaselineLearner {
  /**
   * Adds a session (sessions without a user are ignored).
   *
   * @param session - The session.
   * @example
   * ```ts
   * analyzer.on('session:close', (s) => learner.push(s));
   * ```
   */
  push(session: SshSession): void;
  /**
   * Builds the baseline from everything pushed so far.
   *
   * @returns The baseline.
   * @example
   * ```ts
   * const json = baselineToJson(learner.baseline());
   * ```
   */
  baseline(): Baseline;
}

interface Seen {
  readonly start: number;
  readonly end: number;
  readonly host: string | undefined;
  readonly sourceIp: string | undefined;
  readonly kind: SessionKind;
  readonly durationMs: number | undefined;
  readonly multiplexed: boolean;
}

/**
 * Creates a baseline learner.
 *
 * @param options - Window, caps and configuration.
 * @returns The learner.
 * @throws RangeError for invalid caps or prefixes.
 * @example
 * ```ts
 * const learner = createBaselineLearner({ config });
 * for (const s of sessions) learner.push(s);
 * const baseline = learner.baseline();
 * ```
 */
export function createBaselineLearner(options: BaselineLearnerOptions = {}): BaselineLearner {
  const config = options.config ?? emptyConfig();
  const maxSessions = options.maxSessionsPerUser ?? 1000;
  const maxUsers = options.maxUsers ?? 10_000;
  const maxSources = options.maxSourcesPerUser ?? 256;
  const v4Prefix = options.v4Prefix ?? 24;
  const v6Prefix = options.v6Prefix ?? 64;
  if (!(maxSessions >= 1) || !(maxUsers >= 1) || !(maxSources >= 1)) {
    throw new RangeError('maxSessionsPerUser, maxUsers and maxSourcesPerUser must be >= 1');
  }
  if (!(v4Prefix >= 0 && v4Prefix <= 32) || !(v6Prefix >= 0 && v6Prefix <= 128)) {
    throw new RangeError('v4Prefix must be 0-32 and v6Prefix 0-128');
  }
  const users = new Map<string, Map<string, Seen>>();
  // Server addresses seen in VERBOSE `Connection from ... on IP`: address -> host name.
  const localHosts = new Map<string, string>();

  return {
    push(session) {
      const user = session.user;
      if (user === undefined) return;
      const start = sessionStart(session);
      if (options.from !== undefined && start < options.from) return;
      if (options.to !== undefined && start >= options.to) return;
      if (session.localIp !== undefined && session.host !== undefined) {
        if (localHosts.size >= 4096) localHosts.clear();
        localHosts.set(session.localIp, session.host);
      }
      let seen = users.get(user);
      if (seen === undefined) {
        if (users.size >= maxUsers) {
          const oldest = users.keys().next().value;
          if (oldest !== undefined) users.delete(oldest);
        }
        seen = new Map();
      } else users.delete(user);
      users.set(user, seen);
      seen.delete(session.id);
      const complete = session.state === 'closed' && !session.partial.start && !session.partial.end;
      seen.set(session.id, {
        start,
        // Still open at the end of the history: it overlaps everything after it.
        end:
          session.state === 'open'
            ? Number.POSITIVE_INFINITY
            : (session.endTime ?? session.lastSeenTime),
        host: session.host,
        sourceIp: session.sourceIp,
        kind: sessionKind(session),
        durationMs: complete ? session.durationMs : undefined,
        multiplexed: session.channels.some((c) => c.multiplexed),
      });
      if (seen.size > maxSessions) {
        const oldest = seen.keys().next().value;
        if (oldest !== undefined) seen.delete(oldest);
      }
    },
    baseline() {
      const out: Record<string, UserBaseline> = {};
      let from: number | undefined;
      let to: number | undefined;
      for (const [user, seen] of users) {
        const list = [...seen.values()].sort((a, b) => a.start - b.start);
        for (const s of list) {
          from = from === undefined ? s.start : Math.min(from, s.start);
          to = to === undefined ? s.start : Math.max(to, s.start);
        }
        out[user] = learnUser(user, list, config, localHosts, maxSources, v4Prefix, v6Prefix);
      }
      return { format: 'sshtrail.baseline', version: 1, from, to, users: out };
    },
  };
}

function learnUser(
  user: string,
  list: readonly Seen[],
  config: SshtrailConfig,
  localHosts: ReadonlyMap<string, string>,
  maxSources: number,
  v4Prefix: number,
  v6Prefix: number,
): UserBaseline {
  const timezone = userZone(config, user);
  const hours = new Array<number>(24).fill(0);
  const networks = new Set<string>();
  const sources = new Set<string>();
  const hosts = new Set<string>();
  const hops = new Set<string>();
  const durations = new Map<SessionKind | 'any', number[]>();
  let multiplexed = 0;
  for (const s of list) {
    const hour = zonedWallTime(s.start, timezone).hour;
    hours[hour] = (hours[hour] ?? 0) + 1;
    if (s.host !== undefined) hosts.add(s.host);
    if (s.sourceIp !== undefined) {
      if (sources.size < maxSources) sources.add(s.sourceIp);
      const net = sourceNetwork(s.sourceIp, v4Prefix, v6Prefix);
      if (net !== undefined && networks.size < maxSources) networks.add(net);
      const from = hostOfIp(config, s.sourceIp)?.name ?? localHosts.get(s.sourceIp);
      if (from !== undefined && s.host !== undefined && from !== s.host) {
        hops.add(`${from}>${s.host}`);
      }
    }
    if (s.durationMs !== undefined) {
      for (const key of [s.kind, 'any'] as const) {
        const d = durations.get(key) ?? [];
        d.push(s.durationMs);
        durations.set(key, d);
      }
    }
    if (s.multiplexed) multiplexed += 1;
  }
  const stats: Partial<Record<SessionKind | 'any', ReturnType<typeof robustStats>>> = {};
  for (const [key, values] of durations) stats[key] = robustStats(values);
  const any = stats.any;
  return {
    user,
    sessions: list.length,
    timezone,
    hours,
    networks: [...networks].sort(),
    sources: [...sources].sort(),
    hosts: [...hosts].sort(),
    hops: [...hops].sort(),
    durations: stats,
    maxConcurrentSources: maxConcurrentSources(list),
    multiplexed,
    automation: list.length >= 20 && any !== undefined && any.count >= 20 && any.median <= 60_000,
  };
}

function maxConcurrentSources(list: readonly Seen[]): number {
  // Sweep: at each session start, count distinct sources among sessions still open.
  let best = 0;
  const open: Seen[] = [];
  for (const s of list) {
    for (let i = open.length - 1; i >= 0; i -= 1) {
      if ((open[i]?.end ?? 0) < s.start) open.splice(i, 1);
    }
    open.push(s);
    const distinct = new Set(open.map((o) => o.sourceIp ?? '?'));
    best = Math.max(best, distinct.size);
  }
  return best;
}
