import {
  AGENT_BASENAME_PATTERN,
  AGENT_SOCKET_NAME_PATTERN,
  DECIMAL_SEGMENT_PATTERN,
  SCREEN_DIR_PATTERN,
  SCREEN_SOCKET_PATTERN,
  SSH_TMPDIR_PATTERN,
  TMUX_DIR_PATTERN,
} from './patterns.js';

/**
 * What a unix socket is, from its path:
 * - `forwarded_agent`: an agent forwarded by sshd (`/tmp/ssh-XXXXXXXXXX/agent.<pid>`, OpenSSH
 *   10.1+ `~/.ssh/agent/s.*.sshd.*`);
 * - `ssh_agent`: a local ssh-agent or keyring agent (`~/.ssh/agent/s.*.agent.*`,
 *   `$XDG_RUNTIME_DIR/ssh-agent.socket`, `/run/user/<uid>/keyring/ssh`, 1Password...);
 * - `gpg_agent`: gpg-agent's ssh socket (`S.gpg-agent.ssh`);
 * - `control_master`: an ssh ControlMaster socket (common ControlPath defaults, or learned);
 * - `tmux`, `screen`: terminal multiplexer sockets;
 * - `other`: anything else.
 *
 * @example
 * ```ts
 * const hijackable = (k: SocketKind) => k !== 'other';
 * ```
 */
export type SocketKind =
  | 'forwarded_agent'
  | 'ssh_agent'
  | 'gpg_agent'
  | 'control_master'
  | 'tmux'
  | 'screen'
  | 'other';

/**
 * The path-only reading of a socket: its kind and whatever owner the path itself names.
 *
 * @example
 * ```ts
 * const c: SocketClass = { kind: 'tmux', ownerPid: undefined, ownerUid: 1000, ownerUser: undefined };
 * ```
 */
export interface SocketClass {
  /** What the socket is. */
  readonly kind: SocketKind;
  /** The pid in the name: sshd's post-auth child for `agent.<pid>`, the screen session's pid. */
  readonly ownerPid: number | undefined;
  /** The uid in the path (`/tmp/tmux-<uid>`, `/run/user/<uid>`). */
  readonly ownerUid: number | undefined;
  /** The account in the path (`/home/<user>`, `/root`, `S-<user>`). */
  readonly ownerUser: string | undefined;
}

const MAX_PATH = 4096;

/** ControlPath directories and name prefixes commonly used under a home directory. */
const CM_DIRS: ReadonlySet<string> = new Set([
  '.ssh/sockets',
  '.ssh/socket',
  '.ssh/controlmasters',
  '.ssh/control',
  '.ssh/cm',
  '.ssh/ctl',
  '.ssh/mux',
  '.ansible/cp',
]);
const CM_PREFIXES: readonly string[] = [
  'cm-',
  'cm_',
  'master-',
  'control-',
  'controlmaster-',
  'mux-',
];

function result(
  kind: SocketKind,
  ownerPid: number | undefined,
  ownerUid: number | undefined,
  ownerUser: string | undefined,
): SocketClass {
  return { kind, ownerPid, ownerUid, ownerUser };
}

function decimal(text: string | undefined): number | undefined {
  if (text === undefined || !DECIMAL_SEGMENT_PATTERN.test(text)) return undefined;
  const n = Number(text);
  return n <= 4294967294 ? n : undefined;
}

/** `/home/<user>/<rest>` or `/root/<rest>`: the account and the rest of the path. */
function homeOf(path: string): { user: string; rest: string } | undefined {
  if (path.startsWith('/root/')) return { user: 'root', rest: path.slice(6) };
  if (path.startsWith('/home/')) {
    const slash = path.indexOf('/', 6);
    if (slash <= 6) return undefined;
    return { user: path.slice(6, slash), rest: path.slice(slash + 1) };
  }
  return undefined;
}

/** `/run/user/<uid>/<rest>` (also `/var/run/user/...`). */
function runtimeOf(path: string): { uid: number; rest: string } | undefined {
  const start = path.startsWith('/run/user/') ? 10 : path.startsWith('/var/run/user/') ? 14 : -1;
  if (start < 0) return undefined;
  const slash = path.indexOf('/', start);
  if (slash < 0) return undefined;
  const uid = decimal(path.slice(start, slash));
  return uid === undefined ? undefined : { uid, rest: path.slice(slash + 1) };
}

