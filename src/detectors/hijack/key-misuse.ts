import type { Provenance } from '../../events/provenance.js';
import type { Finding, FindingActor, Severity } from '../../findings/finding.js';
import type { SshSession } from '../../model/session.js';
import { createFinding } from '../create-finding.js';
import type { Detector } from '../detector.js';
import { inputTime } from '../input.js';
import { type Lru, lruCreate, lruGet, lruPeek, lruSet } from '../lru.js';
import { isoSeconds, isServiceAccount } from '../ssh/knowledge.js';
import { knownOptions, numberOption } from '../ssh/options.js';
import { actorSessionOf, findingActor } from './actor.js';
import { keyLines, loginLines } from './audit-lines.js';
import {
  createHostFacts,
  type HostFacts,
  hostOfAddress,
  isSshClientExe,
  learnEvent,
  learnSession,
  uidOfUser,
  userOfUid,
} from './host-facts.js';

/** Detector id of {@link keyMisuse}. */
export const KEY_MISUSE = 'ssh.key_misuse';

/**
 * Options of {@link keyMisuse}.
 *
 * @example
 * ```ts
 * const options: KeyMisuseOptions = { owners: { 'SHA256:KJJEW...': 'alice' } };
 * ```
 */
export interface KeyMisuseOptions {
  /** Configured key owners: fingerprint to account (learned owners fill the rest). */
  readonly owners?: Readonly<Record<string, string>>;
  /** How long before a login an ssh client start on the source host counts (default 120 s). */
  readonly clientWindowMs?: number;
  /** Fingerprints whose owner is remembered (default 10000). */
  readonly maxKeys?: number;
  /** How long a login waits for the source host's lines before it is judged (default 5 s). */
  readonly settleMs?: number;
}

/** One ssh client start (plain JSON state of {@link keyMisuse}). */
export interface ClientStart {
  time: number;
  uid: number | undefined;
  auid: number | undefined;
  lines: Provenance[];
  /** Its pid, audit session and executable (absent in states saved before). */
  pid?: number | undefined;
  ses?: number | undefined;
  exe?: string | undefined;
}

/** State of {@link keyMisuse}. */
export interface KeyMisuseState {
  /** Learned processes, accounts and addresses. */
  readonly facts: HostFacts;
  /** Fingerprint to its owner and the line that taught it. */
  readonly owners: Lru<{ user: string; line: Provenance | undefined }>;
  /** Recent ssh client starts per host. */
  readonly clients: Lru<ClientStart[]>;
  /** Logins waiting `settleMs` for the source host's process lines (clocks and log delays differ). */
  readonly pending: SshSession[];
}

const MAX_CLIENTS = 64;
const MAX_PENDING = 256;

/**
 * `ssh.key_misuse` (T1563.001, T1021.004): a key accepted where its owner is not. The owner of
 * a fingerprint is configured (`owners`) or learned (the account of the first session that
 * used it). High when the login comes from a monitored host where, at that time, the owner
 * had no live session, or the ssh client that started just before ran as another uid and
 * login uid than the owner's; medium when the key is accepted for another account than its
 * owner's. ProxyJump (no ssh client on the jump host) and the owner's own hops stay quiet.
 *
 * @param options - Owners, window and caps.
 * @returns The detector.
 * @throws RangeError / TypeError for invalid options.
 * @example
 * ```ts
 * const detector = keyMisuse({ owners: { 'SHA256:KJJEW/WeE24ukjtZ+UAuesiV0rsKn2Ft9gFINPgDikY': 'alice' } });
 * ```
 */
