/**
 * One process as the sweep saw it in `/proc/<pid>`. Fields it could not read are `undefined`.
 *
 * @example
 * ```ts
 * const p: SweepProcess = { pid: 4242, ppid: 1, uid: 0, name: 'sleep', cmdline: 'sleep 30',
 *   environReadable: true, authSock: '/tmp/ssh-abc/agent.42', sshConnection: undefined, socketInodes: [] };
 * ```
 */
export interface SweepProcess {
  /** Process id. */
  readonly pid: number;
  /** Parent process id (`PPid:` of `status`). */
  readonly ppid: number | undefined;
  /** Real uid (first field of `Uid:` in `status`). */
  readonly uid: number | undefined;
  /** `Name:` of `status` (the 15-character comm). */
  readonly name: string;
  /** The command line, NUL separators shown as spaces. */
  readonly cmdline: string;
  /** Whether `/proc/<pid>/environ` could be read (root, or the same uid). */
  readonly environReadable: boolean;
  /** `SSH_AUTH_SOCK` from the environment at exec time. */
  readonly authSock: string | undefined;
  /** `SSH_CONNECTION` (`client_ip client_port server_ip server_port`). */
  readonly sshConnection: string | undefined;
  /** Inodes of the sockets among its open file descriptors (`socket:[N]` links). */
  readonly socketInodes: readonly number[];
}

/**
 * One line of `/proc/net/unix`.
 *
 * @example
 * ```ts
 * const s: UnixSocket = { line: 2, text: '0000000000000000: 00000002 00000000 00010000 0001 01 23456 /tmp/ssh-x/agent.42',
 *   inode: 23456, listening: true, connected: false, type: 1, path: '/tmp/ssh-x/agent.42' };
 * ```
 */
export interface UnixSocket {
  /** 1-based line number in `/proc/net/unix` (the header is line 1). */
  readonly line: number;
  /** The raw line. */
  readonly text: string;
  /** Socket inode. */
  readonly inode: number;
  /** `Flags` has `__SO_ACCEPTCON` (a listening socket). */
  readonly listening: boolean;
  /** `St` is 03 (connected). */
  readonly connected: boolean;
  /** `Type` (1 stream, 2 datagram, 5 seqpacket). */
  readonly type: number;
  /** The bound path (`@name` for abstract sockets); server-side accepted sockets repeat the listener's path. */
  readonly path: string | undefined;
}

/**
 * What `stat` said about a socket path named in an environment or bound in `/proc/net/unix`.
 *
 * @example
 * ```ts
 * const f: SocketFile = { path: '/tmp/ssh-x/agent.42', uid: 1000, isSocket: true };
 * ```
 */
export interface SocketFile {
  /** The path. */
  readonly path: string;
  /** Owner uid, `undefined` when the path could not be stat'ed. */
  readonly uid: number | undefined;
  /** Whether it is a socket. */
  readonly isSocket: boolean;
}

/**
 * A pair of connected unix sockets (from `ss -xanH`): a socket inode and its peer's inode.
 *
 * @example
 * ```ts
 * const pair: UnixPeer = { inode: 120939, peer: 120938 };
 * ```
 */
export interface UnixPeer {
  /** A socket inode. */
  readonly inode: number;
  /** Its peer's inode. */
  readonly peer: number;
}

/**
 * A logged-in user from utmp (a `USER_PROCESS` record).
 *
 * @example
 * ```ts
 * const l: SweepLogin = { user: 'alice', tty: 'pts/0', remoteHost: '10.0.0.5', pid: 4242, time: 1700000000000 };
 * ```
 */
export interface SweepLogin {
  /** `ut_user`. */
  readonly user: string | undefined;
  /** `ut_line` (`pts/0`). */
  readonly tty: string | undefined;
  /** `ut_host`. */
  readonly remoteHost: string | undefined;
  /** `ut_pid` (the session's sshd or login process). */
  readonly pid: number | undefined;
  /** Login time, epoch ms. */
  readonly time: number;
}

/**
 * Everything the sweep read from a live host, as plain data: the input of the pure
 * {@link analyzeSweep}.
 *
 * @example
 * ```ts
 * const empty: SweepSnapshot = { host: 'h', time: 0, procRoot: '/proc', euid: 0, processes: [],
 *   unixSockets: [], socketFiles: {}, users: {}, peers: undefined, logins: undefined, notes: [] };
 * ```
 */
export interface SweepSnapshot {
  /** Host name. */
  readonly host: string;
  /** When the sweep ran, epoch ms. */
  readonly time: number;
  /** The `/proc` directory read (cited in evidence). */
  readonly procRoot: string;
  /** Effective uid the sweep ran as (0: full results). */
  readonly euid: number | undefined;
  /** Processes. */
  readonly processes: readonly SweepProcess[];
  /** `/proc/net/unix`. */
  readonly unixSockets: readonly UnixSocket[];
  /** `stat` of every socket path that matters, by path. */
  readonly socketFiles: Readonly<Record<string, SocketFile>>;
  /** User names by uid (from `/etc/passwd`). */
  readonly users: Readonly<Record<string, string>>;
  /** Connected unix socket pairs, or `undefined` when `ss` was not available. */
  readonly peers: readonly UnixPeer[] | undefined;
  /** Logged-in users from utmp, or `undefined` when utmp could not be read. */
  readonly logins: readonly SweepLogin[] | undefined;
  /** Notes about what could not be read. */
  readonly notes: readonly string[];
}
