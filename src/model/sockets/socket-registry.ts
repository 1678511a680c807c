import type { AuditSubject } from '../../events/host.js';
import {
  authSockOf,
  type EnvSnapshotLike,
  isSshdProgram,
  type TelemetryEvent,
} from '../processes/observations.js';
import { createSessionIndex, type SessionIndex } from '../processes/session-index.js';
import { createUserDirectory, type UserDirectory } from '../processes/user-directory.js';
import type { SshSession } from '../session.js';
import { classifySocketPath } from './classify-socket-path.js';
import {
  type ControlPathMatcher,
  compileControlPath,
  matchControlPath,
  socketArguments,
} from './control-path.js';
import type {
  OwnerBasis,
  SocketOwner,
  SocketRegistryOptions,
  SocketUse,
  SocketUseVia,
} from './socket-types.js';

const CLOSED_SESSION_RETAIN_MS = 3_600_000;
/**
 * Knowledge about agent, ControlMaster and multiplexer sockets per host: learns forwarded
 * agent sockets from sessions, ControlPaths from `ssh -M` command lines, socket owners from
 * audit `PATH` records and binds, and resolves every socket use to its owner.
 *
 * @example
 * ```ts
 * const sockets = createSocketRegistry();
 * sockets.addSession(session);
 * for (const use of sockets.addEvent(event)) if (use.crossUid) console.log(use.path, use.owner.sessionId);
 * ```
 */
export interface SocketRegistry {
  /**
   * Indexes a session (call on every session change): its sshd child pid names its
   * forwarded agent socket (`agent.<pid>`).
   *
   * @param session - The latest copy of the session.
   * @returns Nothing.
   * @example
   * ```ts
   * sockets.addSession(change.session);
   * ```
   */
  addSession(session: SshSession): void;
  /**
   * Learns from an event and returns the socket uses it shows: unix `socket.connect`,
   * `env.snapshot` with `SSH_AUTH_SOCK`, `process.exec` with `-S`/`ControlPath`/`tmux -S`/
   * `SSH_AUTH_SOCK=` arguments. An `ssh -M` exec teaches its ControlPath instead.
   *
   * @param event - Any event.
   * @returns The uses (often none).
   * @example
   * ```ts
   * sockets.addEvent(connect).map((u) => u.owner.kind);
   * ```
   */
  addEvent(event: TelemetryEvent): readonly SocketUse[];
  /**
   * Who owns a socket path at a time.
   *
   * @param host - Host name.
   * @param path - The socket path.
   * @param time - Epoch milliseconds.
   * @returns The owner (kind `other` with no owner fields when nothing is known).
   * @example
   * ```ts
   * sockets.ownerOf('bastion', '/tmp/ssh-AbCdEf1234/agent.4242', t).sessionId;
   * ```
   */
  ownerOf(host: string | undefined, path: string, time: number): SocketOwner;
  /**
   * Paths and ControlPaths held right now.
   *
   * @returns The counts.
   * @example
   * ```ts
   * sockets.size().controlPaths;
   * ```
   */
  size(): { readonly paths: number; readonly controlPaths: number; readonly sessions: number };
  /**
   * The whole state as plain JSON, detached from the registry (the join is not included:
   * snapshot it on its own).
   *
   * @returns A snapshot for {@link restoreSocketRegistry}.
   * @example
   * ```ts
   * const saved = JSON.stringify(sockets.snapshot());
   * ```
   */
  snapshot(): SocketRegistrySnapshot;
}

/**
 * A socket registry's state as plain JSON; `state` is opaque and versioned, read only by
 * {@link restoreSocketRegistry}.
 *
 * @example
 * ```ts
 * const saved: string = JSON.stringify(sockets.snapshot());
 * ```
 */
export interface SocketRegistrySnapshot {
  /** Marks the object as a socket registry snapshot. */
  readonly format: 'sshtrail.socket-registry';
  /** Layout version of `state`. */
  readonly version: 1;
  /** The serialized state (opaque). */
  readonly state: unknown;
}

interface SerializedRegistry {
  readonly sessions: ReturnType<SessionIndex['dump']>;
  readonly users: ReturnType<UserDirectory['dump']>;
  readonly hosts: readonly (readonly [
    string,
    readonly (readonly [string, PathFacts])[],
    readonly LearnedPath[],
  ])[];
}

