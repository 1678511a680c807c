import type { SshtrailEvent } from '../../events/index.js';
import type { Provenance } from '../../events/provenance.js';
import type { Finding } from '../../findings/finding.js';
import { authSockOf } from '../../model/processes/observations.js';
import type { SshSession } from '../../model/session.js';
import { createFinding } from '../create-finding.js';
import type { Detector, DetectorContext, DetectorInput, DetectorStep } from '../detector.js';
import { lruCreate, lruDelete, lruEntries, lruGet, lruPeek, lruSet } from '../lru.js';
import { createQuietSteps } from '../no-findings.js';
import { isoSeconds } from '../ssh/knowledge.js';
import { knownOptions, numberOption } from '../ssh/options.js';
import {
  actorProcess,
  actorText,
  findingActor,
  isForeign,
  ownerKnown,
  type ProcessIds,
  processIds,
  relateActor,
} from './actor.js';
import type {
  AgentSocketHijackState,
  FirstUse,
  HijackActor,
  OnwardClient,
  PendingOnward,
} from './agent-socket-state.js';
import { keyLines, loginLines } from './audit-lines.js';
import {
  createHostFacts,
  descendsFrom,
  hostOfAddress,
  isSshClientExe,
  learnEvent,
  learnSession,
  procOf,
  sessionByPid,
  userOfUid,
} from './host-facts.js';
import { clientOf, onwardClient, recordUse, SKEW_MS, takeConnects } from './onward-clients.js';
import { PROC_ENVIRON_PATH } from './patterns.js';
import { inodeOwner, isAgentKind, ownerOfSocket, type SocketOwnerFacts } from './socket-owner.js';

// Steps that find nothing reuse one object per state (see createQuietSteps).
const quiet = createQuietSteps();

/** Detector id of {@link agentSocketHijack}. */
export const AGENT_SOCKET_HIJACK = 'ssh.agent_socket_hijack';

/**
 * Options of {@link agentSocketHijack}.
 *
 * @example
 * ```ts
 * const options: AgentSocketHijackOptions = { onwardWindowMs: 300_000 };
 * ```
 */
export interface AgentSocketHijackOptions {
  /** How long after the hijack an onward login as the owner counts (default 10 min). */
  readonly onwardWindowMs?: number;
  /** Hijacking actors followed at once (default 1000; oldest dropped first). */
  readonly maxActors?: number;
}

const ENV_PREFIX = 'SSH_AUTH_SOCK=';
const MAX_RECENT = 128;

/** The key under which an actor is followed. */
function keyOfActor(state: AgentSocketHijackState, a: HijackActor): string | undefined {
  for (const [k, x] of lruEntries(state.actors)) if (x === a) return k;
  return undefined;
}

function actorKey(
  host: string | undefined,
  ses: number | undefined,
  pid: number | undefined,
): string {
  return `${host ?? ''}\u0000${ses === undefined ? `p${pid ?? '?'}` : `s${ses}`}`;
}

function acceptedLines(s: SshSession | undefined): Provenance[] {
  return s === undefined ? [] : loginLines(s.evidence);
}

/**
 * `ssh.agent_socket_hijack` (T1563.001): a process uses an SSH agent socket owned by another
 * user: it connects to it (auditd `connect` with the socket's `ouid`), runs with it as
 * `SSH_AUTH_SOCK` (environment snapshot, `SSH_AUTH_SOCK=` argument), or reads another
 * user's `/proc/PID/environ` to find it. Another uid whose login uid is the owner's (root via
 * sudo by the same person) is the benign look-alike and is not reported. High; critical when
 * the same audit session or process tree then runs an ssh client or connects to port 22 and a
 * monitored host accepts the owner's key (or account) from this host within `onwardWindowMs`:
 * that finding cites both hosts' lines and names both sessions.
 *
 * @param options - Window and caps.
 * @returns The detector.
 * @throws RangeError / TypeError for invalid options.
 * @example
 * ```ts
 * const set = createDetectorSet([agentSocketHijack({ onwardWindowMs: 300_000 })]);
 * ```
 */
