import type { Provenance } from '../../events/provenance.js';
import type { SshSession } from '../../model/session.js';
import { createFinding } from '../create-finding.js';
import type { Detector, DetectorContext } from '../detector.js';
import { type Lru, lruCreate, lruDelete, lruEntries, lruGet, lruSet } from '../lru.js';
import { createQuietSteps } from '../no-findings.js';
import { isoSeconds } from '../ssh/knowledge.js';
import { knownOptions, numberOption } from '../ssh/options.js';
import { loginLines } from './audit-lines.js';
import { createHostFacts, type HostFacts, hostOfAddress, learnSession } from './host-facts.js';

// Steps that find nothing reuse one object per state (see createQuietSteps).
const quiet = createQuietSteps();

/** Detector id of {@link lateralMovementChain}. */
export const LATERAL_MOVEMENT_CHAIN = 'ssh.lateral_movement_chain';

/**
 * Options of {@link lateralMovementChain}.
 *
 * @example
 * ```ts
 * const options: LateralMovementChainOptions = { minHops: 3, windowMs: 1_800_000 };
 * ```
 */
export interface LateralMovementChainOptions {
  /** Hops that make a chain (default 2). */
  readonly minHops?: number;
  /** Longest time from the first session's start to the last one's (default 1 h). */
  readonly windowMs?: number;
  /** Clock difference tolerated between hosts (default 120 s). */
  readonly skewMs?: number;
  /** Sessions remembered (default 20000). */
  readonly maxSessions?: number;
}

/** One remembered session of a chain (plain JSON state of {@link lateralMovementChain}). */
export interface ChainNode {
  id: string;
  host: string | undefined;
  user: string | undefined;
  sourceIp: string | undefined;
  start: number;
  parent: string | undefined;
  anomalous: string | undefined;
  lines: Provenance[];
}

/** State of {@link lateralMovementChain}. */
export interface LateralMovementChainState {
  /** Learned host addresses. */
  readonly facts: HostFacts;
  /** Sessions with their parent, by id. */
  readonly nodes: Lru<ChainNode>;
  /** Latest session start seen, and when nodes too old to join a chain are next dropped. */
  latest?: number;
  nextSweep?: number;
}

const ANOMALOUS_FAILURES = 5;

function anomalyOf(s: SshSession): string | undefined {
  if (s.failedAttempts >= ANOMALOUS_FAILURES) {
    return `${s.user ?? '?'}@${s.host ?? '?'} came after ${s.failedAttempts} failed attempts`;
  }
  if (s.user === 'root' && s.authMethod?.startsWith('password') === true) {
    return `root@${s.host ?? '?'} logged in with a password`;
  }
  return undefined;
}

/**
 * `ssh.lateral_movement_chain` (T1021.004): chains of `minHops` or more SSH hops between
 * monitored hosts within `windowMs` (a session whose source address is another monitored host
 * where a session was open then; the hop graph view when present). Medium; high when a hop
 * changes account, or starts from an anomalous session (after many failures, a root password
 * login).
 *
 * @param options - Hops, window and caps.
 * @returns The detector.
 * @throws RangeError / TypeError for invalid options.
 * @example
 * ```ts
 * const detector = lateralMovementChain({ minHops: 2 });
 * ```
 */
