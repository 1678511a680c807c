import { hostOfIp } from '../../config/lookup.js';
import type { Provenance } from '../../events/provenance.js';
import type { Finding } from '../../findings/finding.js';
import type { SshSession } from '../../model/session.js';
import { appendEvidence } from '../compose/rule.js';
import { createFinding } from '../create-finding.js';
import type { Detector, DetectorContext } from '../detector.js';
import { inputSourceIp } from '../input.js';
import { type Lru, lruCreate, lruDelete, lruEntries, lruGet, lruSet } from '../lru.js';
import { createQuietSteps } from '../no-findings.js';
import {
  isoSeconds,
  isServiceAccount,
  judgeSource,
  listText,
  MIN_HISTORY,
  networkKey,
} from './knowledge.js';
import { knownOptions, numberOption } from './options.js';

// Steps that find nothing reuse one object per state (see createQuietSteps).
const quiet = createQuietSteps();

/** Detector id of {@link unusualSource}. */
export const UNUSUAL_SOURCE = 'ssh.unusual_source';

/**
 * Options of {@link unusualSource}.
 *
 * @example
 * ```ts
 * const options: UnusualSourceOptions = { fanOutUsers: 3, fanOutHosts: 10 };
 * ```
 */
export interface UnusualSourceOptions {
  /** Sessions a user needs (learned or seen) before a network can be "new" for them (default 5). */
  readonly minHistory?: number;
  /** Distinct users logged into from one source within `fanOutWindowMs` that make a fan-out (default 4). */
  readonly fanOutUsers?: number;
  /** Distinct hosts logged into from one source within `fanOutWindowMs` that make a fan-out (default 5). */
  readonly fanOutHosts?: number;
  /** Fan-out window (default 1 h). */
  readonly fanOutWindowMs?: number;
  /** A listed source's pre-authentication activity is reported again after this long (default 1 h). */
  readonly intelRepeatMs?: number;
  /** Users and sources tracked (default 10000 each). */
  readonly maxTracked?: number;
}

/** What {@link unusualSource} keeps per source for fan-out. */
export interface FanOutEntry {
  /** Start of the window (epoch ms). */
  first: number;
  /** Accounts logged into. */
  users: string[];
  /** Hosts logged into. */
  hosts: string[];
  /** Sessions. */
  sessions: string[];
  /** Their lines. */
  evidence: Provenance[];
  /** Whether this window was reported. */
  fired: boolean;
}

/** State of {@link unusualSource}. */
export interface UnusualSourceState {
  /** Per user: networks seen in this stream and sessions counted. */
  readonly users: Lru<{ networks: string[]; sessions: number }>;
  /** Per listed source: when its activity was last reported. */
  readonly intel: Lru<number>;
  /** Per source: users and hosts reached recently. */
  readonly fanOut: Lru<FanOutEntry>;
  /** Session time at which fan-out windows that ended are next dropped. */
  nextSweep?: number;
}

const MAX_NETWORKS = 64;

/**
 * `ssh.unusual_source`: a login from a network new for the user (outside the networks
 * learned for them, their configured usual sources and the named networks such as VPN pools
 * and offices), any activity from a threat-intel-listed source, and one source logging into
 * many users or hosts (fan-out). Users learn as the stream goes, so a baseline is optional.
 *
 * @param options - Thresholds and caps.
 * @returns The detector.
 * @throws RangeError / TypeError for invalid options.
 * @example
 * ```ts
 * const detector = unusualSource({ fanOutHosts: 10 });
 * ```
 */