export function keyMisuse(options: KeyMisuseOptions = {}): Detector<KeyMisuseState> {
  const raw = options as Readonly<Record<string, unknown>>;
  knownOptions(raw, ['owners', 'clientWindowMs', 'maxKeys', 'settleMs'], KEY_MISUSE);
  const settleMs = numberOption(raw, 'settleMs', 5_000, 0);
  const clientWindowMs = numberOption(raw, 'clientWindowMs', 120_000, 0);
  const maxKeys = numberOption(raw, 'maxKeys', 10_000, 1);
  const configured = options.owners ?? {};
  if (typeof configured !== 'object' || configured === null) {
    throw new TypeError('option owners must map fingerprints to account names');
  }
  for (const v of Object.values(configured)) {
    if (typeof v !== 'string')
      throw new TypeError('option owners must map fingerprints to account names');
  }

  const judge = (
    state: KeyMisuseState,
    context: Parameters<Detector<KeyMisuseState>['step']>[2],
    s: SshSession,
  ) => {
    const fp = s.key?.fingerprint;
    if (
      fp === undefined ||
      s.user === undefined ||
      s.authMethod?.startsWith('publickey') !== true
    ) {
      return [];
    }
    const learned = lruPeek(state.owners, fp);
    const owner = configured[fp] ?? learned?.user;
    if (owner === undefined) return [];
    const t = s.authTime ?? s.startTime;
    const from = hostOfAddress(state.facts, context, s.sourceIp);
    const reasons: string[] = [];
    let severity: Severity | undefined;
    const evidence: Provenance[] = [...loginLines(s.evidence)];
    let actor: FindingActor | undefined;
    if (owner !== s.user) {
      severity = 'medium';
      reasons.push(`the key belongs to ${owner} but was accepted for ${s.user}`);
      if (learned?.line !== undefined) evidence.unshift(learned.line);
    }
    if (from !== undefined && from !== s.host) {
      const live = context.sessions.loggedInAt(t, { host: from }).filter((x) => x.user === owner);
      const ownerUid = uidOfUser(state.facts, from, owner);
      const starts = (lruPeek(state.clients, from) ?? []).filter(
        (c) => c.time <= t + 2_000 && c.time >= t - clientWindowMs,
      );
      // The client that made this connection: the latest ssh client start before the login.
      // The client that made this connection: the start nearest the login (log clocks differ).
      let last: ClientStart | undefined;
      for (const c of starts) {
        if (last === undefined || Math.abs(c.time - t) <= Math.abs(last.time - t)) last = c;
      }
      const ownedBy = (c: ClientStart): boolean =>
        (ownerUid !== undefined && (c.uid === ownerUid || c.auid === ownerUid)) ||
        userOfUid(state.facts, context, from, c.uid) === owner ||
        userOfUid(state.facts, context, from, c.auid) === owner;
      const mine = last !== undefined && ownedBy(last) ? [last] : [];
      const foreign =
        last !== undefined &&
        mine.length === 0 &&
        (ownerUid !== undefined || userOfUid(state.facts, context, from, last.uid) !== undefined)
          ? [last]
          : [];
      if (live.length === 0 && mine.length === 0) {
        severity = 'high';
        reasons.push(`${owner} had no session on ${from} at ${isoSeconds(t)}`);
      } else if (mine.length === 0 && foreign.length > 0) {
        severity = 'high';
        const c = foreign[foreign.length - 1];
        reasons.push(
          `the ssh client on ${from} that started then ran as ${userOfUid(state.facts, context, from, c?.uid) ?? `uid ${c?.uid ?? '?'}`} (login ${userOfUid(state.facts, context, from, c?.auid) ?? (c?.auid === undefined ? 'unset' : `uid ${c.auid}`)}), not as ${owner}`,
        );
        if (c !== undefined) {
          evidence.unshift(...c.lines);
          // That client is who used the key: name it and its session on the source host.
          const ids = { uid: c.uid, euid: c.uid, auid: c.auid, exe: c.exe, pid: c.pid };
          const id = actorSessionOf(context, from, { ...ids, ses: c.ses }, c.time);
          actor = findingActor(state.facts, context, from, ids, id);
        }
      }
      for (const x of live.slice(0, 1)) evidence.unshift(...loginLines(x.evidence).slice(-1));
    }
    if (severity === undefined) return [];
    if (isServiceAccount(context, s.user) && severity === 'medium') severity = 'low';
    return [
      createFinding({
        detector: KEY_MISUSE,
        title: 'SSH key used where its owner is not',
        severity,
        confidence: severity === 'high' ? 0.8 : 0.6,
        techniques: ['T1563.001', 'T1021.004'],
        time: t,
        host: s.host,
        user: s.user,
        sourceIp: s.sourceIp,
        sessionIds: actor?.sessionId === undefined ? [s.id] : [actor.sessionId, s.id],
        actor,
        evidence,
        explanation: `${s.host ?? 'A host'} accepted key ${fp} for ${s.user} from ${from ?? s.sourceIp ?? '?'} at ${isoSeconds(t)}, but ${reasons.join(', and ')}.`,
      }),
    ];
  };

  return {
    id: KEY_MISUSE,
    title: 'SSH key used where its owner is not',
    description:
      'A key fingerprint accepted from a host where its owner had no session or ssh client, or for another account than its owner.',
    techniques: ['T1563.001', 'T1021.004'],
    needs: ['auth', 'process'],
    options: { owners: { ...configured }, clientWindowMs, maxKeys, settleMs },
    init: () => ({
      facts: createHostFacts(),
      owners: lruCreate(),
      clients: lruCreate(),
      pending: [],
    }),
    step(state, input, context) {
      const now = inputTime(input);
      const found: Finding[] = [];
      if (state.pending.length > 0 && (state.pending[0]?.authTime ?? 0) + settleMs <= now) {
        while (state.pending.length > 0) {
          const s = state.pending[0] as SshSession;
          if ((s.authTime ?? s.startTime) + settleMs > now) break;
          state.pending.shift();
          found.push(...judge(state, context, s));
        }
      }
      if (input.kind === 'session') {
        const s = input.session;
        learnSession(state.facts, s);
        const fp = s.key?.fingerprint;
        if (input.change !== 'open' || fp === undefined || s.user === undefined) {
          return { state, findings: found };
        }
        if (configured[fp] === undefined && lruGet(state.owners, fp) === undefined) {
          lruSet(state.owners, fp, { user: s.user, line: loginLines(s.evidence).at(-1) }, maxKeys);
          return { state, findings: found };
        }
        state.pending.push(s);
        if (state.pending.length > MAX_PENDING) {
          found.push(...judge(state, context, state.pending.shift() as SshSession));
        }
        return { state, findings: found };
      }
      const e = input.event;
      learnEvent(state.facts, e);
      if (e.kind === 'process.exec' && (isSshClientExe(e.exe) || isSshClientExe(e.argv[0]))) {
        const k = e.host ?? '';
        const list = lruGet(state.clients, k) ?? [];
        list.push({
          time: e.time,
          uid: e.euid ?? e.uid,
          auid: e.auid,
          lines: [...keyLines(e)],
          pid: e.pid,
          ses: e.ses,
          exe: e.exe,
        });
        if (list.length > MAX_CLIENTS) list.shift();
        lruSet(state.clients, k, list, 4_096);
      }
      return { state, findings: found };
    },
    flush(state, _now, context) {
      const found: Finding[] = [];
      for (const s of state.pending.splice(0)) found.push(...judge(state, context, s));
      return { state, findings: found };
    },
  };
}