export function lateralMovementChain(
  options: LateralMovementChainOptions = {},
): Detector<LateralMovementChainState> {
  const raw = options as Readonly<Record<string, unknown>>;
  knownOptions(raw, ['minHops', 'windowMs', 'skewMs', 'maxSessions'], LATERAL_MOVEMENT_CHAIN);
  const minHops = numberOption(raw, 'minHops', 2, 1, 64);
  const windowMs = numberOption(raw, 'windowMs', 3_600_000, 1_000);
  const skewMs = numberOption(raw, 'skewMs', 120_000, 0);
  const maxSessions = numberOption(raw, 'maxSessions', 20_000, 1);

  const parentOf = (
    state: LateralMovementChainState,
    context: DetectorContext,
    s: SshSession,
  ): string | undefined => {
    const from = hostOfAddress(state.facts, context, s.sourceIp);
    if (from === undefined || from === s.host) return undefined;
    let best: SshSession | undefined;
    for (const p of context.sessions.loggedInAt(s.startTime + skewMs, { host: from })) {
      if (p.startTime > s.startTime + skewMs) continue;
      const same = p.user === s.user;
      const bestSame = best?.user === s.user;
      if (
        best === undefined ||
        (same && !bestSame) ||
        (same === bestSame && p.startTime > best.startTime)
      ) {
        best = p;
      }
    }
    return best?.id;
  };

  // A node more than the window older than any new session can never be a hop of its chain:
  // drop such nodes (twice the window behind the latest start, for late sessions), once per
  // window, so state follows the sessions of the recent past, not every session ever opened.
  const sweep = (state: LateralMovementChainState, start: number): void => {
    const latest = Math.max(state.latest ?? start, start);
    state.latest = latest;
    if (latest < (state.nextSweep ?? Number.NEGATIVE_INFINITY)) return;
    state.nextSweep = latest + windowMs;
    for (const [id, node] of lruEntries(state.nodes)) {
      if (latest - node.start > 2 * windowMs) lruDelete(state.nodes, id);
    }
  };

  return {
    id: LATERAL_MOVEMENT_CHAIN,
    title: 'Lateral movement chain',
    description: 'Two or more SSH hops between monitored hosts within a window.',
    techniques: ['T1021.004'],
    needs: ['auth'],
    options: { minHops, windowMs, skewMs, maxSessions },
    init: () => ({ facts: createHostFacts(), nodes: lruCreate() }),
    step(state, input, context) {
      if (input.kind !== 'session') return quiet(state);
      const s = input.session;
      learnSession(state.facts, s);
      if (input.change !== 'open' || lruGet(state.nodes, s.id) !== undefined) {
        return quiet(state);
      }
      sweep(state, s.authTime ?? s.startTime);
      const node: ChainNode = {
        id: s.id,
        host: s.host,
        user: s.user,
        sourceIp: s.sourceIp,
        start: s.authTime ?? s.startTime,
        parent: parentOf(state, context, s),
        anomalous: anomalyOf(s),
        lines: loginLines(s.evidence).slice(-1),
      };
      lruSet(state.nodes, s.id, node, maxSessions);
      const chain: ChainNode[] = [node];
      for (let cur = node; cur.parent !== undefined && chain.length <= 64; ) {
        const p = lruGet(state.nodes, cur.parent);
        if (p === undefined || chain.includes(p) || node.start - p.start > windowMs) break;
        chain.unshift(p);
        cur = p;
      }
      const hops = chain.length - 1;
      if (hops < minHops) return quiet(state);
      const userChange = chain.some((n, i) => i > 0 && n.user !== chain[i - 1]?.user);
      const anomalies = chain.map((n) => n.anomalous).filter((a): a is string => a !== undefined);
      const high = userChange || anomalies.length > 0;
      const path = chain.map((n) => `${n.user ?? '?'}@${n.host ?? '?'}`).join(' -> ');
      const first = chain[0] as ChainNode;
      return {
        state,
        findings: [
          createFinding({
            detector: LATERAL_MOVEMENT_CHAIN,
            title: `SSH chain of ${hops} hops`,
            severity: high ? 'high' : 'medium',
            confidence: high ? 0.75 : 0.55,
            techniques: ['T1021.004'],
            time: node.start,
            host: s.host,
            user: s.user,
            sourceIp: first.sourceIp,
            sessionIds: chain.map((n) => n.id),
            evidence: chain.flatMap((n) => n.lines),
            explanation:
              `${path}: ${hops} hops in ${Math.round((node.start - first.start) / 1000)} s, from ${first.sourceIp ?? '?'} at ${isoSeconds(first.start)}` +
              `${userChange ? '; the account changes along the way' : ''}${anomalies.length > 0 ? `; ${anomalies.join('; ')}` : ''}.`,
          }),
        ],
      };
    },
  };
}
