import type { Provenance } from '../../events/provenance.js';
import type { SshAuthEvent } from '../../events/ssh.js';
import type { Finding } from '../../findings/finding.js';
import type { SessionViews } from '../../model/session-views.js';
import { appendEvidence } from '../compose/rule.js';
import { createFinding } from '../create-finding.js';
import type { Detector } from '../detector.js';
import { type Lru, lruCreate, lruDelete, lruGet, lruSet } from '../lru.js';
import { createQuietSteps } from '../no-findings.js';
import { isoSeconds, listText } from './knowledge.js';
import { knownOptions, numberOption } from './options.js';

// Steps that find nothing reuse one object per state (see createQuietSteps).
const quiet = createQuietSteps();

/** Detector id of {@link bruteForceSuccess}. */
export const BRUTE_FORCE_SUCCESS = 'ssh.brute_force_success';

/**
 * Options of {@link bruteForceSuccess}.
 *
 * @example
 * ```ts
 * const options: BruteForceSuccessOptions = { minFailures: 10, windowMs: 300_000 };
 * ```
 */
export interface BruteForceSuccessOptions {
  /** Failures from one source, before a success from it, that make a brute force (default 5). */
  readonly minFailures?: number;
  /** Distinct users tried by one source that make password spraying (default 3). */
  readonly minSprayUsers?: number;
  /** A source's failures are counted while each comes within this time of the previous one (default 10 min). */
  readonly windowMs?: number;
  /** Sources tracked at once (default 10000; least recently active dropped first). */
  readonly maxSources?: number;
}

/** What {@link bruteForceSuccess} keeps per source address. */
export interface BruteForceSource {
  /** First failure of the run (epoch ms). */
  first: number;
  /** Latest failure. */
  last: number;
  /** Failures counted. */
  failures: number;
  /** Accounts tried (at most 50). */
  users: string[];
  /** Failures per account. */
  perUser: Record<string, number>;
  /** Failed publickey attempts per connection (a client offering several keys). */
  keyOffers: Record<string, number>;
  /** The connections in `keyOffers`, oldest first (at most 16 are kept). */
  keyPids?: number[];
  /** Connections that logged `Invalid user` (their `Failed ... invalid user` is the same attempt). */
  invalidPids: number[];
  /** The failure lines (at most 40). */
  evidence: Provenance[];
}

/** State of {@link bruteForceSuccess}. */
export interface BruteForceSuccessState {
  /** Per source address. */
  readonly sources: Lru<BruteForceSource>;
  /** Event time at which sources quiet for longer than the window are next dropped. */
  nextSweep?: number;
}

const MAX_USERS = 50;
const MAX_KEY_CONNECTIONS = 16;

/**
 * `ssh.brute_force_success`: failed logins from one source leading up to a success from it:
 * brute force (many failures, T1110.001) or password spraying (many users, T1110.003).
 * A client offering several keys before the right one (failed publickey on the very
 * connection that then succeeds) is not counted.
 *
 * @param options - Thresholds and caps.
 * @returns The detector.
 * @throws RangeError / TypeError for invalid options.
 * @example
 * ```ts
 * const detector = bruteForceSuccess({ minFailures: 5 });
 * ```
 */
