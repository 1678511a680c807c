import type { Evidence, Finding } from '../../findings/finding.js';
import { canonicalIp } from '../../ip.js';
import { HOME_AGENT_SOCKET_NAME, SSHD_TITLE, TMP_AGENT_SOCKET } from './patterns.js';
import type {
  AgentSocketInventory,
  AgentSocketKind,
  ProcessRef,
  SshdProcessInventory,
  SweepReport,
} from './sweep-report.js';
import type { SweepProcess, SweepSnapshot, UnixSocket } from './sweep-types.js';

const TECHNIQUES = ['T1563.001'] as const;

/**
 * The pure core of `sshtrail sweep`: finds, in a {@link SweepSnapshot} of a live host,
 *
 * - `sweep.foreign_agent_socket` (high): a process whose `SSH_AUTH_SOCK` names a socket owned
 *   by another uid than the process's real uid (someone set up to use another user's agent);
 * - `sweep.foreign_agent_connection` (critical): a process of another uid connected right now
 *   to an agent or ControlMaster socket (needs the peer pairs from `ss`);
 * - `sweep.cross_session_agent_socket` (medium): a process whose `SSH_AUTH_SOCK` is the forwarded
 *   agent of a live sshd that is not one of its ancestors (another session of the same user);
 *
 * and builds the inventory of agent sockets, their users and the live sshd processes. Evidence
 * cites the live sources as `proc:<path>` with line 1 (or the line of `/proc/net/unix`).
 *
 * @param snapshot - What was read from the host.
 * @returns Findings and the inventory.
 * @example
 * ```ts
 * const report = analyzeSweep(await readSweepSnapshot());
 * console.log(report.inventory.agentSockets.length, report.findings.length);
 * ```
 */
export function analyzeSweep(snapshot: SweepSnapshot): SweepReport {
  const time = new Date(snapshot.time).toISOString();
  const byPid = new Map<number, SweepProcess>();
  const byInode = new Map<number, SweepProcess[]>();
  for (const p of snapshot.processes) {
    byPid.set(p.pid, p);
    for (const inode of p.socketInodes) {
      const list = byInode.get(inode) ?? [];
      list.push(p);
      byInode.set(inode, list);
    }
  }
  const userOf = (uid: number | undefined): string | undefined =>
    uid === undefined ? undefined : snapshot.users[String(uid)];
  const ref = (p: SweepProcess): ProcessRef => ({
    pid: p.pid,
    uid: p.uid,
    user: userOf(p.uid),
    name: p.name,
  });
  const peerOf = new Map<number, number>();
  for (const pair of snapshot.peers ?? []) peerOf.set(pair.inode, pair.peer);
  const listeners = new Map<string, UnixSocket>();
  const accepted = new Map<string, UnixSocket[]>();
  for (const s of snapshot.unixSockets) {
    if (s.path === undefined) continue;
    if (s.listening) listeners.set(s.path, s);
    else if (s.connected) accepted.set(s.path, [...(accepted.get(s.path) ?? []), s]);
  }

  // Which sockets matter: agent-like paths, sockets held by ssh / ssh-agent, SSH_AUTH_SOCK targets.
  const paths = new Set<string>();
  for (const [path, s] of listeners) {
    const holders = byInode.get(s.inode) ?? [];
    if (kindOf(path, holders) !== 'unknown') paths.add(path);
  }
  for (const p of snapshot.processes) if (p.authSock !== undefined) paths.add(p.authSock);

  const findings: Finding[] = [];
  const sockets: AgentSocketInventory[] = [];
  for (const path of [...paths].sort()) {
    const file = snapshot.socketFiles[path];
    const listener = listeners.get(path);
    const holders = listener === undefined ? [] : (byInode.get(listener.inode) ?? []);
    const ownerUid = file?.uid;
    const sshdPid = sshdPidOf(path);
    const usedBy = snapshot.processes.filter((p) => p.authSock === path);
    const conns = accepted.get(path) ?? [];
    let peers: SweepProcess[] | undefined;
    if (snapshot.peers !== undefined) {
      peers = [];
      for (const c of conns) {
        const peer = peerOf.get(c.inode);
        for (const p of peer === undefined ? [] : (byInode.get(peer) ?? [])) {
          if (!peers.includes(p)) peers.push(p);
        }
      }
    }
    sockets.push({
      path,
      kind: kindOf(path, holders),
      ownerUid,
      owner: userOf(ownerUid),
      sshdPid,
      listeningInode: listener?.inode,
      holders: holders.map(ref),
      connections: conns.length,
      peers: peers?.map(ref),
      usedBy: usedBy.map(ref),
    });
    if (file === undefined || ownerUid === undefined) continue;
    const ownerText = `owner ${userOf(ownerUid) ?? '?'} uid ${ownerUid}`;
    const netUnix: Evidence[] =
      listener === undefined
        ? []
        : [
            {
              source: `proc:${snapshot.procRoot}/net/unix`,
              line: listener.line,
              text: listener.text,
            },
          ];
    const sshd = sshdPid === undefined ? undefined : byPid.get(sshdPid);
    const sshdText =
      sshd === undefined
        ? ''
        : ` It was created by ${sshd.name} pid ${sshd.pid} (${sshd.cmdline || 'no command line'}).`;
    for (const p of usedBy) {
      const evidence: Evidence[] = [
        {
          source: `proc:${snapshot.procRoot}/${p.pid}/environ`,
          line: 1,
          text: `SSH_AUTH_SOCK=${path} (${ownerText}; process uid ${p.uid ?? '?'} ${p.name})`,
        },
        ...netUnix,
      ];
      if (p.uid !== undefined && p.uid !== ownerUid) {
        findings.push({
          type: 'finding',
          id: `sweep:${snapshot.host}:foreign_agent_socket:${p.pid}:${path}`,
          detector: 'sweep.foreign_agent_socket',
          title: "Process set up to use another user's SSH agent socket",
          severity: 'high',
          confidence: 0.8,
          techniques: TECHNIQUES,
          time,
          host: snapshot.host,
          user: userOf(ownerUid),
          sourceIp: clientIp(p.sshConnection),
          sessionIds: [],
          evidence,
          explanation: `${p.name} pid ${p.pid} runs as uid ${p.uid} (${userOf(p.uid) ?? 'unknown user'}) with SSH_AUTH_SOCK=${path}, a socket owned by ${userOf(ownerUid) ?? 'uid'} ${ownerUid}: it can sign with that user's keys.${sshdText}`,
        });
      } else if (sshd !== undefined && !isAncestor(sshd.pid, p, byPid)) {
        findings.push({
          type: 'finding',
          id: `sweep:${snapshot.host}:cross_session_agent_socket:${p.pid}:${path}`,
          detector: 'sweep.cross_session_agent_socket',
          title: 'Process uses the forwarded agent of another session',
          severity: 'medium',
          confidence: 0.5,
          techniques: TECHNIQUES,
          time,
          host: snapshot.host,
          user: userOf(ownerUid),
          sourceIp: clientIp(p.sshConnection),
          sessionIds: [],
          evidence,
          explanation: `${p.name} pid ${p.pid} uses ${path}, the forwarded agent of ${sshd.name} pid ${sshd.pid}, which is not one of its ancestors: the agent of another SSH session is being reused.`,
        });
      }
    }
    for (const peer of peers ?? []) {
      if (holders.includes(peer) || peer.uid === undefined || peer.uid === ownerUid) continue;
      findings.push({
        type: 'finding',
        id: `sweep:${snapshot.host}:foreign_agent_connection:${peer.pid}:${path}`,
        detector: 'sweep.foreign_agent_connection',
        title: 'Process of another user connected to an SSH agent or ControlMaster socket',
        severity: 'critical',
        confidence: 0.9,
        techniques: TECHNIQUES,
        time,
        host: snapshot.host,
        user: userOf(ownerUid),
        sourceIp: clientIp(peer.sshConnection),
        sessionIds: [],
        evidence: [
          {
            source: `proc:${snapshot.procRoot}/${peer.pid}/fd`,
            line: 1,
            text: `connected to ${path} (${ownerText}; process uid ${peer.uid} ${peer.name}: ${peer.cmdline})`,
          },
          ...netUnix,
        ],
        explanation: `${peer.name} pid ${peer.pid} (uid ${peer.uid}) holds an open connection to ${path}, owned by ${userOf(ownerUid) ?? 'uid'} ${ownerUid}: it is using that user's agent or multiplexed connection now.`,
      });
    }
  }

  const sshdProcesses: SshdProcessInventory[] = [];
  for (const p of snapshot.processes) {
    const m = SSHD_TITLE.exec(p.cmdline);
    if (m === null) continue;
    const tty = m[3];
    sshdProcesses.push({
      pid: p.pid,
      program: m[1] ?? p.name,
      user: m[2] ?? '',
      tty,
      role: tty !== undefined ? 'user' : m[4] === 'priv' ? 'monitor' : 'other',
    });
  }
  const notes = [...snapshot.notes];
  if (snapshot.peers === undefined) {
    notes.push(
      "peers of agent sockets unknown: 'ss' (iproute2) was not available, and /proc/net/unix does not name a socket's peer",
    );
  }
  return {
    findings,
    inventory: {
      type: 'sweep',
      host: snapshot.host,
      time,
      root: snapshot.euid === 0,
      procRoot: snapshot.procRoot,
      processes: snapshot.processes.length,
      environUnreadable: snapshot.processes.filter((p) => !p.environReadable).length,
      agentSockets: sockets,
      sshdProcesses,
      logins: snapshot.logins,
      findings: findings.length,
      notes,
    },
  };
}

