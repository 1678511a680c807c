import type { Case } from '../findings/case.js';
import type { Finding } from '../findings/finding.js';
import type { SshSession } from '../model/session.js';
import { buildCase } from './build-case.js';
import { findingTime } from './case-context.js';
import { collectIndicators } from './indicators.js';
import { upstreamOf } from './infer-hops.js';
import { type Hop, resolveTriageOptions, type TriageOptions } from './triage-options.js';
import type { TriageSnapshot } from './triage-snapshot.js';

/** An actor key findings are grouped by. */
export type GroupKey = 'user' | 'source_ip' | 'key_fingerprint' | 'session';

/**
 * Options of {@link createTriage}: the {@link TriageOptions} plus how to group.
 *
 * @example
 * ```ts
 * const options: CreateTriageOptions = { windowMs: 3_600_000, emitQuiet: true, groupBy: ['session', 'source_ip'] };
 * ```
 */
export interface CreateTriageOptions extends TriageOptions {
  /** Actor keys that join findings into one case (default all four). */
  readonly groupBy?: readonly GroupKey[];
  /** Emit cases from `addFinding` once quiet for `windowMs` of stream time, least recently active first (default false). */
  readonly emitQuiet?: boolean;
  /**
   * Link a session to the session of another host it was most likely opened from (its source
   * address is that session's server address, `localIp`), as {@link inferHops} does, when no
   * explicit hop names it (default true). The upstream session must be added first.
   */
  readonly inferHops?: boolean;
}

/**
 * How much state a triage holds.
 *
 * @example
 * ```ts
 * const size: TriageSize = { openCases: 2, sessions: 40, hops: 1, droppedFindings: 0 };
 * ```
 */
export interface TriageSize {
  /** Cases not emitted yet. */
  readonly openCases: number;
  /** Sessions kept for context. */
  readonly sessions: number;
  /** Hops kept. */
  readonly hops: number;
  /** Findings counted but not kept because a case reached `maxFindingsPerCase`. */
  readonly droppedFindings: number;
}

/**
 * A streaming triage: feed findings, sessions and hops as they come; cases come out of
 * `poll`/`flush` (and of `addFinding` when a case is evicted or quiet).
 *
 * @example
 * ```ts
 * const triage = createTriage();
 * triage.addFinding(finding);
 * const cases = triage.flush();
 * ```
 */
export interface Triage {
  /** Adds a finding; returns the cases this closed (evicted over `maxOpenCases`, or quiet with `emitQuiet`). */
  addFinding(finding: Finding): readonly Case[];
  /** Adds or updates a session (context for answers and containment). */
  addSession(session: SshSession): void;
  /** Adds a cross-host hop: findings on `to` join the case of `from`'s chain. */
  addHop(hop: Hop): void;
  /** Emits the cases whose last finding is older than `now - windowMs` (epoch ms). */
  poll(now: number): readonly Case[];
  /**
   * Lets go of what can no longer change, for a long-running stream: emits the cases quiet for
   * twice `windowMs` before `now` whose sessions have all closed (no finding can join them any
   * more, and their answers are final), and forgets the sessions no open case cites that ended
   * more than `windowMs` before `now` (or, still open, had no line for `idleMs` plus `windowMs`).
   * Cases come out in the order {@link Triage.flush} would give them.
   *
   * @param now - The stream time (epoch ms) of the latest input.
   * @param idleMs - How long an open session may go without a line before its tracker evicts
   *   it (default 7 days, the session tracker's `idleTimeoutMs`).
   * @returns The cases settled.
   * @example
   * ```ts
   * for (const c of triage.settle(event.time)) write(c);
   * ```
   */
  settle(now: number, idleMs?: number): readonly Case[];
  /** Emits every open case. */
  flush(): readonly Case[];
  /** Current state size. */
  size(): TriageSize;
  /** The state as plain JSON, to continue later with `createTriage(options, snapshot)`. */
  snapshot(): TriageSnapshot;
}

interface OpenCase {
  readonly seq: number;
  readonly findings: Finding[];
  readonly keys: Set<string>;
  readonly extraSessions: Set<string>;
  /** Session ids cited by the kept findings. */
  readonly cited: Set<string>;
  first: number;
  last: number;
  merged: boolean;
}

const ALL_KEYS: readonly GroupKey[] = ['user', 'source_ip', 'key_fingerprint', 'session'];
const MAX_CHAIN = 32;

/**
 * Creates a streaming triage that groups findings into cases by actor (user, source address,
 * key fingerprint), session chain (shared session ids, or a hop from an upstream session) and
 * time (`windowMs`), and builds each case with {@link buildCase}. State is bounded by
 * `maxOpenCases`, `maxSessions` and `maxFindingsPerCase`.
 *
 * @param options - Grouping, policy, data sources, baseline profiles and caps.
 * @param initial - State from {@link Triage.snapshot} to continue from (same options).
 * @returns The triage.
 * @throws RangeError or TypeError on invalid options (programmer errors only).
 * @example
 * ```ts
 * const triage = createTriage({ windowMs: 2 * 3_600_000, dataSources: { auditSockets: true } });
 * for (const s of sessions) triage.addSession(s);
 * for (const f of findings) triage.addFinding(f);
 * for (const c of triage.flush()) console.log(c.id, c.escalate, c.reasons.join(' '));
 * ```
 */