export function bruteForceSuccess(
  options: BruteForceSuccessOptions = {},
): Detector<BruteForceSuccessState> {
  const raw = options as Readonly<Record<string, unknown>>;
  knownOptions(
    raw,
    ['minFailures', 'minSprayUsers', 'windowMs', 'maxSources'],
    BRUTE_FORCE_SUCCESS,
  );
  const minFailures = numberOption(raw, 'minFailures', 5, 1);
  const minSprayUsers = numberOption(raw, 'minSprayUsers', 3, 2);
  const windowMs = numberOption(raw, 'windowMs', 600_000, 1);
  const maxSources = numberOption(raw, 'maxSources', 10_000, 1);

  // A source quiet for longer than the window starts over at its next failure and cannot
  // precede a success any more: drop it, so state follows the sources active in the window,
  // not every address that ever failed. One pass per half window (least recent first).
  const sweep = (state: BruteForceSuccessState, now: number): void => {
    if (now < (state.nextSweep ?? Number.NEGATIVE_INFINITY)) return;
    state.nextSweep = now + windowMs / 2;
    for (const key in state.sources.entries) {
      const entry = state.sources.entries[key];
      if (entry === undefined || now - entry.last <= windowMs) break;
      lruDelete(state.sources, key.slice(1));
    }
  };

  const fail = (state: BruteForceSuccessState, e: SshAuthEvent, ip: string): void => {
    sweep(state, e.time);
    let entry = lruGet(state.sources, ip);
    if (entry === undefined || e.time - entry.last > windowMs) {
      entry = {
        first: e.time,
        last: e.time,
        failures: 0,
        users: [],
        perUser: {},
        keyOffers: {},
        keyPids: [],
        invalidPids: [],
        evidence: [],
      };
      // A source already tracked was made most recent by lruGet.
      lruSet(state.sources, ip, entry, maxSources);
    }
    entry.last = e.time;
    const pid = e.pid ?? -1;
    // `Invalid user x` then `Failed password for invalid user x` on one connection: one attempt.
    const repeat = e.outcome === 'failure' && e.invalidUser && entry.invalidPids.includes(pid);
    if (e.outcome === 'invalid_user') {
      entry.invalidPids.push(pid);
      if (entry.invalidPids.length > 16) entry.invalidPids.shift();
    }
    const count = repeat ? 0 : Math.max(1, e.count);
    entry.failures += count;
    if (e.method === 'publickey') {
      const k = String(pid);
      if (entry.keyOffers[k] === undefined) {
        // Only the succeeding connection's own offers matter: keep the recent connections.
        entry.keyPids ??= [];
        entry.keyPids.push(pid);
        if (entry.keyPids.length > MAX_KEY_CONNECTIONS) {
          delete entry.keyOffers[String(entry.keyPids.shift())];
        }
      }
      entry.keyOffers[k] = (entry.keyOffers[k] ?? 0) + count;
    }
    const user = e.user ?? '?';
    if (!entry.users.includes(user) && entry.users.length < MAX_USERS) entry.users.push(user);
    if (entry.perUser[user] !== undefined || entry.users.includes(user)) {
      entry.perUser[user] = (entry.perUser[user] ?? 0) + count;
    }
    appendEvidence(entry.evidence, [e.source], 40);
  };

  const succeed = (
    state: BruteForceSuccessState,
    e: SshAuthEvent,
    ip: string,
    sessions: SessionViews,
  ): Finding[] => {
    const entry = lruGet(state.sources, ip);
    if (entry === undefined) return [];
    lruDelete(state.sources, ip);
    if (e.time - entry.last > windowMs) return [];
    const offers = entry.keyOffers[String(e.pid ?? -1)] ?? 0;
    const failures = entry.failures - offers;
    const user = e.user ?? '?';
    const tried = entry.users.filter((u) => u !== user || (entry.perUser[u] ?? 0) > offers);
    const spraying = tried.length >= minSprayUsers && failures >= minSprayUsers;
    const brute = failures >= minFailures;
    if (!spraying && !brute) return [];
    const techniques = [
      ...(brute && (entry.perUser[user] ?? 0) - offers >= minFailures ? ['T1110.001'] : []),
      ...(spraying ? ['T1110.003'] : []),
    ];
    if (techniques.length === 0) techniques.push('T1110.001');
    const minutes = Math.max(1, Math.round((e.time - entry.first) / 60_000));
    return [
      createFinding({
        detector: BRUTE_FORCE_SUCCESS,
        title: spraying
          ? 'Password spraying followed by a successful login'
          : 'Brute force followed by a successful login',
        severity: user === 'root' ? 'critical' : 'high',
        confidence: Math.min(0.95, 0.6 + failures / 100 + (spraying ? 0.1 : 0)),
        techniques,
        time: e.time,
        host: e.host,
        user,
        sourceIp: ip,
        sessionIds: acceptedSession(sessions, e, user, ip),
        evidence: [...entry.evidence, e.source],
        explanation:
          `${failures} failed logins from ${ip} against ${tried.length} account(s) (${listText(tried)}) within ${minutes} min ` +
          `were followed by an accepted ${e.method ?? 'login'} for ${user} on ${e.host ?? 'an unnamed host'} at ${isoSeconds(e.time)}.`,
      }),
    ];
  };

  return {
    id: BRUTE_FORCE_SUCCESS,
    title: 'Failed logins leading up to a success',
    description:
      'Many failed logins (or many accounts tried) from one source, then a successful login from it.',
    techniques: ['T1110.001', 'T1110.003'],
    needs: ['auth'],
    options: { minFailures, minSprayUsers, windowMs, maxSources },
    init: () => ({ sources: lruCreate() }),
    step(state, input, context) {
      if (input.kind !== 'event' || input.event.kind !== 'ssh.auth') return quiet(state);
      const e = input.event;
      const ip = e.sourceIp;
      if (ip === undefined) return quiet(state);
      switch (e.outcome) {
        case 'failure':
        case 'invalid_user':
          fail(state, e, ip);
          return quiet(state);
        case 'success':
          return { state, findings: succeed(state, e, ip, context.sessions) };
        default:
          return quiet(state);
      }
    },
  };
}

// The session the accepted login opened (the tracker has it by the time detectors run): the
// same host, user and source address and port.
function acceptedSession(
  sessions: SessionViews,
  e: SshAuthEvent,
  user: string,
  ip: string,
): readonly string[] {
  const own = sessions
    .sessionsOfUser(user)
    .filter((s) => s.host === e.host && s.sourceIp === ip && s.sourcePort === e.sourcePort);
  return own.length === 1 && own[0] !== undefined ? [own[0].id] : [];
}