function kindOf(path: string, holders: readonly SweepProcess[]): AgentSocketKind {
  if (TMP_AGENT_SOCKET.test(path)) return 'forwarded-agent';
  const dir = '/.ssh/agent/';
  const at = path.lastIndexOf(dir);
  const home =
    at !== -1 && path.indexOf('/', at + dir.length) === -1
      ? HOME_AGENT_SOCKET_NAME.exec(path.slice(at + dir.length))
      : null;
  if (home !== null) return home[1] === 'sshd' ? 'forwarded-agent' : 'ssh-agent';
  if (holders.some((h) => h.name === 'ssh')) return 'control-master';
  if (
    holders.some((h) => h.name === 'ssh-agent' || h.name === 'gpg-agent') ||
    path.endsWith('/ssh-agent.socket') ||
    path.endsWith('/S.gpg-agent.ssh') ||
    path.endsWith('/keyring/ssh')
  ) {
    return 'ssh-agent';
  }
  return 'unknown';
}

function sshdPidOf(path: string): number | undefined {
  const m = TMP_AGENT_SOCKET.exec(path);
  return m?.[1] === undefined ? undefined : Number(m[1]);
}

function isAncestor(
  pid: number,
  p: SweepProcess,
  byPid: ReadonlyMap<number, SweepProcess>,
): boolean {
  let current: SweepProcess | undefined = p;
  for (let depth = 0; current !== undefined && depth < 256; depth++) {
    if (current.ppid === pid) return true;
    current = current.ppid === undefined ? undefined : byPid.get(current.ppid);
  }
  return false;
}

function clientIp(sshConnection: string | undefined): string | undefined {
  if (sshConnection === undefined) return undefined;
  const space = sshConnection.indexOf(' ');
  return canonicalIp(space === -1 ? sshConnection : sshConnection.slice(0, space));
}