export function createTriage(options: CreateTriageOptions = {}, initial?: TriageSnapshot): Triage {
  const resolved = resolveTriageOptions(options);
  const groupBy = new Set(options.groupBy ?? ALL_KEYS);
  const emitQuiet = options.emitQuiet === true;
  const window = resolved.windowMs;
  const infer = options.inferHops !== false;
  const sessions = new Map<string, SshSession>();
  const byLocalIp = new Map<string, Set<string>>();
  const upstream = new Map<string, string>();
  const index = new Map<string, OpenCase>();
  // Insertion order = least recently active first: a touched case moves to the end.
  const open = new Set<OpenCase>();
  let seq = 0;
  let dropped = 0;
  let latest = Number.NEGATIVE_INFINITY;
  if (initial !== undefined) {
    seq = initial.seq;
    dropped = initial.dropped;
    latest = initial.latest ?? Number.NEGATIVE_INFINITY;
    for (const s of initial.sessions) sessions.set(s.id, s);
    for (const [ip, ids] of initial.byLocalIp) byLocalIp.set(ip, new Set(ids));
    for (const [to, from] of initial.upstream) upstream.set(to, from);
    const bySeq = new Map<number, OpenCase>();
    for (const c of initial.cases) {
      const restored: OpenCase = {
        seq: c.seq,
        findings: [...c.findings],
        keys: new Set(c.keys),
        extraSessions: new Set(c.extraSessions),
        cited: new Set(c.cited),
        first: c.first,
        last: c.last,
        merged: false,
      };
      open.add(restored);
      bySeq.set(c.seq, restored);
    }
    for (const [key, caseSeq] of initial.index) {
      const c = bySeq.get(caseSeq);
      if (c !== undefined) index.set(key, c);
    }
  }

  function root(id: string): string {
    let current = id;
    for (let i = 0; i < MAX_CHAIN; i++) {
      const up = upstream.get(current);
      if (up === undefined || up === id) break;
      current = up;
    }
    return current;
  }

  function chain(id: string): string[] {
    const out = [id];
    let current = id;
    for (let i = 0; i < MAX_CHAIN; i++) {
      const up = upstream.get(current);
      if (up === undefined || out.includes(up)) break;
      out.push(up);
      current = up;
    }
    return out;
  }

  function link(session: SshSession): void {
    if (session.localIp !== undefined) {
      const ids = byLocalIp.get(session.localIp) ?? new Set<string>();
      ids.add(session.id);
      byLocalIp.set(session.localIp, ids);
    }
    if (session.sourceIp === undefined || upstream.has(session.id)) return;
    const ids = byLocalIp.get(session.sourceIp);
    if (ids === undefined) return;
    const up = upstreamOf(
      session,
      [...ids].flatMap((id) => sessions.get(id) ?? []),
    );
    if (up !== undefined) setUpstream(session.id, up.id);
  }

  function setUpstream(to: string, from: string): void {
    upstream.delete(to);
    upstream.set(to, from);
    while (upstream.size > resolved.maxSessions) {
      const oldest = upstream.keys().next().value;
      if (oldest === undefined) break;
      upstream.delete(oldest);
    }
  }

  function keysOf(f: Finding): string[] {
    const keys: string[] = [];
    if (groupBy.has('user') && f.user !== undefined) keys.push(`u\u0000${f.user}`);
    if (groupBy.has('source_ip') && f.sourceIp !== undefined) keys.push(`i\u0000${f.sourceIp}`);
    if (groupBy.has('session')) for (const id of f.sessionIds) keys.push(`s\u0000${root(id)}`);
    if (groupBy.has('key_fingerprint')) {
      const known = f.sessionIds.flatMap((id) => sessions.get(id) ?? []);
      for (const fp of collectIndicators([f], known).fingerprints) keys.push(`k\u0000${fp}`);
    }
    return keys;
  }

  function emit(c: OpenCase): Case {
    open.delete(c);
    for (const key of c.keys) if (index.get(key) === c) index.delete(key);
    const ids = caseSessionIds(c);
    const hops: Hop[] = [];
    for (const to of ids) {
      const from = upstream.get(to);
      if (from !== undefined && ids.has(from)) hops.push({ from, to });
    }
    return buildCase(c.findings, caseSessions(c), options, [...c.extraSessions], hops);
  }

  function caseSessions(c: OpenCase): SshSession[] {
    return [...caseSessionIds(c)].flatMap((id) => sessions.get(id) ?? []);
  }

  function caseSessionIds(c: OpenCase): Set<string> {
    return new Set([...c.extraSessions, ...c.cited]);
  }

  function forget(id: string, session: SshSession): void {
    sessions.delete(id);
    if (session.localIp === undefined) return;
    const ids = byLocalIp.get(session.localIp);
    ids?.delete(id);
    if (ids?.size === 0) byLocalIp.delete(session.localIp);
  }

  function ordered(cases: Iterable<OpenCase>): OpenCase[] {
    return [...cases].sort((a, b) => a.first - b.first || a.seq - b.seq);
  }

  function mergeInto(target: OpenCase, other: OpenCase): void {
    for (const f of other.findings) add(target, f);
    for (const key of other.keys) {
      target.keys.add(key);
      index.set(key, target);
    }
    for (const id of other.extraSessions) target.extraSessions.add(id);
    target.first = Math.min(target.first, other.first);
    target.last = Math.max(target.last, other.last);
    other.merged = true;
    open.delete(other);
  }

  function add(c: OpenCase, f: Finding): void {
    if (c.findings.length >= resolved.maxFindingsPerCase) {
      dropped++;
      return;
    }
    c.findings.push(f);
    for (const id of f.sessionIds) c.cited.add(id);
  }

  function quiet(now: number): Case[] {
    const out: Case[] = [];
    for (const c of ordered(open)) if (c.last + window < now) out.push(emit(c));
    return out;
  }

  /** Quiet cases at the least-recently-active end only: O(emitted), for the streaming path. */
  function quietFront(now: number): Case[] {
    const out: Case[] = [];
    for (const c of open) {
      if (c.last + window >= now) break;
      out.push(emit(c));
    }
    return out;
  }

  return {
    addFinding(finding) {
      const t = findingTime(finding);
      const keys = keysOf(finding);
      const matches: OpenCase[] = [];
      for (const key of keys) {
        const c = index.get(key);
        if (c === undefined || c.merged || matches.includes(c)) continue;
        if (t >= c.first - window && t <= c.last + window) matches.push(c);
      }
      const [target, ...rest] = ordered(matches);
      let c: OpenCase;
      if (target === undefined) {
        c = {
          seq: seq++,
          findings: [],
          keys: new Set(),
          extraSessions: new Set(),
          cited: new Set(),
          first: t,
          last: t,
          merged: false,
        };
        open.add(c);
      } else {
        c = target;
        for (const other of rest) mergeInto(c, other);
        open.delete(c);
        open.add(c);
      }
      add(c, finding);
      c.first = Math.min(c.first, t);
      c.last = Math.max(c.last, t);
      for (const key of keys) {
        c.keys.add(key);
        index.set(key, c);
      }
      for (const id of finding.sessionIds) {
        for (const linked of chain(id)) if (linked !== id) c.extraSessions.add(linked);
      }
      const out: Case[] = [];
      latest = Math.max(latest, t);
      if (emitQuiet) out.push(...quietFront(latest));
      while (open.size > resolved.maxOpenCases) {
        const oldest = open.values().next().value;
        if (oldest === undefined) break;
        out.push(emit(oldest));
      }
      return out;
    },
    addSession(session) {
      sessions.delete(session.id);
      sessions.set(session.id, session);
      if (infer) link(session);
      while (sessions.size > resolved.maxSessions) {
        const oldest = sessions.keys().next().value;
        if (oldest === undefined) break;
        const gone = sessions.get(oldest);
        sessions.delete(oldest);
        if (gone?.localIp !== undefined) byLocalIp.get(gone.localIp)?.delete(oldest);
      }
    },
    addHop(hop) {
      if (hop.from !== hop.to) setUpstream(hop.to, hop.from);
    },
    poll(now) {
      return quiet(now);
    },
    settle(now, idleMs = 7 * 24 * 3_600_000) {
      const out: Case[] = [];
      for (const c of ordered(open)) {
        if (c.last + 2 * window >= now) continue;
        let live = false;
        for (const id of caseSessionIds(c)) if (sessions.get(id)?.state === 'open') live = true;
        if (!live) out.push(emit(c));
      }
      const cited = new Set<string>();
      for (const c of open) {
        for (const id of c.cited) cited.add(id);
        for (const id of c.extraSessions) cited.add(id);
      }
      for (const [id, session] of sessions) {
        const done =
          session.state === 'closed'
            ? (session.endTime ?? session.lastSeenTime) + window < now
            : session.lastSeenTime + idleMs + window < now;
        if (done && !cited.has(id)) forget(id, session);
      }
      return out;
    },
    flush() {
      return ordered(open).map(emit);
    },
    snapshot() {
      return {
        version: 1,
        seq,
        dropped,
        latest: Number.isFinite(latest) ? latest : null,
        sessions: [...sessions.values()],
        byLocalIp: [...byLocalIp].map(([ip, ids]) => [ip, [...ids]] as const),
        upstream: [...upstream],
        cases: [...open].map((c) => ({
          seq: c.seq,
          findings: [...c.findings],
          keys: [...c.keys],
          extraSessions: [...c.extraSessions],
          cited: [...c.cited],
          first: c.first,
          last: c.last,
        })),
        // Only keys of open cases: emitted and merged cases are never pointed to.
        index: [...index].flatMap(([key, c]) => (open.has(c) ? [[key, c.seq] as const] : [])),
      };
    },
    size() {
      return {
        openCases: open.size,
        sessions: sessions.size,
        hops: upstream.size,
        droppedFindings: dropped,
      };
    },
  };
}
