import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir, readFile, readlink, stat } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { readUtmpFile } from '../read-utmp.js';
import {
  parseEnviron,
  parsePasswd,
  parseProcStatus,
  parseSsUnix,
  socketInode,
} from './parse-proc-files.js';
import { parseProcNetUnix } from './parse-proc-net-unix.js';
import type { SocketFile, SweepLogin, SweepProcess, SweepSnapshot } from './sweep-types.js';

/**
 * Options of {@link readSweepSnapshot}. The defaults read the live host; tests point them at a
 * fake tree.
 */
export interface SweepReadOptions {
  /** The proc file system (default `/proc`). */
  readonly procRoot?: string;
  /** The utmp file of current logins (default `/var/run/utmp`). */
  readonly utmp?: string;
  /** The passwd file for user names (default `/etc/passwd`). */
  readonly passwd?: string;
  /** Host name recorded in findings (default: the machine's). */
  readonly host?: string;
  /** When the sweep ran, epoch ms (default: now). */
  readonly now?: number;
  /** `stat` of a socket path (default: `fs.stat`; a test maps paths into a fixture). */
  readonly statSocket?: (path: string) => Promise<SocketFile | undefined>;
  /** Connected unix-socket pairs as `ss -xanH` prints them (default: runs `ss`; `undefined` when absent). */
  readonly readPeers?: () => Promise<string | undefined>;
}

/**
 * Reads what the sweep needs from a live Linux host: every process's status, command line,
 * `SSH_AUTH_SOCK`/`SSH_CONNECTION` from `environ`, socket inodes from `fd`; `/proc/net/unix`;
 * the owners of socket paths; user names; logged-in users from utmp; and connected unix-socket pairs from `ss` when it is
 * installed. Processes that exit during the read, or whose files are not readable (another
 * user's, when not root), are kept with what could be read. Never throws for unreadable
 * entries; a missing `/proc` gives an empty snapshot with a note.
 *
 * @param options - Where to read from (defaults: the live host).
 * @returns The snapshot for {@link analyzeSweep}.
 * @example
 * ```ts
 * const report = analyzeSweep(await readSweepSnapshot());
 * ```
 */
export async function readSweepSnapshot(options: SweepReadOptions = {}): Promise<SweepSnapshot> {
  const procRoot = options.procRoot ?? '/proc';
  const notes: string[] = [];
  let entries: string[] = [];
  try {
    entries = (await readdir(procRoot)).filter(isPid);
  } catch {
    notes.push(`${procRoot} is not readable: no processes were looked at (Linux only)`);
  }
  const processes: SweepProcess[] = [];
  for (const entry of entries.sort((a, b) => Number(a) - Number(b))) {
    const p = await readProcess(procRoot, Number(entry));
    if (p !== undefined) processes.push(p);
  }
  const netUnix = await text(join(procRoot, 'net', 'unix'));
  if (netUnix === undefined) notes.push(`${procRoot}/net/unix is not readable`);
  const unixSockets = parseProcNetUnix(netUnix ?? '');
  const statSocket = options.statSocket ?? statPath;
  const socketFiles: Record<string, SocketFile> = {};
  const wanted = new Set<string>();
  for (const s of unixSockets)
    if (s.listening && s.path !== undefined && !s.path.startsWith('@')) wanted.add(s.path);
  for (const p of processes) if (p.authSock !== undefined) wanted.add(p.authSock);
  for (const path of wanted) {
    const file = await statSocket(path);
    if (file !== undefined) socketFiles[path] = file;
  }
  const users = parsePasswd((await text(options.passwd ?? '/etc/passwd')) ?? '');
  const ssText = await (options.readPeers ?? runSs)();
  const euid = typeof process.geteuid === 'function' ? process.geteuid() : undefined;
  if (euid !== 0) {
    notes.push('not running as root: other users\u2019 environments and sockets are not visible');
  }
  const utmpPath = options.utmp ?? '/var/run/utmp';
  const logins = await readLogins(utmpPath);
  if (logins === undefined) {
    const why = existsSync(utmpPath) ? 'is not readable' : 'does not exist';
    notes.push(`${utmpPath} ${why}: logged-in users unknown`);
  }
  return {
    host: options.host ?? hostname(),
    time: options.now ?? Date.now(),
    procRoot,
    euid,
    processes,
    unixSockets,
    socketFiles,
    users,
    peers: ssText === undefined ? undefined : parseSsUnix(ssText),
    logins,
    notes,
  };
}

async function readLogins(path: string): Promise<SweepLogin[] | undefined> {
  try {
    const { events } = await readUtmpFile(path, { kind: 'utmp' });
    return events
      .filter((e) => e.recordType === 'user_process')
      .map((e) => ({
        user: e.user,
        tty: e.tty,
        remoteHost: e.remoteHost,
        pid: e.pid,
        time: e.time,
      }));
  } catch {
    return undefined;
  }
}

function isPid(name: string): boolean {
  if (name.length === 0 || name.length > 10) return false;
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

async function readProcess(procRoot: string, pid: number): Promise<SweepProcess | undefined> {
  const dir = join(procRoot, String(pid));
  const status = await text(join(dir, 'status'));
  if (status === undefined) return undefined; // exited meanwhile
  const { name, ppid, uid } = parseProcStatus(status);
  const cmdline = (await text(join(dir, 'cmdline'))) ?? '';
  const environ = await readEnviron(join(dir, 'environ'));
  const env = environ === undefined ? undefined : parseEnviron(environ);
  const socketInodes: number[] = [];
  let fds: string[] = [];
  try {
    fds = await readdir(join(dir, 'fd'));
  } catch {
    fds = [];
  }
  for (const fd of fds) {
    try {
      const inode = socketInode(await readlink(join(dir, 'fd', fd)));
      if (inode !== undefined) socketInodes.push(inode);
    } catch {
      // The descriptor was closed meanwhile.
    }
  }
  return {
    pid,
    ppid,
    uid,
    name,
    cmdline: cmdline.replaceAll('\0', ' ').trimEnd(),
    environReadable: environ !== undefined,
    authSock: env?.get('SSH_AUTH_SOCK'),
    sshConnection: env?.get('SSH_CONNECTION'),
    socketInodes,
  };
}

/** Kernel threads have no environment (ESRCH): that is an empty one, not a permission problem. */
async function readEnviron(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    return (error as { code?: unknown }).code === 'ESRCH' ? '' : undefined;
  }
}

async function text(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch {
    return undefined;
  }
}

async function statPath(path: string): Promise<SocketFile | undefined> {
  try {
    const info = await stat(path);
    return { path, uid: info.uid, isSocket: info.isSocket() };
  } catch {
    return undefined;
  }
}

function runSs(): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile('ss', ['-xanH'], { timeout: 5000, maxBuffer: 64 << 20 }, (error, stdout) => {
      resolve(error === null ? stdout : undefined);
    });
  });
}
