import type { AuditLoginEvent } from '../../events/host.js';
import type { SshSession } from '../session.js';
import type {
  AuditSessionLink,
  JoinedEvent,
  SessionJoinOptions,
  SessionJoinSize,
  SessionMatch,
  SessionQuery,
} from './join-types.js';
import {
  type EnvSnapshotLike,
  isSshdProgram,
  normalizeTty,
  type TelemetryEvent,
} from './observations.js';
import {
  createProcessTree,
  type ProcessTree,
  type ProcessTreeSnapshot,
  restoreProcessTree,
} from './process-tree.js';
import { createSessionIndex, type IndexedSession, type SessionIndex } from './session-index.js';
import { resolveTreeOptions } from './tree-options.js';
import { createUserDirectory, type UserDirectory } from './user-directory.js';

/**
 * Ties host telemetry (processes, sockets, files, environments) to the SSH session it
 * happened in. Feed it every session change and every event, in time order.
 *
 * @example
 * ```ts
 * const join = createSessionJoin();
 * for (const change of tracker.push(event)) if (change.kind !== 'diagnostic') join.addSession(change.session);
 * const joined = join.addEvent(event);
 * if (joined?.match) console.log(joined.match.sessionId, joined.match.method);
 * ```
 */
export interface SessionJoin {
  /**
   * Indexes a session (call on every `open`, `update`, `close` and `evict`): its sshd monitor
   * and child pids become session roots in the process tree.
   *
   * @param session - The latest copy of the session.
   * @returns Nothing.
   * @example
   * ```ts
   * join.addSession(change.session);
   * ```
   */
  addSession(session: SshSession): void;
  /**
   * Learns from an event and, for process, socket, file, ptrace and environment events,
   * returns it with its session. `audit.login` records of sshd teach audit session ids.
   *
   * @param event - Any event.
   * @returns The joined event, or `undefined` for kinds that are not annotated.
   * @example
   * ```ts
   * join.addEvent(connectEvent)?.match?.method; // 'audit_session'
   * ```
   */
  addEvent(event: TelemetryEvent): JoinedEvent | undefined;
  /**
   * Teaches an audit session id from another source (journald `_AUDIT_SESSION` /
   * `_AUDIT_LOGINUID` on a line of an sshd process).
   *
   * @param host - Host name.
   * @param link - The session id and the sshd pid.
   * @returns Nothing.
   * @example
   * ```ts
   * join.addAuditSession('web1', { ses: 3, pid: 4410, auid: 1000, time });
   * ```
   */
  addAuditSession(host: string | undefined, link: AuditSessionLink): void;
  /**
   * The session a process belongs to, trying audit session, pid ancestry, terminal, then
   * login uid (see {@link JoinMethod}).
   *
   * @param host - Host name.
   * @param query - What is known about the process.
   * @returns The session and how it was found, or `undefined`.
   * @example
   * ```ts
   * join.sessionFor('bastion', { pid: 5188, ses: 7, auid: 1001, time });
   * ```
   */
  sessionFor(host: string | undefined, query: SessionQuery): SessionMatch | undefined;
  /**
   * The account name of a uid, as learned from login records and joined sessions.
   *
   * @param host - Host name.
   * @param uid - The uid (0 is `root`).
   * @returns The name, or `undefined`.
   * @example
   * ```ts
   * join.userOf('bastion', 1000); // 'alice'
   * ```
   */
  userOf(host: string | undefined, uid: number): string | undefined;
  /**
   * The uid of an account name, as learned.
   *
   * @param host - Host name.
   * @param user - The account.
   * @returns The uid, or `undefined`.
   * @example
   * ```ts
   * join.uidOf('bastion', 'alice'); // 1000
   * ```
   */
  uidOf(host: string | undefined, user: string): number | undefined;
  /**
   * The process tree the join feeds (read it for ancestry; the join keeps it updated).
   */
  readonly processes: ProcessTree;
  /**
   * How much is held and what was dropped.
   *
   * @returns The sizes.
   * @example
   * ```ts
   * join.size().sessions;
   * ```
   */
  size(): SessionJoinSize;
  /**
   * The whole state (process tree included) as plain JSON, detached from the join.
   *
   * @returns A snapshot for {@link restoreSessionJoin}.
   * @example
   * ```ts
   * const saved = JSON.stringify(join.snapshot());
   * ```
   */
  snapshot(): SessionJoinSnapshot;
}

