import type { Provenance } from '../../events/provenance.js';
import type { Finding, FindingActor } from '../../findings/finding.js';
import type { SshSession } from '../../model/session.js';
import { createFinding } from '../create-finding.js';
import type { Detector, DetectorContext } from '../detector.js';
import { type Lru, lruCreate, lruEntries, lruGet, lruSet } from '../lru.js';
import { createQuietSteps } from '../no-findings.js';
import { isoSeconds } from '../ssh/knowledge.js';
import { knownOptions, numberOption } from '../ssh/options.js';
import {
  actorProcess,
  actorSessionOf,
  actorText,
  findingActor,
  isForeign,
  ownerKnown,
  type ProcessIds,
  relateActor,
} from './actor.js';
import { keyLines, loginLines } from './audit-lines.js';
import {
  createHostFacts,
  type HostFacts,
  hostOfAddress,
  isSshClientExe,
  learnEvent,
  learnSession,
  procOf,
  userOfUid,
} from './host-facts.js';
import { inodeOwner, ownerOfSocket } from './socket-owner.js';
import { parseSshArgs } from './ssh-args.js';

// Steps that find nothing reuse one object per state (see createQuietSteps).
const quiet = createQuietSteps();

// Syslog stamps server lines to the second: a client's use may look up to this much later.
const SKEW_MS = 5_000;
// Client processes remembered per foreign use (oldest dropped first).
const MAX_CLIENTS = 8;

/**
 * Whether an ssh client with these arguments can open a session channel on a master: a
 * control command cannot (`-O check`, `-O exit`...), except `-O proxy`, which carries sessions.
 */
function opensChannel(argv: readonly string[] | undefined): boolean | undefined {
  if (argv === undefined || argv.length === 0) return undefined;
  const command = parseSshArgs(argv).controlCommand;
  return command === undefined || command === 'proxy';
}

/** Detector id of {@link controlMasterHijack}. */
export const CONTROL_MASTER_HIJACK = 'ssh.control_master_hijack';

/**
 * Options of {@link controlMasterHijack}.
 *
 * @example
 * ```ts
 * const options: ControlMasterHijackOptions = { correlationMs: 30_000 };
 * ```
 */
export interface ControlMasterHijackOptions {
  /** How far apart a client-side use and a server-side channel may be to be one event (default 60 s). */
  readonly correlationMs?: number;
  /** Client uses and server channels remembered (default 1000 each). */
  readonly maxTracked?: number;
}

/** One client process of a {@link MasterUse} (plain JSON state of {@link controlMasterHijack}). */
export interface MasterClient {
  /** Its pid, when known. */
  pid: number | undefined;
  /** When it first used the socket. */
  time: number;
  /**
   * Whether it can open a session channel: `false` for a control command (`-O check`, `-O
   * exit`...), `true` for a plain `ssh -S`, `undefined` when its arguments are unknown.
   */
  opens: boolean | undefined;
  /** Its exec and connect lines. */
  evidence: Provenance[];
  /** Its executable, when known (absent in states saved before). */
  exe?: string | undefined;
}

/** A foreign use of a ControlMaster socket on a client host (plain JSON state of {@link controlMasterHijack}). */
export interface MasterUse {
  host: string | undefined;
  time: number;
  path: string;
  ownerUser: string | undefined;
  actor: string;
  /** The actor's SSH session (its audit session or process ancestry), when resolved. */
  actorSessionId: string | undefined;
  /** The first use's lines (the context of a later critical finding). */
  evidence: Provenance[];
  /**
   * Each client process of the actor that used the socket, oldest first: the one that opened
   * a server's channel is the one a critical finding cites (absent in states saved before).
   */
  clients?: MasterClient[];
  /** Who acted, as findings name it (absent in states saved before). */
  who?: FindingActor;
  combined: boolean;
}

/** A multiplexed channel seen on a server (plain JSON state of {@link controlMasterHijack}). */
export interface ServerChannel {
  host: string | undefined;
  time: number;
  clientHost: string | undefined;
  user: string | undefined;
  sessionId: string;
  sourceIp: string | undefined;
  evidence: Provenance[];
  combined: boolean;
}