interface PathFacts {
  ouid: number | undefined;
  creatorPid: number | undefined;
  creatorUid: number | undefined;
  time: number;
}

interface LearnedPath {
  readonly matcher: ControlPathMatcher;
  readonly time: number;
  readonly pid: number | undefined;
  readonly uid: number | undefined;
  readonly auid: number | undefined;
  readonly ses: number | undefined;
}

interface HostSockets {
  readonly paths: Map<string, PathFacts>;
  readonly controlPaths: LearnedPath[];
}

const ANONYMOUS = '\u0000';
const SOCKET_MODE = 0o140000;
const TYPE_MASK = 0o170000;

function positive(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1) {
    throw new RangeError(`${name} must be a positive integer, got ${String(value)}`);
  }
  return value;
}

/**
 * Creates a bounded socket registry.
 *
 * @param options - Limits and an optional session join; bad values throw `RangeError`.
 * @returns The registry.
 * @example
 * ```ts
 * const join = createSessionJoin();
 * const sockets = createSocketRegistry({ join });
 * ```
 */
export function createSocketRegistry(options: SocketRegistryOptions = {}): SocketRegistry {
  return buildRegistry(options, undefined);
}

/**
 * Rebuilds a registry from {@link SocketRegistry.snapshot}. Pass the same options, and the
 * restored join when one was used.
 *
 * @param snapshot - A snapshot (parsed JSON is fine).
 * @param options - Options for the restored registry.
 * @returns The registry.
 * @example
 * ```ts
 * const sockets = restoreSocketRegistry(JSON.parse(saved), { join: restoreSessionJoin(savedJoin) });
 * ```
 */
export function restoreSocketRegistry(
  snapshot: SocketRegistrySnapshot,
  options: SocketRegistryOptions = {},
): SocketRegistry {
  if (snapshot?.format !== 'sshtrail.socket-registry' || snapshot.version !== 1) {
    throw new TypeError('not a sshtrail.socket-registry snapshot (version 1)');
  }
  return buildRegistry(options, snapshot.state as SerializedRegistry);
}

