import { hostOfIp } from '../../config/lookup.js';
import type { SshtrailEvent } from '../../events/index.js';
import type { Provenance } from '../../events/provenance.js';
import { canonicalIp } from '../../ip.js';
import type { SshSession } from '../../model/session.js';
import type { DetectorContext } from '../detector.js';
import { type Lru, lruCreate, lruGet, lruPeek, lruSet } from '../lru.js';
import { keyLines } from './audit-lines.js';

/** What a hijack detector remembers about one process (plain JSON detector state). */
export interface ProcFact {
  /** Parent pid. */
  ppid: number | undefined;
  /** Real uid. */
  uid: number | undefined;
  /** Effective uid. */
  euid: number | undefined;
  /** Audit login uid. */
  auid: number | undefined;
  /** Audit session. */
  ses: number | undefined;
  /** Executable. */
  exe: string | undefined;
  /** Arguments (capped). */
  argv: string[] | undefined;
  /** Last seen. */
  time: number;
  /** Its exec lines (`SYSCALL`, `EXECVE`). */
  lines: Provenance[];
}

/**
 * Bounded facts a hijack detector learns from the stream itself, so that it works with or
 * without the analyzer's process and socket views: processes by host and pid, account names
 * by uid, host addresses (from sessions' local addresses). Plain JSON detector state.
 */
export interface HostFacts {
  /** `host\0pid` to the process. */
  readonly procs: Lru<ProcFact>;
  /** `host\0uid` (and `\0uid`) to the account name. */
  readonly users: Lru<string>;
  /** Address to the host that owns it (a session's local address). */
  readonly addresses: Lru<string>;
}

const MAX_PROCS = 5_000;
const MAX_USERS = 4_096;
const MAX_ADDRESSES = 4_096;
const MAX_ARGS = 32;

/** @internal A fresh memory. */
export function createHostFacts(): HostFacts {
  return { procs: lruCreate(), users: lruCreate(), addresses: lruCreate() };
}

const key = (host: string | undefined, n: number): string => `${host ?? ''}\u0000${n}`;

/** @internal The base name of a path (`/usr/bin/ssh` → `ssh`). */
export function baseName(path: string | undefined): string | undefined {
  if (path === undefined) return undefined;
  return path.slice(path.lastIndexOf('/') + 1);
}

/** @internal Learns from one event (processes, login records). */
export function learnEvent(facts: HostFacts, event: SshtrailEvent): void {
  switch (event.kind) {
    case 'process.exec':
    case 'socket.connect':
    case 'file.access':
    case 'process.ptrace': {
      if (event.pid === undefined) return;
      const k = key(event.host, event.pid);
      const known = lruGet(facts.procs, k);
      const exec = event.kind === 'process.exec';
      const fresh: ProcFact = {
        ppid: event.ppid ?? known?.ppid,
        uid: event.uid ?? known?.uid,
        euid: event.euid ?? known?.euid,
        auid: event.auid ?? known?.auid,
        ses: event.ses ?? known?.ses,
        exe: event.exe ?? known?.exe,
        argv: exec ? event.argv.slice(0, MAX_ARGS) : known?.argv,
        time: event.time,
        lines: exec ? [...keyLines(event)] : (known?.lines ?? []),
      };
      lruSet(facts.procs, k, fresh, MAX_PROCS);
      return;
    }
    case 'audit.login': {
      if (event.res === 'failed' || event.acct === undefined) return;
      // sudo/su records name the target account with the caller's auid: trust only `id=`
      // and the records of sshd and login, whose auid is the account that logged in.
      const b = baseName(event.exe);
      const switching = b === 'sudo' || b === 'su' || b === 'runuser' || b === 'pkexec';
      const uid = event.id ?? (switching || b === undefined ? undefined : event.auid);
      if (uid === undefined || event.acct.length > 64) return;
      lruSet(facts.users, key(event.host, uid), event.acct, MAX_USERS);
      lruSet(facts.users, key(undefined, uid), event.acct, MAX_USERS);
      return;
    }
    default:
      return;
  }
}

/** @internal Learns a session's server address (its host owns it). */
export function learnSession(facts: HostFacts, session: SshSession): void {
  if (session.host !== undefined && session.localIp !== undefined) {
    if (lruPeek(facts.addresses, session.localIp) !== session.host) {
      lruSet(facts.addresses, session.localIp, session.host, MAX_ADDRESSES);
    }
  }
}