/** State of {@link controlMasterHijack}. */
export interface ControlMasterHijackState {
  /** Learned processes, accounts and addresses. */
  readonly facts: HostFacts;
  /** ControlPaths of `ssh -M` masters, by host and path: the master's uid. */
  readonly masters: Lru<number>;
  /** Foreign uses already reported, by host, actor and path. */
  readonly uses: Lru<MasterUse>;
  /** Multiplexed channels seen on servers, by session and channel. */
  readonly channels: Lru<ServerChannel>;
  /** Per session: multiplexed channels already examined. */
  readonly examined: Lru<number>;
  /** Hosts whose unix-socket connects are audited. */
  readonly unixHosts: Lru<true>;
}

/**
 * `ssh.control_master_hijack` (T1563.001): someone rides another user's ControlMaster
 * connection. Client side: a connect to another user's ControlMaster socket (audit `ouid`,
 * the ControlPath of the owner's `ssh -M`, the owner's home), or `ssh -S <path>` / `-O <cmd>`
 * / `-o ControlPath=` by another uid. Server side (sshd VERBOSE): a new channel on an existing
 * connection with no new authentication while the connection's owner has no live session on
 * the (monitored) client host. High; critical when both sides are seen within
 * `correlationMs`. The owner's own reuse (same uid, same login) is not reported.
 *
 * @param options - Correlation window and caps.
 * @returns The detector.
 * @throws RangeError / TypeError for invalid options.
 * @example
 * ```ts
 * const set = createDetectorSet([controlMasterHijack()]);
 * ```
 */
