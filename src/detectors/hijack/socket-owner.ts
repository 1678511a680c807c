import type { SocketConnectEvent } from '../../events/host.js';
import type { SshSession } from '../../model/session.js';
import { classifySocketPath, type SocketKind } from '../../model/sockets/classify-socket-path.js';
import type { DetectorContext } from '../detector.js';
import { type HostFacts, sessionByPid, uidOfUser, userOfUid } from './host-facts.js';

/**
 * The owner of a unix socket as a hijack detector sees it.
 *
 * @internal
 */
export interface SocketOwnerFacts {
  /** What the socket is. */
  readonly kind: SocketKind;
  /** Owning uid (kernel `ouid` first). */
  readonly uid: number | undefined;
  /** Owning account. */
  readonly user: string | undefined;
  /** The owning SSH session (forwarded agent: the session whose sshd child is `agent.<pid>`). */
  readonly session: SshSession | undefined;
  /** The owning session id, when only its id is known. */
  readonly sessionId: string | undefined;
}

const SOCKET_MODE = 0o140000;
const TYPE_MASK = 0o170000;

/** @internal The kernel owner of a connected socket (audit `PATH ouid=` of the socket inode). */
export function inodeOwner(event: SocketConnectEvent): number | undefined {
  for (const item of event.paths) {
    if (item.ouid === undefined) continue;
    const socket = item.mode !== undefined && (item.mode & TYPE_MASK) === SOCKET_MODE;
    if (item.path === event.path || socket) return item.ouid;
  }
  return undefined;
}

function viewKind(kind: string | undefined, socket: string): SocketKind | undefined {
  switch (kind) {
    case 'forwarded_agent':
    case 'ssh_agent':
    case 'gpg_agent':
    case 'control_master':
    case 'tmux':
    case 'screen':
      return kind;
    default:
      if (socket === 'agent') return 'forwarded_agent';
      if (socket === 'control_master' || socket === 'tmux') return socket;
      return undefined;
  }
}

/**
 * @internal Resolves a socket path's owner: the socket registry view when present, the
 * kernel `ouid`, the path itself (`agent.<pid>` → the session whose sshd child it is,
 * `/home/<user>`, `/tmp/tmux-<uid>`), and ControlPaths the detector learned.
 */
export function ownerOfSocket(
  facts: HostFacts,
  context: DetectorContext,
  host: string | undefined,
  path: string,
  time: number,
  ouid: number | undefined,
  learnedControlPath: boolean,
): SocketOwnerFacts {
  const c = classifySocketPath(path);
  const view = context.sockets?.ownerOf(host, path, time);
  let kind: SocketKind = c.kind;
  const fromView = view === undefined ? undefined : viewKind(view.kind, view.socket);
  if (fromView !== undefined && (kind === 'other' || fromView !== 'forwarded_agent')) {
    kind = fromView;
  }
  if (learnedControlPath && kind === 'other') kind = 'control_master';
  const session =
    kind === 'forwarded_agent' || kind === 'ssh_agent'
      ? sessionByPid(context, host, c.ownerPid ?? view?.pid, time)
      : undefined;
  if (session !== undefined) kind = 'forwarded_agent';
  let user = session?.user ?? view?.user ?? c.ownerUser;
  const uid =
    ouid ??
    view?.uid ??
    c.ownerUid ??
    (user === undefined ? undefined : uidOfUser(facts, host, user));
  if (user === undefined) user = userOfUid(facts, context, host, uid);
  return { kind, uid, user, session, sessionId: session?.id ?? view?.sessionId };
}

/** @internal Whether a socket kind is an SSH agent (forwarded, local, gpg). */
export function isAgentKind(kind: SocketKind): boolean {
  return kind === 'forwarded_agent' || kind === 'ssh_agent' || kind === 'gpg_agent';
}
