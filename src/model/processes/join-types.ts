import type {
  FileAccessEvent,
  ProcessExecEvent,
  ProcessPtraceEvent,
  SocketConnectEvent,
} from '../../events/host.js';
import type { EnvSnapshotLike } from './observations.js';
import type { ProcessTreeOptions } from './tree-options.js';

/**
 * How a process was tied to an SSH session, strongest first:
 * - `audit_session`: its audit `ses` was assigned by the sshd login of that session
 *   (`LOGIN`/`USER_START`/`USER_LOGIN` on the session's sshd pid, or journald `_AUDIT_SESSION`);
 * - `pid_ancestry`: the session's sshd monitor or post-auth child is the process or an ancestor;
 * - `tty`: its terminal is the terminal of exactly one live session on the host;
 * - `uid_only`: its login uid (else uid) names the user of exactly one live session on the host.
 *
 * @example
 * ```ts
 * const strong = (m: JoinMethod) => m === 'audit_session' || m === 'pid_ancestry';
 * ```
 */
export type JoinMethod = 'audit_session' | 'pid_ancestry' | 'tty' | 'uid_only';

/**
 * A session found for a process.
 *
 * @example
 * ```ts
 * const m: SessionMatch = { sessionId: 'bastion/5071/1718035160000', user: 'mallory', method: 'audit_session' };
 * ```
 */
export interface SessionMatch {
  /** The {@link SshSession} id. */
  readonly sessionId: string;
  /** The session's user. */
  readonly user: string | undefined;
  /** How the process was tied to it. */
  readonly method: JoinMethod;
}

/**
 * What is known about the process being placed: any subset of the keys, plus the time.
 *
 * @example
 * ```ts
 * const q: SessionQuery = { pid: 5188, ses: 7, auid: 1001, time: 1718035200123 };
 * ```
 */
export interface SessionQuery {
  /** Process id. */
  readonly pid?: number | undefined;
  /** Audit session id (`ses=`, journald `_AUDIT_SESSION`). */
  readonly ses?: number | undefined;
  /** Audit login uid. */
  readonly auid?: number | undefined;
  /** Real uid. */
  readonly uid?: number | undefined;
  /** Terminal (`pts1`, `pts/1`, `/dev/pts/1`). */
  readonly tty?: string | undefined;
  /** Epoch milliseconds. */
  readonly time: number;
}

/**
 * The host events a session join annotates.
 *
 * @example
 * ```ts
 * const pidOf = (e: JoinableEvent) => e.pid;
 * ```
 */
export type JoinableEvent =
  | ProcessExecEvent
  | SocketConnectEvent
  | FileAccessEvent
  | ProcessPtraceEvent
  | EnvSnapshotLike;

/**
 * A host event with the SSH session it happened in; the event itself is not copied or changed.
 *
 * @example
 * ```ts
 * function label(j: JoinedEvent): string {
 *   return `${j.event.kind} in ${j.match?.sessionId ?? 'no session'}`;
 * }
 * ```
 */
export interface JoinedEvent {
  /** The event, as given. */
  readonly event: JoinableEvent;
  /** Its session, or `undefined` when none could be found. */
  readonly match: SessionMatch | undefined;
}

/**
 * A link between an audit session id and the sshd process that opened it, from a source
 * other than audit records (journald `_AUDIT_SESSION` on an sshd line).
 *
 * @example
 * ```ts
 * const link: AuditSessionLink = { ses: 3, pid: 4410, auid: 1000, time: 1718035100190 };
 * ```
 */
export interface AuditSessionLink {
  /** The audit session id. */
  readonly ses: number;
  /** The sshd process (monitor) whose line carried it. */
  readonly pid: number;
  /** The audit login uid, when known (`_AUDIT_LOGINUID`). */
  readonly auid?: number | undefined;
  /** When it was seen. */
  readonly time: number;
}

/**
 * Limits and tolerances of a session join.
 *
 * @example
 * ```ts
 * const options: SessionJoinOptions = { maxSessions: 5_000, clockSkewMs: 1_000 };
 * ```
 */
export interface SessionJoinOptions {
  /** Options of the join's own process tree. */
  readonly processTree?: ProcessTreeOptions | undefined;
  /** Most sessions indexed (default 10 000; least recently updated go first). */
  readonly maxSessions?: number | undefined;
  /** Most audit sessions remembered per host (default 10 000; oldest first). */
  readonly maxAuditSessions?: number | undefined;
  /** Tolerance between sources' clocks (default 2 000 ms: syslog has second precision). */
  readonly clockSkewMs?: number | undefined;
  /** How long after its end a session still takes events (default 2 000 ms). */
  readonly closeGraceMs?: number | undefined;
}

/**
 * What a session join dropped or holds.
 *
 * @example
 * ```ts
 * const s: SessionJoinSize = { sessions: 1, auditSessions: 2, processes: 9, sessionsEvicted: 0, auditSessionsEvicted: 0 };
 * ```
 */
export interface SessionJoinSize {
  /** Sessions indexed. */
  readonly sessions: number;
  /** Audit sessions remembered. */
  readonly auditSessions: number;
  /** Process records in the tree. */
  readonly processes: number;
  /** Sessions dropped by `maxSessions`. */
  readonly sessionsEvicted: number;
  /** Audit sessions dropped by `maxAuditSessions`. */
  readonly auditSessionsEvicted: number;
}
