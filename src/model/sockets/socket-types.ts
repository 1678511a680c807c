import type { SessionJoin } from '../processes/session-join.js';
import type { SocketKind } from './classify-socket-path.js';

/**
 * Why an owner was believed:
 * - `path`: the path names it (`/tmp/tmux-<uid>`, `/home/<user>`, `agent.<pid>`);
 * - `inode_owner`: an audit `PATH` record's `ouid` for the socket inode (kernel truth);
 * - `creator`: the process that bound or created the socket was seen;
 * - `session_pid`: `agent.<pid>` (or the creator) is the sshd child of a known session;
 * - `control_path`: a learned ControlPath of an `ssh -M` master matches;
 * - `process`: the pid in the name is a known non-sshd process (so `ssh_agent`, not forwarded).
 *
 * @example
 * ```ts
 * const strong: OwnerBasis[] = ['inode_owner', 'session_pid'];
 * ```
 */
export type OwnerBasis =
  | 'path'
  | 'inode_owner'
  | 'creator'
  | 'session_pid'
  | 'control_path'
  | 'process';

/**
 * Who owns a socket, as far as the registry knows.
 *
 * @example
 * ```ts
 * const owner: SocketOwner = {
 *   path: '/tmp/ssh-AbCdEf1234/agent.4242', kind: 'forwarded_agent', ownerUid: 1000,
 *   ownerUser: 'alice', ownerPid: 4242, sessionId: 'bastion/4240/1718035100000',
 *   basis: ['path', 'session_pid', 'inode_owner'],
 * };
 * ```
 */
export interface SocketOwner {
  /** The socket path. */
  readonly path: string;
  /** What it is. */
  readonly kind: SocketKind;
  /** The owning uid. */
  readonly ownerUid: number | undefined;
  /** The owning account. */
  readonly ownerUser: string | undefined;
  /** The owning process (sshd child for forwarded agents, the ssh master, the screen session). */
  readonly ownerPid: number | undefined;
  /** The SSH session that owns it, when known. */
  readonly sessionId: string | undefined;
  /** What the answer rests on. */
  readonly basis: readonly OwnerBasis[];
}

/**
 * How a process named a socket: it connected to it, its environment points at it
 * (`SSH_AUTH_SOCK`), or its command line names it (`ssh -S`, `-o ControlPath=`, `tmux -S`,
 * `SSH_AUTH_SOCK=` argument).
 *
 * @example
 * ```ts
 * const via: SocketUseVia = 'connect';
 * ```
 */
export type SocketUseVia = 'connect' | 'env' | 'argv';

/**
 * One process using a socket, with the socket's owner.
 *
 * @example
 * ```ts
 * function hijack(u: SocketUse): boolean {
 *   return u.crossUid === true && (u.owner.kind === 'forwarded_agent' || u.owner.kind === 'control_master');
 * }
 * ```
 */
export interface SocketUse {
  /** How the socket was named. */
  readonly via: SocketUseVia;
  /** The socket path. */
  readonly path: string;
  /** Host name. */
  readonly host: string | undefined;
  /** When. */
  readonly time: number;
  /** The acting process. */
  readonly pid: number | undefined;
  /** Its real uid. */
  readonly uid: number | undefined;
  /** Its effective uid. */
  readonly euid: number | undefined;
  /** Its audit login uid. */
  readonly auid: number | undefined;
  /** Its audit session id. */
  readonly ses: number | undefined;
  /** The socket's owner. */
  readonly owner: SocketOwner;
  /** True when the actor's effective uid (else uid) differs from the owner's uid; `undefined` when either is unknown. */
  readonly crossUid: boolean | undefined;
}

/**
 * Limits of a socket registry, and an optional session join to resolve owning sessions of
 * ControlMaster processes and to tell ssh-agent sockets from forwarded ones.
 *
 * @example
 * ```ts
 * const options: SocketRegistryOptions = { join: createSessionJoin(), maxPaths: 2048 };
 * ```
 */
export interface SocketRegistryOptions {
  /** A session join fed with the same events (used read-only). */
  readonly join?: SessionJoin | undefined;
  /** Socket paths remembered per host (owners, creators; default 4096, least recently used first). */
  readonly maxPaths?: number | undefined;
  /** Learned ControlPaths per host (default 256, oldest first). */
  readonly maxControlPaths?: number | undefined;
  /** Sessions indexed (default 10 000). */
  readonly maxSessions?: number | undefined;
  /** Tolerance between sources' clocks (default 2 000 ms). */
  readonly clockSkewMs?: number | undefined;
}