/**
 * A session join's state as plain JSON; `state` is opaque and versioned, read only by
 * {@link restoreSessionJoin}.
 *
 * @example
 * ```ts
 * const saved: string = JSON.stringify(join.snapshot());
 * ```
 */
export interface SessionJoinSnapshot {
  /** Marks the object as a session join snapshot. */
  readonly format: 'sshtrail.session-join';
  /** Layout version of `state`. */
  readonly version: 1;
  /** The serialized state (opaque). */
  readonly state: unknown;
}

interface SerializedJoin {
  readonly tree: ProcessTreeSnapshot;
  readonly sessions: ReturnType<SessionIndex['dump']>;
  readonly users: ReturnType<UserDirectory['dump']>;
  readonly audit: readonly (readonly [string, readonly (readonly [number, AuditSession[]])[]])[];
  readonly auditEvicted: number;
}

interface AuditSession {
  readonly ses: number;
  readonly pid: number;
  readonly start: number;
  auid: number | undefined;
  acct: string | undefined;
  end: number | undefined;
}

const ANONYMOUS = '\u0000';
const END_RECORDS: ReadonlySet<string> = new Set(['USER_END', 'USER_LOGOUT']);

function nonNegative(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 0) {
    throw new RangeError(`${name} must be a non-negative integer, got ${String(value)}`);
  }
  return value;
}

/**
 * Creates a session join with its own bounded process tree.
 *
 * @param options - Limits and clock tolerances; bad values throw `RangeError`.
 * @returns The join.
 * @example
 * ```ts
 * const join = createSessionJoin({ maxSessions: 5_000 });
 * ```
 */
export function createSessionJoin(options: SessionJoinOptions = {}): SessionJoin {
  return buildJoin(options, undefined);
}

/**
 * Rebuilds a join from {@link SessionJoin.snapshot}; continuing from it gives the same
 * results as never having stopped.
 *
 * @param snapshot - A snapshot (parsed JSON is fine).
 * @param options - Options for the restored join (use the same as before).
 * @returns The join.
 * @example
 * ```ts
 * const join = restoreSessionJoin(JSON.parse(saved));
 * ```
 */
export function restoreSessionJoin(
  snapshot: SessionJoinSnapshot,
  options: SessionJoinOptions = {},
): SessionJoin {
  if (snapshot?.format !== 'sshtrail.session-join' || snapshot.version !== 1) {
    throw new TypeError('not a sshtrail.session-join snapshot (version 1)');
  }
  return buildJoin(options, snapshot.state as SerializedJoin);
}