export function controlMasterHijack(
  options: ControlMasterHijackOptions = {},
): Detector<ControlMasterHijackState> {
  const raw = options as Readonly<Record<string, unknown>>;
  knownOptions(raw, ['correlationMs', 'maxTracked'], CONTROL_MASTER_HIJACK);
  const correlationMs = numberOption(raw, 'correlationMs', 60_000, 1_000);
  const maxTracked = numberOption(raw, 'maxTracked', 1_000, 1);

  const combine = (state: ControlMasterHijackState): Finding[] => {
    const out: Finding[] = [];
    for (const [, u] of lruEntries(state.uses)) {
      if (u.combined) continue;
      for (const [, c] of lruEntries(state.channels)) {
        if (c.combined || c.clientHost === undefined || c.clientHost !== u.host) continue;
        if (u.ownerUser !== undefined && c.user !== undefined && c.user !== u.ownerUser) continue;
        const client = channelClient(u, c.time);
        if (client === undefined) continue;
        u.combined = true;
        c.combined = true;
        const first = client === (u.clients?.[0] ?? client);
        out.push(
          createFinding({
            detector: CONTROL_MASTER_HIJACK,
            title: "Another user's ControlMaster connection used to run a session",
            severity: 'critical',
            confidence: 0.95,
            techniques: ['T1563.001', 'T1021.004'],
            time: Math.max(client.time, c.time),
            host: u.host,
            user: c.user ?? u.ownerUser,
            sourceIp: c.sourceIp,
            sessionIds:
              u.actorSessionId === undefined ? [c.sessionId] : [u.actorSessionId, c.sessionId],
            // The client that opened the channel is the acting process.
            actor: u.who === undefined ? undefined : actorProcess(u.who, client.pid, client.exe),
            evidence: [...u.evidence, ...client.evidence, ...c.evidence],
            explanation:
              `${u.actor} used ${u.ownerUser ?? 'another user'}'s ControlMaster socket ${u.path} on ${u.host ?? '?'} at ${isoSeconds(client.time)}` +
              `${client.pid === undefined ? '' : ` (pid ${client.pid})`}${first ? '' : `, after a first use at ${isoSeconds(u.time)}`}, ` +
              `and ${c.host ?? 'the server'} started a new channel on ${c.user ?? 'that user'}'s existing connection (session ${c.sessionId}) at ${isoSeconds(c.time)} with no new authentication.`,
          }),
        );
        break;
      }
    }
    return out;
  };

  /**
   * The client process behind a server channel at `time`: one that can open a channel (a
   * control command such as `-O check` cannot), within `correlationMs`; the latest that used
   * the socket before the channel (syslog stamps it to the second, hence SKEW_MS), else the
   * first after it (clocks of two hosts may disagree).
   */
  const channelClient = (u: MasterUse, time: number): MasterClient | undefined => {
    const clients = u.clients ?? [
      { pid: undefined, time: u.time, opens: undefined, evidence: u.evidence },
    ];
    let before: MasterClient | undefined;
    let after: MasterClient | undefined;
    for (const cl of clients) {
      if (cl.opens === false || Math.abs(time - cl.time) > correlationMs) continue;
      if (cl.time <= time + SKEW_MS) {
        if (before === undefined || cl.time >= before.time) before = cl;
      } else if (after === undefined || cl.time < after.time) after = cl;
    }
    return before ?? after;
  };

  const clientUse = (
    state: ControlMasterHijackState,
    context: DetectorContext,
    host: string | undefined,
    time: number,
    ids: ProcessIds,
    path: string,
    ouid: number | undefined,
    how: string,
    lines: readonly Provenance[],
  ): Finding[] => {
    const masterUid = lruGet(state.masters, `${host ?? ''}\u0000${path}`);
    const owner = ownerOfSocket(
      state.facts,
      context,
      host,
      path,
      time,
      ouid ?? masterUid,
      masterUid !== undefined,
    );
    if (owner.kind !== 'control_master' || !ownerKnown(owner)) return [];
    const relation = relateActor(state.facts, context, host, owner, ids);
    if (!isForeign(relation)) return [];
    const k = `${host ?? ''}\u0000${ids.ses ?? `p${ids.pid ?? '?'}`}\u0000${path}`;
    const proc = procOf(state.facts, context, host, ids.pid, time);
    const exec = proc?.lines ?? [];
    const known = lruGet(state.uses, k);
    if (known !== undefined) {
      // A later process of the same actor (the command after a `-O check`): remember it on its
      // own, it may be the one a server's channel came from.
      const clients = known.clients ?? [
        { pid: undefined, time: known.time, opens: undefined, evidence: known.evidence },
      ];
      known.clients = clients;
      const same = clients.find((cl) => cl.pid !== undefined && cl.pid === ids.pid);
      if (same !== undefined) {
        for (const l of lines) if (same.evidence.length < 30) same.evidence.push(l);
      } else {
        if (clients.length >= MAX_CLIENTS) clients.shift();
        clients.push({
          pid: ids.pid,
          time,
          opens: opensChannel(proc?.argv),
          evidence: [...exec, ...lines].slice(0, 30),
          exe: proc?.exe,
        });
      }
      return combine(state);
    }
    const actor = actorText(state.facts, context, host, ids);
    const actorSessionId = actorSessionOf(context, host, ids, time);
    const who = findingActor(state.facts, context, host, ids, actorSessionId);
    const evidence = [...exec, ...lines];
    const ownerUser = owner.user ?? userOfUid(state.facts, context, host, owner.uid);
    lruSet(
      state.uses,
      k,
      {
        host,
        time,
        path,
        ownerUser,
        actor,
        actorSessionId,
        who,
        evidence: evidence.slice(0, 30),
        clients: [
          {
            pid: ids.pid,
            time,
            opens: opensChannel(proc?.argv),
            evidence: evidence.slice(0, 30),
            exe: proc?.exe,
          },
        ],
        combined: false,
      },
      maxTracked,
    );
    const found = [
      createFinding({
        detector: CONTROL_MASTER_HIJACK,
        title: "Another user's ControlMaster socket used",
        severity: 'high',
        confidence: relation === 'other_uid' ? 0.85 : 0.7,
        techniques: ['T1563.001'],
        time,
        host,
        user: ownerUser,
        sourceIp: undefined,
        sessionIds: [owner.sessionId, actorSessionId].filter((x): x is string => x !== undefined),
        actor: who,
        evidence,
        explanation:
          `${actor} ${how} ${ownerUser ?? `uid ${owner.uid ?? '?'}`}'s ControlMaster socket ${path} on ${host ?? 'an unnamed host'} at ${isoSeconds(time)}: ` +
          `it can open sessions on the master's server as ${ownerUser ?? 'its owner'} without authenticating.`,
      }),
    ];
    return [...found, ...combine(state)];
  };

  const serverChannels = (
    state: ControlMasterHijackState,
    context: DetectorContext,
    s: SshSession,
  ): Finding[] => {
    // A channel after the first rides an authenticated connection (sshd reuses `id 0` once the
    // previous channel closed, so the number alone does not tell).
    const mux = s.channels.filter((c, i) => c.multiplexed || i > 0);
    const done = lruGet(state.examined, s.id) ?? 0;
    if (mux.length <= done) return [];
    lruSet(state.examined, s.id, mux.length, maxTracked);
    const clientHost = hostOfAddress(state.facts, context, s.sourceIp);
    const out: Finding[] = [];
    const starts = s.evidence.filter((e) => e.text.includes('Starting session'));
    for (const c of mux.slice(done)) {
      const t = c.startTime ?? s.lastSeenTime;
      const start = starts[s.channels.indexOf(c)] ?? starts.at(-1);
      const evidence = [...loginLines(s.evidence), ...(start === undefined ? [] : [start])];
      lruSet(
        state.channels,
        `${s.id}\u0000${c.number ?? '?'}\u0000${t}`,
        {
          host: s.host,
          time: t,
          clientHost,
          user: s.user,
          sessionId: s.id,
          sourceIp: s.sourceIp,
          evidence,
          combined: false,
        },
        maxTracked,
      );
      if (clientHost === undefined || s.user === undefined) continue;
      const live = context.sessions
        .loggedInAt(t, { host: clientHost })
        .some((x) => x.user === s.user);
      if (live) continue;
      out.push(
        createFinding({
          detector: CONTROL_MASTER_HIJACK,
          title: 'New channel on a connection whose owner is not logged in on the client',
          severity: 'high',
          confidence: 0.7,
          techniques: ['T1563.001'],
          time: t,
          host: s.host,
          user: s.user,
          sourceIp: s.sourceIp,
          sessionIds: [s.id],
          evidence,
          explanation:
            `${s.host ?? 'A server'} started a new ${c.type ?? 'session'} channel at ${isoSeconds(t)} on ${s.user}'s existing connection from ${clientHost} ` +
            `(session ${s.id}) with no new authentication, while ${s.user} had no live session on ${clientHost}.`,
        }),
      );
    }
    return [...out, ...combine(state)];
  };

  return {
    id: CONTROL_MASTER_HIJACK,
    title: "Another user's ControlMaster connection used",
    description:
      "A process used another user's ControlMaster socket, or a server saw a new channel on a connection whose owner was not logged in on the client.",
    techniques: ['T1563.001', 'T1021.004'],
    needs: ['audit_socket', 'process', 'auth_verbose'],
    options: { correlationMs, maxTracked },
    init: () => ({
      facts: createHostFacts(),
      masters: lruCreate(),
      uses: lruCreate(),
      channels: lruCreate(),
      examined: lruCreate(),
      unixHosts: lruCreate(),
    }),
    step(state, input, context) {
      if (input.kind === 'session') {
        learnSession(state.facts, input.session);
        if (input.change === 'open' && input.session.channels.length === 0) {
          return quiet(state);
        }
        return { state, findings: serverChannels(state, context, input.session) };
      }
      const e = input.event;
      learnEvent(state.facts, e);
      if (e.kind === 'socket.connect') {
        if (e.family !== 'unix' || e.path === undefined || e.path.startsWith('@')) {
          return quiet(state);
        }
        if (e.host !== undefined) lruSet(state.unixHosts, e.host, true, 4_096);
        if (e.success === false || e.syscall === 'bind') return quiet(state);
        const ids = { uid: e.uid, euid: e.euid, auid: e.auid, exe: e.exe, pid: e.pid, ses: e.ses };
        return {
          state,
          findings: clientUse(
            state,
            context,
            e.host,
            e.time,
            ids,
            e.path,
            inodeOwner(e),
            'connected to',
            keyLines(e),
          ),
        };
      }
      if (e.kind !== 'process.exec' || !(isSshClientExe(e.exe) || isSshClientExe(e.argv[0]))) {
        return quiet(state);
      }
      const args = parseSshArgs(e.argv);
      if (args.controlPath === undefined || !args.controlPath.startsWith('/')) {
        return quiet(state);
      }
      const uid = e.euid ?? e.uid;
      if (args.master && args.controlCommand === undefined) {
        if (uid !== undefined)
          lruSet(state.masters, `${e.host ?? ''}\u0000${args.controlPath}`, uid, maxTracked);
        return quiet(state);
      }
      if (lruGet(state.unixHosts, e.host ?? '') !== undefined) return quiet(state);
      const ids = { uid: e.uid, euid: e.euid, auid: e.auid, exe: e.exe, pid: e.pid, ses: e.ses };
      const how =
        args.controlCommand === undefined ? 'ran ssh -S on' : `sent -O ${args.controlCommand} to`;
      return {
        state,
        findings: clientUse(
          state,
          context,
          e.host,
          e.time,
          ids,
          args.controlPath,
          undefined,
          how,
          keyLines(e),
        ),
      };
    },
  };
}
