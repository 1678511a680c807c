import type { Finding } from '../../findings/finding.js';
import type { SweepLogin } from './sweep-types.js';

/**
 * A process named in the sweep's inventory.
 *
 * @example
 * ```ts
 * const p: ProcessRef = { pid: 4242, uid: 0, user: 'root', name: 'sleep' };
 * ```
 */
export interface ProcessRef {
  /** Process id. */
  readonly pid: number;
  /** Real uid, when readable. */
  readonly uid: number | undefined;
  /** User name of that uid, when known. */
  readonly user: string | undefined;
  /** Process name (comm). */
  readonly name: string;
}

/**
 * What kind of socket an agent-like socket is: a forwarded agent (`sshd`), a local `ssh-agent`
 * (or gpg-agent / keyring), an `ssh` ControlMaster, or a socket only known from an
 * `SSH_AUTH_SOCK`.
 *
 * @example
 * ```ts
 * const k: AgentSocketKind = 'forwarded-agent';
 * ```
 */
export type AgentSocketKind = 'forwarded-agent' | 'ssh-agent' | 'control-master' | 'unknown';

/**
 * One agent or ControlMaster socket on the host and who uses it.
 *
 * @example
 * ```ts
 * function line(s: AgentSocketInventory): string {
 *   return `${s.path} (${s.kind}) owner ${s.owner ?? s.ownerUid}: ${s.connections} connections`;
 * }
 * ```
 */
export interface AgentSocketInventory {
  /** The socket path. */
  readonly path: string;
  /** What it is. */
  readonly kind: AgentSocketKind;
  /** Owner uid of the socket file (`stat`). */
  readonly ownerUid: number | undefined;
  /** Owner user name. */
  readonly owner: string | undefined;
  /** For `/tmp/ssh-*\/agent.<pid>`: the sshd process that created it. */
  readonly sshdPid: number | undefined;
  /** Inode of the listening socket in `/proc/net/unix`, when listening. */
  readonly listeningInode: number | undefined;
  /** Processes holding the listening socket (the agent, sshd or ssh master). */
  readonly holders: readonly ProcessRef[];
  /** Accepted connections open now (server-side entries with this path). */
  readonly connections: number;
  /** Processes on the other end of those connections; `undefined` when `ss` was not available. */
  readonly peers: readonly ProcessRef[] | undefined;
  /** Processes whose `SSH_AUTH_SOCK` names this socket. */
  readonly usedBy: readonly ProcessRef[];
}

/**
 * A live sshd process of a session (`sshd: alice [priv]`, `sshd-session: alice@pts/0`).
 *
 * @example
 * ```ts
 * const s: SshdProcessInventory = { pid: 42, program: 'sshd-session', user: 'alice', tty: 'pts/0', role: 'user' };
 * ```
 */
export interface SshdProcessInventory {
  /** Process id. */
  readonly pid: number;
  /** `sshd`, `sshd-session` or `sshd-auth`. */
  readonly program: string;
  /** The session's user. */
  readonly user: string;
  /** `pts/N`, `notty`, or `undefined` for the privileged monitor. */
  readonly tty: string | undefined;
  /** `monitor` (`[priv]`), `user` (`user@tty`), or `other` (`[net]`, `[accepted]`). */
  readonly role: 'monitor' | 'user' | 'other';
}

/**
 * The sweep's inventory record (`type: 'sweep'` in the JSONL output): what was looked at and
 * found, whether or not anything was suspicious.
 *
 * @example
 * ```ts
 * function summary(i: SweepInventory): string {
 *   return `${i.host}: ${i.processes} processes, ${i.agentSockets.length} agent sockets, ${i.findings} findings`;
 * }
 * ```
 */
export interface SweepInventory {
  /** Record type in the JSONL stream. */
  readonly type: 'sweep';
  /** Host name. */
  readonly host: string;
  /** When, ISO-8601 UTC. */
  readonly time: string;
  /** Whether the sweep ran as root (full results). */
  readonly root: boolean;
  /** The `/proc` read. */
  readonly procRoot: string;
  /** Processes looked at. */
  readonly processes: number;
  /** Processes whose environment could not be read (other users' when not root). */
  readonly environUnreadable: number;
  /** Agent and ControlMaster sockets. */
  readonly agentSockets: readonly AgentSocketInventory[];
  /** Live sshd session processes. */
  readonly sshdProcesses: readonly SshdProcessInventory[];
  /** Logged-in users from utmp (`undefined`: utmp not readable). */
  readonly logins: readonly SweepLogin[] | undefined;
  /** Findings reported. */
  readonly findings: number;
  /** What could not be read or decided. */
  readonly notes: readonly string[];
}

/**
 * The sweep's result: findings in the analyzer's contract, and the inventory.
 *
 * @example
 * ```ts
 * const report: SweepReport = analyzeSweep(snapshot);
 * for (const f of report.findings) console.log(f.detector, f.explanation);
 * ```
 */
export interface SweepReport {
  /** Findings (`sweep.foreign_agent_socket`, `sweep.foreign_agent_connection`, `sweep.cross_session_agent_socket`). */
  readonly findings: readonly Finding[];
  /** The inventory. */
  readonly inventory: SweepInventory;
}