/**
 * Classifies a unix socket path by what the path alone tells. `/tmp/ssh-*\/agent.<pid>` is
 * read as a forwarded agent (its pid is then sshd's post-auth child); ssh-agent uses the same
 * template with its parent's pid, which {@link createSocketRegistry} tells apart when it knows
 * the process. Never throws; abstract names (`@...`) and paths over 4096 characters are `other`.
 *
 * @param path - The socket path (`socket.connect` path, `SSH_AUTH_SOCK`, `-S` argument).
 * @returns The kind and any owner the path names.
 * @example
 * ```ts
 * classifySocketPath('/tmp/ssh-XXXXabcdef/agent.4242'); // { kind: 'forwarded_agent', ownerPid: 4242, ... }
 * classifySocketPath('/tmp/tmux-1000/default');          // { kind: 'tmux', ownerUid: 1000, ... }
 * ```
 */
export function classifySocketPath(path: string): SocketClass {
  if (path.length === 0 || path.length > MAX_PATH || path.charCodeAt(0) !== 47) {
    return result('other', undefined, undefined, undefined);
  }
  const cut = path.lastIndexOf('/');
  const base = path.slice(cut + 1);
  const dir = path.slice(0, cut);
  const parent = dir.slice(dir.lastIndexOf('/') + 1);
  const home = homeOf(path);
  const runtime = runtimeOf(path);
  const user = home?.user;
  const runUid = runtime?.uid;

  const agent = AGENT_BASENAME_PATTERN.exec(base);
  if (agent !== null && SSH_TMPDIR_PATTERN.test(parent)) {
    return result('forwarded_agent', decimal(agent[1]), runUid, user);
  }
  if (parent === 'agent' && dir.endsWith('/.ssh/agent')) {
    const named = AGENT_SOCKET_NAME_PATTERN.exec(base);
    if (named !== null) {
      return result(named[1] === 'sshd' ? 'forwarded_agent' : 'ssh_agent', undefined, runUid, user);
    }
  }
  if (base === 'S.gpg-agent.ssh') return result('gpg_agent', undefined, runUid, user);
  if (runtime !== undefined) {
    const rest = runtime.rest;
    if (
      rest === 'ssh-agent.socket' ||
      rest === 'openssh_agent' ||
      rest === 'keyring/ssh' ||
      rest === 'gcr/ssh' ||
      rest === 'ssh-agent/socket'
    ) {
      return result('ssh_agent', undefined, runUid, undefined);
    }
  }
  if (
    home !== undefined &&
    (home.rest === '.1password/agent.sock' || home.rest === '.ssh/agent.sock')
  ) {
    return result('ssh_agent', undefined, undefined, user);
  }
  const tmux = TMUX_DIR_PATTERN.exec(parent);
  if (tmux !== null && base.length > 0) {
    return result('tmux', undefined, decimal(tmux[1]), user);
  }
  const screen = SCREEN_DIR_PATTERN.exec(parent);
  if (
    screen !== null &&
    (dir.endsWith(`/screen/${parent}`) || dir.endsWith(`/.screen/${parent}`))
  ) {
    const session = SCREEN_SOCKET_PATTERN.exec(base);
    return result('screen', session === null ? undefined : decimal(session[1]), runUid, screen[1]);
  }
  if (home !== undefined && base.length > 0) {
    const relDir = home.rest.slice(0, Math.max(0, home.rest.lastIndexOf('/')));
    if (CM_DIRS.has(relDir)) return result('control_master', undefined, undefined, user);
    if (relDir === '.ssh' && CM_PREFIXES.some((p) => base.startsWith(p))) {
      return result('control_master', undefined, undefined, user);
    }
  }
  if (dir === '/tmp' && base.startsWith('ssh_mux_')) {
    return result('control_master', undefined, undefined, undefined);
  }
  return result('other', undefined, runUid, user);
}