export function agentSocketHijack(
  options: AgentSocketHijackOptions = {},
): Detector<AgentSocketHijackState> {
  const raw = options as Readonly<Record<string, unknown>>;
  knownOptions(raw, ['onwardWindowMs', 'maxActors'], AGENT_SOCKET_HIJACK);
  const onwardWindowMs = numberOption(raw, 'onwardWindowMs', 600_000, 1_000);
  const maxActors = numberOption(raw, 'maxActors', 1_000, 1);

  const report = (
    state: AgentSocketHijackState,
    context: DetectorContext,
    event: SshtrailEvent,
    ids: ProcessIds,
    path: string,
    owner: SocketOwnerFacts,
    how: string,
    use: FirstUse,
    lines: readonly Provenance[],
  ): Finding[] => {
    const relation = relateActor(state.facts, context, event.host, owner, ids);
    if (!isForeign(relation)) return [];
    const k = `${actorKey(event.host, ids.ses, ids.pid)}\u0000${path}`;
    const known = lruGet(state.actors, k);
    if (known !== undefined) {
      const client = isSshClientExe(
        procOf(state.facts, context, event.host, ids.pid, event.time)?.exe,
      )
        ? clientOf(known, ids.pid, event.time, true)
        : undefined;
      if (client === undefined) {
        for (const l of lines) if (known.evidence.length < 40) known.evidence.push(l);
        return [];
      }
      client.exe ??= ids.exe;
      client.who ??= findingActor(state.facts, context, event.host, ids, known.actorSessionId);
      recordUse(client, event.time, lines);
      // The onward login waiting for this client's own use is complete now.
      return settle(state, (p) => p.actorKey === k && p.clientPid === ids.pid);
    }
    const actor = actorText(state.facts, context, event.host, ids);
    const actorSessionId = context.processes?.sessionOf?.(event.host, {
      pid: ids.pid,
      ses: ids.ses,
      auid: ids.auid,
      uid: ids.uid,
      time: event.time,
    })?.sessionId;
    const who = findingActor(state.facts, context, event.host, ids, actorSessionId);
    const recon = lruGet(state.recon, actorKey(event.host, ids.ses, ids.pid)) ?? [];
    const exec = procOf(state.facts, context, event.host, ids.pid, event.time)?.lines ?? [];
    const evidence = [...acceptedLines(owner.session), ...recon, ...exec, ...lines];
    const entry: HijackActor = {
      host: event.host,
      time: event.time,
      pid: ids.pid,
      ses: ids.ses,
      path,
      ownerUser: owner.user,
      ownerUid: owner.uid,
      ownerSessionId: owner.sessionId,
      ownerKey: owner.session?.key?.fingerprint,
      actorSessionId,
      actor,
      evidence: evidence.slice(0, 40),
      onward: [],
      onwardAddresses: [],
      onwardTime: undefined,
      who,
      firstUse: use,
      escalated: false,
    };
    lruSet(state.actors, k, entry, maxActors);
    // The actor's own ssh client (exec, then TCP connect, before this use) is its onward attempt:
    // when it is the first to touch the socket, its connect came before the actor existed.
    const ownExec = isSshClientExe(
      procOf(state.facts, context, event.host, ids.pid, event.time)?.exe,
    )
      ? exec
      : [];
    const prior = takeConnects(state, event.host, ids.pid);
    if (ownExec.length > 0 || prior.length > 0) {
      const client = clientOf(entry, ids.pid, event.time, true);
      entry.onward.push(...ownExec);
      for (const c of prior) {
        if (entry.onward.length < 10) entry.onward.push(...c.lines);
        if (client !== undefined && client.lines.length < 10) client.lines.push(...c.lines);
        for (const to of [entry.onwardAddresses, client?.addresses ?? []]) {
          if (c.address !== undefined && !to.includes(c.address)) to.push(c.address);
        }
        entry.onwardTime = c.time;
      }
      if (client !== undefined) {
        client.exe ??= ids.exe;
        client.who ??= who;
        client.lines.unshift(...ownExec);
        recordUse(client, event.time, lines);
      }
    }
    const ownerText = `${owner.user ?? `uid ${owner.uid ?? '?'}`}${owner.uid === undefined || owner.user === undefined ? '' : ` (uid ${owner.uid})`}`;
    return [
      createFinding({
        detector: AGENT_SOCKET_HIJACK,
        title: "Another user's SSH agent socket used",
        severity: 'high',
        confidence: relation === 'other_uid' ? 0.85 : 0.7,
        techniques: ['T1563.001'],
        time: event.time,
        host: event.host,
        user: owner.user,
        sourceIp: owner.session?.sourceIp,
        sessionIds: [owner.sessionId, actorSessionId].filter((s): s is string => s !== undefined),
        actor: who,
        evidence,
        explanation:
          `${actor} ${how} ${ownerText}'s SSH agent socket ${path} on ${event.host ?? 'an unnamed host'} at ${isoSeconds(event.time)}` +
          `${owner.sessionId === undefined ? '' : ` (forwarded by session ${owner.sessionId})`}: whoever holds it can log in anywhere as ${owner.user ?? 'its owner'}.`,
      }),
      // With TCP connects audited, wait for this actor's connect to port 22 (it names the target)
      // unless it already came; the login it led to may be logged before this use (SKEW_MS).
      ...(prior.length > 0 || lruGet(state.inetHosts, event.host ?? '') === undefined
        ? escalateActor(state, context, entry)
        : []),
    ];
  };

  const onwardOf = (
    state: AgentSocketHijackState,
    context: DetectorContext,
    host: string | undefined,
    pid: number | undefined,
    ses: number | undefined,
    time: number,
  ): HijackActor[] => {
    const out: HijackActor[] = [];
    for (const [, a] of lruEntries(state.actors)) {
      if (a.host !== host || a.escalated || time < a.time || time > a.time + onwardWindowMs)
        continue;
      const same =
        (ses !== undefined && a.ses === ses) ||
        (a.pid !== undefined && descendsFrom(state.facts, context, host, pid, a.pid, time));
      if (same) out.push(a);
    }
    return out;
  };

  /** Keeps a connect to port 22 for a hijack its process may start later (bounded, expiring). */
  const rememberConnect = (
    state: AgentSocketHijackState,
    host: string | undefined,
    pid: number | undefined,
    time: number,
    address: string | undefined,
    lines: readonly Provenance[],
  ): void => {
    if (pid === undefined) return;
    const connects = state.connects ?? [];
    state.connects = connects;
    connects.push({ host, pid, time, address, lines: [...lines] });
    while (
      connects.length > MAX_RECENT ||
      (connects[0] !== undefined && connects[0].time < time - onwardWindowMs)
    ) {
      connects.shift();
    }
  };

  const environ = (
    state: AgentSocketHijackState,
    context: DetectorContext,
    event: SshtrailEvent,
    ids: ProcessIds,
    path: string,
    lines: readonly Provenance[],
  ): void => {
    const m = PROC_ENVIRON_PATH.exec(path);
    if (m === null) return;
    const target = Number(m[1]);
    const p = procOf(state.facts, context, event.host, target, event.time);
    const session = sessionByPid(context, event.host, target, event.time);
    const uid = p?.euid ?? p?.uid;
    const owner = { uid, user: userOfUid(state.facts, context, event.host, uid) ?? session?.user };
    if (owner.uid === undefined && owner.user === undefined) return;
    if (!isForeign(relateActor(state.facts, context, event.host, owner, ids))) return;
    const k = actorKey(event.host, ids.ses, ids.pid);
    const list = lruGet(state.recon, k) ?? [];
    for (const l of lines) if (list.length < 10) list.push(l);
    lruSet(state.recon, k, list, maxActors);
  };

  const escalateOne = (
    state: AgentSocketHijackState,
    context: DetectorContext,
    a: HijackActor,
    s: SshSession,
  ): Finding | undefined => {
    const t = s.authTime ?? s.startTime;
    // Second-precision syslog may stamp the downstream login before the audit records.
    if (a.escalated || a.host === s.host || t < a.time - SKEW_MS || t > a.time + onwardWindowMs) {
      return undefined;
    }
    const from = hostOfAddress(state.facts, context, s.sourceIp);
    const fromHere =
      (from !== undefined && from === a.host) ||
      (s.localIp !== undefined && a.onwardAddresses.includes(s.localIp));
    if (!fromHere || wentElsewhere(state, context, a, s)) return undefined;
    const sameKey = a.ownerKey !== undefined && s.key?.fingerprint === a.ownerKey;
    const sameAccount = a.ownerUser !== undefined && s.user === a.ownerUser;
    if (!sameKey && !sameAccount) return undefined;
    const traced = a.onward.length > 0 || lruGet(state.execHosts, a.host ?? '') === undefined;
    if (!traced) return undefined;
    a.escalated = true;
    const client = onwardClient(a, t, s.localIp);
    if (client !== undefined && client.useTime === undefined) {
      // Its own use of the socket may follow in the stream (the login is stamped to the second):
      // wait SKEW_MS at most.
      const pending = state.pending ?? [];
      state.pending = pending;
      const k = keyOfActor(state, a);
      if (k !== undefined) {
        pending.push({ actorKey: k, clientPid: client.pid, session: s, due: t + SKEW_MS });
        return undefined;
      }
    }
    return critical(a, s, client);
  };

  /**
   * Whether the actor's audited connects to port 22 all went to other hosts than `s`'s: another
   * login from this host in the same second (the owner's own, say) is then not its doing.
   */
  const wentElsewhere = (
    state: AgentSocketHijackState,
    context: DetectorContext,
    a: HijackActor,
    s: SshSession,
  ): boolean => {
    if (a.onwardAddresses.length === 0 || s.localIp === undefined) return false;
    return !a.onwardAddresses.some(
      (ip) =>
        ip === s.localIp ||
        (s.host !== undefined && hostOfAddress(state.facts, context, ip) === s.host),
    );
  };

  /** The critical finding of an actor whose client logged in onward as the owner. */
  const critical = (a: HijackActor, s: SshSession, client: OnwardClient | undefined): Finding => {
    const t = s.authTime ?? s.startTime;
    const sameKey = a.ownerKey !== undefined && s.key?.fingerprint === a.ownerKey;
    const useTime = client?.useTime ?? a.time;
    const firstPid = a.pid === undefined ? '' : ` (pid ${a.pid})`;
    const first = `${isoSeconds(a.time)}${firstPid}`;
    // A process that only passed the path on (sudo VAR=... ssh) did not use the agent itself.
    const firstWord =
      a.firstUse === 'argument'
        ? 'set SSH_AUTH_SOCK to it'
        : a.firstUse === 'environment'
          ? 'ran with SSH_AUTH_SOCK set to it'
          : undefined;
    const after =
      firstWord === undefined || a.pid === undefined
        ? `after a first use at ${first}`
        : `after pid ${a.pid} ${firstWord} at ${isoSeconds(a.time)}`;
    // Name the client that logged in onward; the first use is context when it was another process.
    const how =
      client === undefined || client.pid === undefined
        ? `at ${isoSeconds(a.time)}`
        : client.useTime === undefined
          ? `at ${first}, its ssh client (pid ${client.pid}) started at ${isoSeconds(client.time)}`
          : client.pid === a.pid
            ? `at ${isoSeconds(useTime)} from its ssh client (pid ${client.pid})`
            : `at ${isoSeconds(useTime)} from its ssh client (pid ${client.pid}), ${after}`;
    return createFinding({
      detector: AGENT_SOCKET_HIJACK,
      title: "Another user's SSH agent used to log in onward",
      severity: 'critical',
      confidence: a.onward.length > 0 ? 0.95 : 0.8,
      techniques: ['T1563.001', 'T1021.004'],
      time: Math.max(t, useTime),
      host: a.host,
      user: a.ownerUser,
      sourceIp: s.sourceIp,
      sessionIds: [a.ownerSessionId, a.actorSessionId, s.id].filter(
        (x): x is string => x !== undefined,
      ),
      // The client that logged in onward is the acting process, with the ids of its own records.
      actor:
        client?.who ??
        (a.who === undefined ? undefined : actorProcess(a.who, client?.pid, client?.exe)),
      // The first use stays as context; the client that logged in onward is the incident.
      evidence: [
        ...a.evidence,
        ...(client === undefined ? a.onward : [...client.lines, ...client.uses]),
        ...loginLines(s.evidence),
      ],
      explanation:
        `${a.actor} used ${a.ownerUser ?? 'another user'}'s agent socket ${a.path} on ${a.host ?? 'an unnamed host'} ${how}, ` +
        `then ${s.host ?? 'a monitored host'} accepted ${sameKey ? `${a.ownerUser ?? 'the owner'}'s key ${a.ownerKey}` : `a login as ${s.user}`} ` +
        `from ${s.sourceIp ?? a.host ?? '?'} at ${isoSeconds(t)} (session ${s.id}).`,
    });
  };

  /** Reports the held onward logins that `ready` picks (all of them at a flush). */
  const settle = (
    state: AgentSocketHijackState,
    ready: (p: PendingOnward) => boolean,
  ): Finding[] => {
    const pending = state.pending;
    if (pending === undefined || pending.length === 0) return [];
    const out: Finding[] = [];
    state.pending = pending.filter((p) => {
      if (!ready(p)) return true;
      const a = lruPeek(state.actors, p.actorKey);
      if (a !== undefined) {
        const client = a.clients?.find((c) => c.pid === p.clientPid);
        out.push(critical(a, p.session, client));
      }
      return false;
    });
    return out;
  };

  const escalateSession = (
    state: AgentSocketHijackState,
    context: DetectorContext,
    s: SshSession,
  ): Finding[] => {
    const out: Finding[] = [];
    for (const [, a] of lruEntries(state.actors)) {
      const f = escalateOne(state, context, a, s);
      if (f !== undefined) out.push(f);
    }
    return out;
  };

  const escalateActor = (
    state: AgentSocketHijackState,
    context: DetectorContext,
    a: HijackActor,
  ): Finding[] => {
    for (const s of state.recent) {
      const f = escalateOne(state, context, a, s);
      if (f !== undefined) return [f];
    }
    return [];
  };

  const stepInput = (
    state: AgentSocketHijackState,
    input: DetectorInput,
    context: DetectorContext,
  ): DetectorStep<AgentSocketHijackState> => {
    if (input.kind === 'session') {
      learnSession(state.facts, input.session);
      if (input.change !== 'open') return quiet(state);
      const s = input.session;
      state.recent.push(s);
      while (
        state.recent.length > MAX_RECENT ||
        (state.recent[0] !== undefined && state.recent[0].startTime < s.startTime - onwardWindowMs)
      ) {
        state.recent.shift();
      }
      if (state.actors.size === 0) return quiet(state);
      return { state, findings: escalateSession(state, context, s) };
    }
    const e = input.event;
    learnEvent(state.facts, e);
    switch (e.kind) {
      case 'socket.connect': {
        if (e.success === false) return quiet(state);
        const ids = processIds(e);
        if (e.family !== 'unix') {
          if (e.host !== undefined && lruPeek(state.inetHosts, e.host) === undefined) {
            lruSet(state.inetHosts, e.host, true, 4_096);
          }
          if (e.port !== 22) return quiet(state);
          rememberConnect(state, e.host, e.pid, e.time, e.address, keyLines(e));
          if (state.actors.size === 0) return quiet(state);
          const found: Finding[] = [];
          for (const a of onwardOf(state, context, e.host, e.pid, e.ses, e.time)) {
            if (a.onward.length < 10) a.onward.push(...keyLines(e));
            if (e.address !== undefined && !a.onwardAddresses.includes(e.address)) {
              a.onwardAddresses.push(e.address);
            }
            a.onwardTime = e.time;
            const client = clientOf(a, e.pid, e.time, true);
            if (client !== undefined) {
              client.who ??= findingActor(state.facts, context, e.host, ids, a.actorSessionId);
              if (client.lines.length < 10) client.lines.push(...keyLines(e));
              if (e.address !== undefined && !client.addresses.includes(e.address)) {
                client.addresses.push(e.address);
              }
            }
            found.push(...escalateActor(state, context, a));
          }
          return { state, findings: found };
        }
        if (e.path === undefined || e.path.startsWith('@')) return quiet(state);
        const owner = ownerOfSocket(
          state.facts,
          context,
          e.host,
          e.path,
          e.time,
          inodeOwner(e),
          false,
        );
        if (!isAgentKind(owner.kind) || !ownerKnown(owner)) return quiet(state);
        return {
          state,
          findings: report(
            state,
            context,
            e,
            ids,
            e.path,
            owner,
            'connected to',
            'connect',
            keyLines(e),
          ),
        };
      }
      case 'process.exec': {
        if (e.host !== undefined) lruSet(state.execHosts, e.host, true, 4_096);
        // A new program under a remembered pid: that pid's earlier connects were not its own.
        takeConnects(state, e.host, e.pid);
        const ids = processIds(e);
        const findings: Finding[] = [];
        for (const arg of e.argv) {
          if (arg.startsWith('/proc/')) environ(state, context, e, ids, arg, keyLines(e));
          else if (arg.startsWith(ENV_PREFIX)) {
            const path = arg.slice(ENV_PREFIX.length);
            if (!path.startsWith('/')) continue;
            const owner = ownerOfSocket(
              state.facts,
              context,
              e.host,
              path,
              e.time,
              undefined,
              false,
            );
            if (!isAgentKind(owner.kind) || !ownerKnown(owner)) continue;
            findings.push(
              ...report(
                state,
                context,
                e,
                ids,
                path,
                owner,
                'set SSH_AUTH_SOCK to',
                'argument',
                keyLines(e),
              ),
            );
          }
        }
        if (state.actors.size > 0 && (isSshClientExe(e.exe) || isSshClientExe(e.argv[0]))) {
          for (const a of onwardOf(state, context, e.host, e.pid, e.ses, e.time)) {
            if (a.onward.length < 10) a.onward.push(...keyLines(e));
            a.onwardTime = e.time;
            const client = clientOf(a, e.pid, e.time, true);
            if (client !== undefined && client.lines.length < 10) {
              client.exe ??= e.exe;
              client.who ??= findingActor(state.facts, context, e.host, ids, a.actorSessionId);
              client.time = e.time;
              client.lines.push(...keyLines(e));
            }
            findings.push(...escalateActor(state, context, a));
          }
        }
        return { state, findings };
      }
      case 'file.access': {
        if (e.path?.startsWith('/proc/') && e.success !== false) {
          const ids = processIds(e);
          environ(state, context, e, ids, e.path, keyLines(e));
        }
        return quiet(state);
      }
      case 'env.snapshot': {
        const path = authSockOf(e);
        if (path === undefined || !path.startsWith('/')) return quiet(state);
        const p = procOf(state.facts, context, e.host, e.pid, e.time);
        if (p === undefined) return quiet(state);
        const owner = ownerOfSocket(state.facts, context, e.host, path, e.time, undefined, false);
        if (!isAgentKind(owner.kind) || !ownerKnown(owner)) return quiet(state);
        const ids = {
          uid: p.uid,
          euid: p.euid,
          auid: p.auid,
          exe: p.exe,
          ses: p.ses,
          pid: e.pid,
        };
        return {
          state,
          findings: report(
            state,
            context,
            e,
            ids,
            path,
            owner,
            'runs with SSH_AUTH_SOCK set to',
            'environment',
            [e.source],
          ),
        };
      }
      default:
        return quiet(state);
    }
  };

  return {
    id: AGENT_SOCKET_HIJACK,
    title: "Another user's SSH agent socket used",
    description:
      "A process used an SSH agent socket owned by another user (connect, SSH_AUTH_SOCK, /proc environ), then maybe logged in onward with the owner's key.",
    techniques: ['T1563.001', 'T1021.004'],
    needs: ['audit_socket', 'process', 'auth'],
    options: { onwardWindowMs, maxActors },
    init: () => ({
      facts: createHostFacts(),
      actors: lruCreate(),
      recon: lruCreate(),
      execHosts: lruCreate(),
      recent: [],
      inetHosts: lruCreate(),
      pending: [],
      connects: [],
    }),
    step(state, input, context) {
      const now = input.kind === 'session' ? input.session.lastSeenTime : input.event.time;
      // Held onward logins whose client never used the socket within SKEW_MS go out as they are.
      const due = settle(state, (p) => now > p.due);
      const step = stepInput(state, input, context);
      return due.length === 0 ? step : { state: step.state, findings: [...due, ...step.findings] };
    },
    flush(state, now) {
      const held = settle(state, () => true);
      for (const [k, a] of lruEntries(state.actors)) {
        if (now - a.time > onwardWindowMs * 6) lruDelete(state.actors, k);
      }
      return held.length === 0 ? quiet(state) : { state, findings: held };
    },
  };
}