function buildRegistry(
  options: SocketRegistryOptions,
  saved: SerializedRegistry | undefined,
): SocketRegistry {
  const maxPaths = positive(options.maxPaths, 4096, 'maxPaths');
  const maxControlPaths = positive(options.maxControlPaths, 256, 'maxControlPaths');
  const skew = positive(options.clockSkewMs ?? 2000, 2000, 'clockSkewMs');
  const join = options.join;
  const sessions = createSessionIndex(
    positive(options.maxSessions, 10_000, 'maxSessions'),
    skew,
    skew,
    // Owners are looked up at the stream's time, and a session matches only up to `skew` after
    // its end: an hour later it can never match again.
    CLOSED_SESSION_RETAIN_MS,
  );
  const users = createUserDirectory(4096);
  const hosts = new Map<string, HostSockets>();
  if (saved !== undefined) {
    sessions.load(saved.sessions.entries, saved.sessions.evicted);
    users.load(saved.users);
    for (const [k, paths, controlPaths] of saved.hosts) {
      hosts.set(k, {
        paths: new Map(paths.map(([path, f]) => [path, { ...f }])),
        controlPaths: controlPaths.map((l) => ({ ...l })),
      });
    }
  }

  const hostOf = (host: string | undefined): HostSockets => {
    const k = host === undefined ? ANONYMOUS : host;
    let h = hosts.get(k);
    if (h === undefined) {
      h = { paths: new Map(), controlPaths: [] };
      hosts.set(k, h);
    }
    return h;
  };

  const facts = (host: string | undefined, path: string, time: number): PathFacts => {
    const h = hostOf(host);
    let f = h.paths.get(path);
    if (f === undefined) {
      f = { ouid: undefined, creatorPid: undefined, creatorUid: undefined, time };
    } else {
      h.paths.delete(path);
    }
    h.paths.set(path, f);
    if (time > f.time) f.time = time;
    while (h.paths.size > maxPaths) {
      const first = h.paths.keys().next();
      if (first.done === true) break;
      h.paths.delete(first.value);
    }
    return f;
  };

  const userOf = (host: string | undefined, uid: number): string | undefined =>
    users.userOf(host, uid) ?? join?.userOf(host, uid);
  const uidOf = (host: string | undefined, user: string): number | undefined =>
    users.uidOf(host, user) ?? join?.uidOf(host, user);

  const ownerOf = (host: string | undefined, path: string, time: number): SocketOwner => {
    const c = classifySocketPath(path);
    let kind = c.kind;
    let ownerUid = c.ownerUid;
    let ownerUser = c.ownerUser;
    let ownerPid = c.ownerPid;
    let sessionId: string | undefined;
    const basis: OwnerBasis[] = [];
    if (kind !== 'other' || ownerUid !== undefined || ownerUser !== undefined) basis.push('path');
    const h = hosts.get(host === undefined ? ANONYMOUS : host);
    const f = h?.paths.get(path);

    if (kind === 'other' || kind === 'control_master') {
      const learned = h?.controlPaths;
      if (learned !== undefined) {
        for (let i = learned.length - 1; i >= 0; i -= 1) {
          const l = learned[i];
          if (l === undefined || l.time - skew > time || !matchControlPath(l.matcher, path))
            continue;
          kind = 'control_master';
          ownerPid = l.pid;
          if (l.uid !== undefined) ownerUid = l.uid;
          if (join !== undefined && l.pid !== undefined) {
            sessionId = join.sessionFor(host, {
              pid: l.pid,
              ses: l.ses,
              auid: l.auid,
              uid: l.uid,
              time: l.time,
            })?.sessionId;
          }
          basis.push('control_path');
          break;
        }
      }
    }
    if (f?.creatorPid !== undefined) {
      if (ownerPid === undefined) ownerPid = f.creatorPid;
      if (ownerUid === undefined && f.creatorUid !== undefined) ownerUid = f.creatorUid;
      basis.push('creator');
    }
    if ((kind === 'forwarded_agent' || kind === 'ssh_agent') && ownerPid !== undefined) {
      const s = sessions.byPid(host, ownerPid, time);
      if (s !== undefined && s.child === ownerPid) {
        kind = 'forwarded_agent';
        sessionId = s.id;
        if (s.user !== undefined) ownerUser = s.user;
        basis.push('session_pid');
      } else if (kind === 'forwarded_agent' && join !== undefined) {
        const p = join.processes.processAt(host, ownerPid, time);
        if (p !== undefined && p.sessionId === undefined && (p.exe ?? p.comm) !== undefined) {
          if (!isSshdProgram(p.exe) && !isSshdProgram(p.comm)) {
            kind = 'ssh_agent';
            basis.push('process');
          }
        }
      }
    }
    if (f?.ouid !== undefined) {
      ownerUid = f.ouid;
      basis.push('inode_owner');
    }
    if (ownerUser === undefined && ownerUid !== undefined) ownerUser = userOf(host, ownerUid);
    if (ownerUid === undefined && ownerUser !== undefined) ownerUid = uidOf(host, ownerUser);
    return { path, kind, ownerUid, ownerUser, ownerPid, sessionId, basis };
  };

  const use = (
    via: SocketUseVia,
    path: string,
    e: { host: string | undefined; time: number; pid: number | undefined },
    who: {
      uid?: number | undefined;
      euid?: number | undefined;
      auid?: number | undefined;
      ses?: number | undefined;
    },
  ): SocketUse => {
    const owner = ownerOf(e.host, path, e.time);
    if (who.uid === undefined && who.euid === undefined && e.pid !== undefined && join) {
      // Environment rows carry no ids: take them from the process tree.
      const p = join.processes.processAt(e.host, e.pid, e.time);
      if (p !== undefined) who = { uid: p.uid, euid: p.euid, auid: p.auid, ses: p.ses };
    }
    const actor = who.euid ?? who.uid;
    return {
      via,
      path,
      host: e.host,
      time: e.time,
      pid: e.pid,
      uid: who.uid,
      euid: who.euid,
      auid: who.auid,
      ses: who.ses,
      owner,
      crossUid:
        actor === undefined || owner.ownerUid === undefined ? undefined : actor !== owner.ownerUid,
    };
  };

  const absolute = (path: string, cwd: string | undefined): string | undefined => {
    if (path.startsWith('/')) return path;
    if (path.startsWith('~')) return undefined;
    return cwd === undefined ? undefined : `${cwd.endsWith('/') ? cwd : `${cwd}/`}${path}`;
  };

  const homeOf = (host: string | undefined, uid: number | undefined): string | undefined => {
    if (uid === undefined) return undefined;
    if (uid === 0) return '/root';
    const name = userOf(host, uid);
    return name === undefined ? undefined : `/home/${name}`;
  };

  const learnExec = (
    e: AuditSubject & { host: string | undefined; time: number; pid: number | undefined },
    argv: readonly string[],
  ): SocketUse[] => {
    const args = socketArguments(argv, e.exe);
    const uses: SocketUse[] = [];
    if (args.controlPath !== undefined) {
      const uid = e.euid ?? e.uid;
      if (args.master) {
        const h = hostOf(e.host);
        const template = args.controlPath;
        const values = {
          remoteUser: args.remoteUser ?? (uid === undefined ? undefined : userOf(e.host, uid)),
          remoteHost: args.remoteHost,
          port: args.port,
          localUser: uid === undefined ? undefined : userOf(e.host, uid),
          localUid: uid,
          home: homeOf(e.host, uid),
        };
        const base = absolute(template, e.cwd) ?? template;
        h.controlPaths.push({
          matcher: compileControlPath(base, values),
          time: e.time,
          pid: e.pid,
          uid,
          auid: e.auid,
          ses: e.ses,
        });
        while (h.controlPaths.length > maxControlPaths) h.controlPaths.shift();
      } else if (!args.controlPath.includes('%')) {
        const path = absolute(args.controlPath, e.cwd);
        if (path !== undefined) uses.push(use('argv', path, e, e));
      }
    }
    if (args.tmuxSocket !== undefined) {
      const path = absolute(args.tmuxSocket, e.cwd);
      if (path !== undefined) uses.push(use('argv', path, e, e));
    }
    if (args.authSock !== undefined) {
      const path = absolute(args.authSock, e.cwd);
      if (path !== undefined) uses.push(use('argv', path, e, e));
    }
    return uses;
  };

  return {
    addSession(session) {
      sessions.add(session);
    },
    addEvent(event) {
      switch (event.kind) {
        case 'audit.login': {
          if (event.res !== 'failed' && event.acct !== undefined) {
            const uid = event.id ?? event.auid;
            if (uid !== undefined) users.learn(event.host, uid, event.acct);
          }
          return [];
        }
        case 'socket.connect': {
          if (event.family !== 'unix' || event.path === undefined || event.path.startsWith('@')) {
            return [];
          }
          const f = facts(event.host, event.path, event.time);
          for (const item of event.paths) {
            if (item.ouid === undefined) continue;
            const socketInode = item.mode !== undefined && (item.mode & TYPE_MASK) === SOCKET_MODE;
            if (item.path === event.path || socketInode) f.ouid = item.ouid;
          }
          if (event.syscall === 'bind') {
            if (event.success !== false) {
              f.creatorPid = event.pid;
              f.creatorUid = event.euid ?? event.uid;
            }
            return [];
          }
          return [use('connect', event.path, event, event)];
        }
        case 'file.access': {
          if (event.op !== 'create' || event.path === undefined) return [];
          if (classifySocketPath(event.path).kind === 'other') return [];
          const f = facts(event.host, event.path, event.time);
          f.creatorPid = event.pid;
          f.creatorUid = event.euid ?? event.uid;
          return [];
        }
        case 'process.exec':
          return learnExec(event, event.argv);
        case 'env.snapshot': {
          const env: EnvSnapshotLike = event;
          const sock = authSockOf(env);
          if (sock === undefined || !sock.startsWith('/')) return [];
          return [use('env', sock, env, env)];
        }
        default:
          return [];
      }
    },
    ownerOf,
    size() {
      let paths = 0;
      let controlPaths = 0;
      for (const h of hosts.values()) {
        paths += h.paths.size;
        controlPaths += h.controlPaths.length;
      }
      return { paths, controlPaths, sessions: sessions.size() };
    },
    snapshot() {
      const state: SerializedRegistry = {
        sessions: sessions.dump(),
        users: users.dump(),
        hosts: [...hosts].map(([k, h]) => [k, [...h.paths], h.controlPaths] as const),
      };
      return {
        format: 'sshtrail.socket-registry',
        version: 1,
        state: JSON.parse(JSON.stringify(state)),
      };
    },
  };
}