function buildJoin(options: SessionJoinOptions, saved: SerializedJoin | undefined): SessionJoin {
  const maxSessions = nonNegative(options.maxSessions, 10_000, 'maxSessions') || 1;
  const maxAudit = nonNegative(options.maxAuditSessions, 10_000, 'maxAuditSessions') || 1;
  const skew = nonNegative(options.clockSkewMs, 2_000, 'clockSkewMs');
  const grace = nonNegative(options.closeGraceMs, 2_000, 'closeGraceMs');
  const tree =
    saved === undefined
      ? createProcessTree(options.processTree ?? {})
      : restoreProcessTree(saved.tree, options.processTree ?? {});
  // A closed session is kept as long as the tree keeps its sshd processes (their idle timeout):
  // until then a descendant may still resolve to it by ancestry.
  const sessions = createSessionIndex(
    maxSessions,
    skew,
    grace,
    resolveTreeOptions(options.processTree ?? {}).idleTimeoutMs,
  );
  const users: UserDirectory = createUserDirectory(4096);
  const audit = new Map<string, Map<number, AuditSession[]>>();
  let auditCount = 0;
  let auditEvicted = 0;
  if (saved !== undefined) {
    sessions.load(saved.sessions.entries, saved.sessions.evicted);
    users.load(saved.users);
    for (const [k, list] of saved.audit) {
      const m = new Map<number, AuditSession[]>();
      for (const [ses, entries] of list) {
        m.set(
          ses,
          entries.map((a) => ({ ...a })),
        );
        auditCount += entries.length;
      }
      audit.set(k, m);
    }
    auditEvicted = saved.auditEvicted;
  }

  const auditHost = (host: string | undefined): Map<number, AuditSession[]> => {
    const k = host === undefined ? ANONYMOUS : host;
    let m = audit.get(k);
    if (m === undefined) {
      m = new Map();
      audit.set(k, m);
    }
    return m;
  };

  const auditAt = (host: string | undefined, ses: number, time: number) => {
    const list = audit.get(host === undefined ? ANONYMOUS : host)?.get(ses);
    if (list === undefined) return undefined;
    for (let i = list.length - 1; i >= 0; i -= 1) {
      const a = list[i];
      if (a === undefined) continue;
      if (a.start - skew <= time)
        return a.end === undefined || time <= a.end + grace ? a : undefined;
    }
    return undefined;
  };

  const openAudit = (host: string | undefined, link: AuditSessionLink): AuditSession => {
    const m = auditHost(host);
    const list = m.get(link.ses) ?? [];
    const same = list.find((a) => a.pid === link.pid && a.end === undefined);
    if (same !== undefined) {
      if (link.auid !== undefined) same.auid = link.auid;
      return same;
    }
    const a: AuditSession = {
      ses: link.ses,
      pid: link.pid,
      start: link.time,
      auid: link.auid,
      acct: undefined,
      end: undefined,
    };
    list.push(a);
    m.delete(link.ses);
    m.set(link.ses, list);
    auditCount += 1;
    while (m.size > maxAudit) {
      const first = m.entries().next();
      if (first.done === true) break;
      m.delete(first.value[0]);
      auditCount -= first.value[1].length;
      auditEvicted += first.value[1].length;
    }
    return a;
  };

  const learnLogin = (e: AuditLoginEvent): void => {
    const ok = e.res !== 'failed';
    if (ok && e.acct !== undefined) {
      const uid = e.id ?? e.auid;
      if (uid !== undefined) users.learn(e.host, uid, e.acct);
    }
    if (e.ses === undefined || e.pid === undefined) return;
    if (END_RECORDS.has(e.recordType)) {
      const a = auditAt(e.host, e.ses, e.time);
      if (a !== undefined && a.pid === e.pid && a.end === undefined) a.end = e.time;
      return;
    }
    if (!ok) return;
    const fromSshd = isSshdProgram(e.exe) || sessions.byPid(e.host, e.pid, e.time) !== undefined;
    if (e.recordType !== 'LOGIN' && !fromSshd) {
      const known = auditAt(e.host, e.ses, e.time);
      if (known !== undefined && known.acct === undefined && e.acct !== undefined) {
        known.acct = e.acct;
      }
      return;
    }
    const a = openAudit(e.host, { ses: e.ses, pid: e.pid, auid: e.auid, time: e.time });
    if (e.acct !== undefined && a.acct === undefined) a.acct = e.acct;
  };

  const sessionOfAudit = (host: string | undefined, a: AuditSession) => {
    const s = sessions.byPid(host, a.pid, a.start) ?? sessions.byPid(host, a.pid, a.start + skew);
    if (s !== undefined && s.user !== undefined && a.auid !== undefined) {
      users.learn(host, a.auid, s.user);
    }
    return s;
  };

  const only = (list: readonly IndexedSession[]): IndexedSession | undefined =>
    list.length === 1 ? list[0] : undefined;

  const match = (s: IndexedSession, method: SessionMatch['method']): SessionMatch => ({
    sessionId: s.id,
    user: s.user,
    method,
  });

  const sessionFor = (host: string | undefined, q: SessionQuery): SessionMatch | undefined => {
    if (q.ses !== undefined) {
      const a = auditAt(host, q.ses, q.time);
      const s = a === undefined ? undefined : sessionOfAudit(host, a);
      if (s !== undefined) return match(s, 'audit_session');
    }
    if (q.pid !== undefined) {
      const id = tree.sessionOf(host, q.pid, q.time);
      const s = id === undefined ? undefined : sessions.get(id);
      if (s !== undefined) return match(s, 'pid_ancestry');
      const direct = sessions.byPid(host, q.pid, q.time);
      if (direct !== undefined) return match(direct, 'pid_ancestry');
    }
    const live = sessions.live(host, q.time);
    if (live.length === 0) return undefined;
    const tty = normalizeTty(q.tty);
    if (tty !== undefined) {
      const s = only(live.filter((x) => x.ttys.includes(tty)));
      if (s !== undefined) return match(s, 'tty');
    }
    const uid = q.auid ?? q.uid;
    const user = uid === undefined ? undefined : users.userOf(host, uid);
    if (user !== undefined) {
      const s = only(live.filter((x) => x.user === user));
      if (s !== undefined) return match(s, 'uid_only');
    }
    return undefined;
  };

  return {
    processes: tree,
    addSession(session) {
      const s = sessions.add(session);
      if (s.monitor !== undefined) {
        tree.anchorSession({ host: s.host, pid: s.monitor, ppid: s.listener, time: s.start }, s.id);
      }
      if (s.child !== undefined) {
        tree.anchorSession(
          { host: s.host, pid: s.child, ppid: s.monitor, time: s.authTime ?? s.start },
          s.id,
        );
      }
    },
    addEvent(event) {
      switch (event.kind) {
        case 'audit.login':
          tree.addEvent(event);
          learnLogin(event);
          return undefined;
        case 'process.exec':
        case 'socket.connect':
        case 'file.access':
        case 'process.ptrace': {
          tree.addEvent(event);
          const m = sessionFor(event.host, {
            pid: event.pid,
            ses: event.ses,
            auid: event.auid,
            uid: event.uid,
            tty: event.tty,
            time: event.time,
          });
          return { event, match: m };
        }
        case 'env.snapshot': {
          tree.addEvent(event);
          const env: EnvSnapshotLike = event;
          const m = sessionFor(env.host, {
            pid: env.pid,
            ses: env.ses,
            auid: env.auid,
            uid: env.uid,
            time: env.time,
          });
          return { event: env, match: m };
        }
        default:
          tree.addEvent(event);
          return undefined;
      }
    },
    addAuditSession(host, link) {
      openAudit(host, link);
    },
    sessionFor,
    userOf(host, uid) {
      return users.userOf(host, uid);
    },
    uidOf(host, user) {
      return users.uidOf(host, user);
    },
    size() {
      return {
        sessions: sessions.size(),
        auditSessions: auditCount,
        processes: tree.size(),
        sessionsEvicted: sessions.evicted(),
        auditSessionsEvicted: auditEvicted,
      };
    },
    snapshot() {
      const state: SerializedJoin = {
        tree: tree.snapshot(),
        sessions: sessions.dump(),
        users: users.dump(),
        audit: [...audit].map(([k, m]) => [k, [...m]] as const),
        auditEvicted,
      };
      return {
        format: 'sshtrail.session-join',
        version: 1,
        state: JSON.parse(JSON.stringify(state)),
      };
    },
  };
}