export function unusualSource(options: UnusualSourceOptions = {}): Detector<UnusualSourceState> {
  const raw = options as Readonly<Record<string, unknown>>;
  knownOptions(
    raw,
    ['minHistory', 'fanOutUsers', 'fanOutHosts', 'fanOutWindowMs', 'intelRepeatMs', 'maxTracked'],
    UNUSUAL_SOURCE,
  );
  const minHistory = numberOption(raw, 'minHistory', MIN_HISTORY, 1);
  const fanOutUsers = numberOption(raw, 'fanOutUsers', 4, 2);
  const fanOutHosts = numberOption(raw, 'fanOutHosts', 5, 2);
  const fanOutWindowMs = numberOption(raw, 'fanOutWindowMs', 3_600_000, 1);
  const intelRepeatMs = numberOption(raw, 'intelRepeatMs', 3_600_000, 0);
  const maxTracked = numberOption(raw, 'maxTracked', 10_000, 1);

  // A source's window that ended starts over at its next login: drop it, so state follows the
  // sources of the last window, not every address that ever logged in. One pass per window.
  const sweepFanOut = (state: UnusualSourceState, now: number): void => {
    if (now < (state.nextSweep ?? Number.NEGATIVE_INFINITY)) return;
    state.nextSweep = now + fanOutWindowMs;
    for (const [ip, entry] of lruEntries(state.fanOut)) {
      if (now - entry.first > fanOutWindowMs) lruDelete(state.fanOut, ip);
    }
  };

  const newNetwork = (
    state: UnusualSourceState,
    s: SshSession,
    context: DetectorContext,
  ): Finding[] => {
    const user = s.user;
    const ip = s.sourceIp;
    if (user === undefined || ip === undefined || isServiceAccount(context, user)) return [];
    const verdict = judgeSource(context, user, ip);
    const seen = lruGet(state.users, user) ?? { networks: [], sessions: 0 };
    lruSet(state.users, user, seen, maxTracked);
    const net = networkKey(ip);
    const learned = context.baselines?.users[user]?.sessions ?? 0;
    const history = learned + seen.sessions;
    const seenHere = seen.networks.includes(net);
    seen.sessions += 1;
    if (!seenHere) {
      seen.networks.push(net);
      if (seen.networks.length > MAX_NETWORKS) seen.networks.shift();
    }
    if (verdict.known === true || seenHere || history < minHistory) return [];
    const t = s.authTime ?? s.startTime;
    return [
      createFinding({
        detector: UNUSUAL_SOURCE,
        title: 'Login from a network new for the user',
        severity: 'medium',
        confidence: 0.5,
        techniques: ['T1078', 'T1563.001'],
        time: t,
        host: s.host,
        user,
        sourceIp: ip,
        sessionIds: [s.id],
        evidence: s.evidence.slice(0, 6),
        explanation:
          `${user} logged in to ${s.host ?? 'an unnamed host'} from ${ip} at ${isoSeconds(t)}: network ${net} ` +
          `is outside the ${history} earlier sessions' networks and every named network.`,
      }),
    ];
  };

  const intelHit = (
    state: UnusualSourceState,
    ip: string,
    t: number,
    evidence: readonly Provenance[],
    subject: {
      host: string | undefined;
      user: string | undefined;
      session: SshSession | undefined;
    },
    context: DetectorContext,
  ): Finding[] => {
    const hit = context.intel?.match(ip);
    if (hit === undefined) return [];
    const accepted = subject.session !== undefined;
    if (!accepted) {
      const last = lruGet(state.intel, ip);
      if (last !== undefined && t - last < intelRepeatMs) return [];
      lruSet(state.intel, ip, t, maxTracked);
    }
    const label = hit.label === undefined ? '' : ` (${hit.label})`;
    return [
      createFinding({
        detector: UNUSUAL_SOURCE,
        title: accepted
          ? 'Login from a threat-intel-listed source'
          : 'Activity from a threat-intel-listed source',
        severity: accepted ? 'critical' : 'high',
        confidence: 0.9,
        techniques: ['T1078', 'T1563.001'],
        time: t,
        host: subject.host,
        user: subject.user,
        sourceIp: ip,
        sessionIds: subject.session === undefined ? [] : [subject.session.id],
        evidence,
        explanation: accepted
          ? `${subject.user ?? 'A user'} logged in to ${subject.host ?? 'an unnamed host'} from ${ip} at ${isoSeconds(t)}; ${ip} is listed in ${hit.list} as ${hit.entry}${label}.`
          : `${ip}, listed in ${hit.list} as ${hit.entry}${label}, connected to ${subject.host ?? 'an unnamed host'} at ${isoSeconds(t)}.`,
      }),
    ];
  };

  const fanOut = (
    state: UnusualSourceState,
    s: SshSession,
    context: DetectorContext,
  ): Finding[] => {
    const ip = s.sourceIp;
    const user = s.user;
    if (ip === undefined || user === undefined || isServiceAccount(context, user)) return [];
    if (hostOfIp(context.config, ip)?.bastion === true) return [];
    const t = s.authTime ?? s.startTime;
    sweepFanOut(state, t);
    let entry = lruGet(state.fanOut, ip);
    if (entry === undefined || t - entry.first > fanOutWindowMs) {
      entry = { first: t, users: [], hosts: [], sessions: [], evidence: [], fired: false };
    }
    lruSet(state.fanOut, ip, entry, maxTracked);
    const host = s.host ?? '-';
    const grew =
      (!entry.users.includes(user) && entry.users.length < 64) ||
      (!entry.hosts.includes(host) && entry.hosts.length < 64);
    if (!grew) return [];
    if (!entry.users.includes(user)) entry.users.push(user);
    if (!entry.hosts.includes(host)) entry.hosts.push(host);
    entry.sessions.push(s.id);
    if (entry.sessions.length > 64) entry.sessions.shift();
    appendEvidence(entry.evidence, s.evidence.slice(0, 3), 50);
    if (entry.fired || (entry.users.length < fanOutUsers && entry.hosts.length < fanOutHosts))
      return [];
    entry.fired = true;
    const minutes = Math.max(1, Math.round((t - entry.first) / 60_000));
    return [
      createFinding({
        detector: UNUSUAL_SOURCE,
        title: 'One source logging into many accounts or hosts',
        severity: entry.users.length >= 2 * fanOutUsers ? 'high' : 'medium',
        confidence: 0.6,
        techniques: ['T1021.004', 'T1078'],
        time: t,
        host: s.host,
        user,
        sourceIp: ip,
        sessionIds: [...entry.sessions],
        evidence: entry.evidence,
        explanation:
          `${ip} logged in as ${entry.users.length} account(s) (${listText(entry.users)}) on ` +
          `${entry.hosts.length} host(s) (${listText(entry.hosts)}) within ${minutes} min, up to ${isoSeconds(t)}.`,
      }),
    ];
  };

  return {
    id: UNUSUAL_SOURCE,
    title: 'Unusual source',
    description:
      'A network new for the user, a threat-intel-listed source, or one source reaching many users or hosts.',
    techniques: ['T1078', 'T1021.004', 'T1563.001'],
    needs: ['auth', 'baseline', 'intel', 'config'],
    options: { minHistory, fanOutUsers, fanOutHosts, fanOutWindowMs, intelRepeatMs, maxTracked },
    init: () => ({ users: lruCreate(), intel: lruCreate(), fanOut: lruCreate() }),
    step(state, input, context) {
      if (input.kind === 'event') {
        const e = input.event;
        // Sessions report accepted logins; events report everything before (and without) one.
        if (e.kind === 'ssh.auth' && e.outcome === 'success') return quiet(state);
        const ip = context.intel === undefined ? undefined : inputSourceIp(input);
        if (ip === undefined) return quiet(state);
        const user = 'user' in e && typeof e.user === 'string' ? e.user : undefined;
        const subject = { host: e.host, user, session: undefined };
        return { state, findings: intelHit(state, ip, e.time, [e.source], subject, context) };
      }
      if (input.change !== 'open') return quiet(state);
      const s = input.session;
      const t = s.authTime ?? s.startTime;
      const findings: Finding[] = [];
      if (s.sourceIp !== undefined) {
        const subject = { host: s.host, user: s.user, session: s };
        findings.push(...intelHit(state, s.sourceIp, t, s.evidence.slice(0, 6), subject, context));
      }
      findings.push(...newNetwork(state, s, context), ...fanOut(state, s, context));
      return { state, findings };
    },
  };
}