/** @internal The remembered process (else the analyzer's process view). */
export function procOf(
  facts: HostFacts,
  context: DetectorContext,
  host: string | undefined,
  pid: number | undefined,
  time: number,
): ProcFact | undefined {
  if (pid === undefined) return undefined;
  const own = lruPeek(facts.procs, key(host, pid));
  if (own !== undefined) return own;
  const p = context.processes?.processAt?.(host, pid, time);
  if (p === undefined) return undefined;
  return {
    ppid: p.ppid,
    uid: p.uid,
    euid: p.euid,
    auid: p.auid,
    ses: p.ses,
    exe: p.exe,
    argv: p.argv === undefined ? undefined : [...p.argv],
    time,
    lines: [],
  };
}

/** @internal The account of a uid (`root` for 0), from login records or the process view. */
export function userOfUid(
  facts: HostFacts,
  context: DetectorContext,
  host: string | undefined,
  uid: number | undefined,
): string | undefined {
  if (uid === undefined) return undefined;
  if (uid === 0) return 'root';
  return (
    lruPeek(facts.users, key(host, uid)) ??
    context.processes?.userOf?.(host, uid) ??
    lruPeek(facts.users, key(undefined, uid))
  );
}

/** @internal The uid of an account, as learned from login records. */
export function uidOfUser(
  facts: HostFacts,
  host: string | undefined,
  user: string | undefined,
): number | undefined {
  if (user === undefined) return undefined;
  if (user === 'root') return 0;
  let found: number | undefined;
  const prefix = `${host ?? ''}\u0000`;
  for (const k in facts.users.entries) {
    if (facts.users.entries[k] !== user) continue;
    const raw = k.slice(1);
    if (!raw.startsWith(prefix)) continue;
    const n = Number(raw.slice(prefix.length));
    if (Number.isInteger(n)) found = n;
  }
  return found;
}

/** @internal The monitored host an address belongs to: configured hosts, else learned. */
export function hostOfAddress(
  facts: HostFacts,
  context: DetectorContext,
  ip: string | undefined,
): string | undefined {
  if (ip === undefined) return undefined;
  const configured = hostOfIp(context.config, ip)?.name;
  if (configured !== undefined) return configured;
  const canonical = canonicalIp(ip);
  return canonical === undefined ? undefined : lruPeek(facts.addresses, canonical);
}

/**
 * @internal Whether `pid` is `root` or descends from it (remembered ppid links, at most 32 steps).
 */
export function descendsFrom(
  facts: HostFacts,
  context: DetectorContext,
  host: string | undefined,
  pid: number | undefined,
  root: number,
  time: number,
): boolean {
  let current = pid;
  for (let i = 0; i < 32 && current !== undefined; i += 1) {
    if (current === root) return true;
    current = procOf(facts, context, host, current, time)?.ppid;
  }
  return false;
}

/** @internal Whether an executable is an ssh client (`ssh`, `scp`, `sftp`, `ssh-add`...). */
export function isSshClientExe(exe: string | undefined): boolean {
  const b = baseName(exe);
  return b === 'ssh' || b === 'scp' || b === 'sftp' || b === 'slogin';
}

/** @internal Whether an executable is an sshd process. */
export function isSshdExe(exe: string | undefined): boolean {
  const b = baseName(exe);
  return b === 'sshd' || b === 'sshd-session' || b === 'sshd-auth';
}

/** @internal A uid as text for explanations: `root`, `alice (uid 1001)`, `uid 1003`. */
export function who(user: string | undefined, uid: number | undefined): string {
  if (uid === 0) return 'root';
  if (user !== undefined && uid !== undefined) return `${user} (uid ${uid})`;
  if (user !== undefined) return user;
  return uid === undefined ? 'an unknown user' : `uid ${uid}`;
}

/** @internal The session of a host with an sshd pid (monitor or post-auth child) live at `time`. */
export function sessionByPid(
  context: DetectorContext,
  host: string | undefined,
  pid: number | undefined,
  time: number,
): SshSession | undefined {
  if (pid === undefined) return undefined;
  for (const s of context.sessions.loggedInAt(time, { host })) {
    if (s.pids.child === pid || s.pids.monitor === pid) return s;
  }
  return undefined;
}
