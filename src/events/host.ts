import type { EventBase } from './base.js';
import type { Provenance } from './provenance.js';

/**
 * Fields every event assembled from Linux audit records carries. `program` is always
 * `'auditd'` (the log that was read); the acting process is named by `exe`/`comm`, and
 * `pid` is that process's pid. `timeBasis` is `{ year: 'line', zone: 'line' }`: audit
 * stamps are UTC epoch milliseconds.
 *
 * @example
 * ```ts
 * function lines(e: AuditEventBase): string {
 *   return e.evidence.map((p) => `${p.source}:${p.line}`).join(', ');
 * }
 * ```
 */
export interface AuditEventBase extends EventBase {
  /** The event serial (`msg=audit(TIME:SERIAL)`, Sysmon `EventRecordID`, osquery `eid`), when the source has one. */
  readonly serial: number | undefined;
  /** Every record line of the event in arrival order, `EOE` included; `source` is the first. */
  readonly evidence: readonly Provenance[];
}

/**
 * One `PATH` record of a syscall event: a file name the syscall touched and, when the
 * inode was resolved, its owner. For an `AF_UNIX` `connect()` this is the socket inode,
 * so `ouid` is the socket owner.
 *
 * @example
 * ```ts
 * const item: AuditPathItem = {
 *   path: '/tmp/ssh-XXXXabcdef/agent.4242', inode: 1234, mode: 0o140600,
 *   ouid: 1000, ogid: 1000, nametype: 'NORMAL',
 * };
 * ```
 */
export interface AuditPathItem {
  /** `name=` as logged (hex decoded; relative names are not resolved). */
  readonly path: string | undefined;
  /** `inode=`, when the inode was resolved. */
  readonly inode: number | undefined;
  /** `mode=` (octal in the log) as a number, file type bits included (`0o140000` is a socket). */
  readonly mode: number | undefined;
  /** Owner uid of the inode (`ouid=`). */
  readonly ouid: number | undefined;
  /** Owner gid of the inode (`ogid=`). */
  readonly ogid: number | undefined;
  /** `nametype=` (`NORMAL`, `PARENT`, `CREATE`, `DELETE`, `UNKNOWN`...). */
  readonly nametype: string | undefined;
}

/**
 * The process context of a kernel `SYSCALL` record, shared by the syscall-based kinds.
 * Ids are `undefined` when absent or unset (`4294967295` / `-1`).
 *
 * @example
 * ```ts
 * function crossUid(s: AuditSubject): boolean {
 *   return s.paths.some((p) => p.ouid !== undefined && p.ouid !== s.euid);
 * }
 * ```
 */
export interface AuditSubject {
  /** Parent pid (`ppid=`). */
  readonly ppid: number | undefined;
  /** Real uid. */
  readonly uid: number | undefined;
  /** Effective uid. */
  readonly euid: number | undefined;
  /** Audit (login) uid: who logged in, kept across su/sudo. `undefined` when unset. */
  readonly auid: number | undefined;
  /** Audit session id (`ses=`), assigned at login. `undefined` when unset. */
  readonly ses: number | undefined;
  /** Executable path (hex decoded). */
  readonly exe: string | undefined;
  /** Command name (`comm=`, at most 16 bytes, set by the process itself). */
  readonly comm: string | undefined;
  /** Controlling terminal as logged (`pts0`), `undefined` for `(none)`. */
  readonly tty: string | undefined;
  /** Audit rule key (`key=`; several keys joined with `,`), `undefined` for `(null)`. */
  readonly key: string | undefined;
  /** `success=yes` (true) or `success=no` (false). */
  readonly success: boolean | undefined;
  /** Syscall return value (`exit=`); negative values are `-errno`. */
  readonly exit: number | undefined;
  /** Syscall name (`connect`, `execve`...), or `syscall_<n>` when the number is not known. */
  readonly syscall: string;
  /** Working directory from the `CWD` record. */
  readonly cwd: string | undefined;
  /** The event's `PATH` records in `item` order. */
  readonly paths: readonly AuditPathItem[];
}

/** A program execution: `SYSCALL` execve/execveat with `EXECVE`, `CWD`, `PATH`, `PROCTITLE`. */
export interface ProcessExecEvent extends AuditEventBase, AuditSubject {
  /** Discriminant. */
  readonly kind: 'process.exec';
  /** The arguments (from `EXECVE`, or the `PROCTITLE` when no `EXECVE` record was logged). */
  readonly argv: readonly string[];
  /** True when `argv` is known to be incomplete (`PROCTITLE` fallback, missing chunks or arguments). */
  readonly argvTruncated: boolean;
}

/** Address family of a `SOCKADDR` record. */
export type SocketFamily = 'unix' | 'inet' | 'inet6' | 'other';

/**
 * A socket syscall with its address: `connect`, `bind`, `accept`, `accept4`, or a
 * `sendto`/`sendmsg`/`recvfrom`/`recvmsg` carrying a unix or inet address.
 */
export interface SocketConnectEvent extends AuditEventBase, AuditSubject {
  /** Discriminant. */
  readonly kind: 'socket.connect';
  /** Address family from `saddr`; `other` for netlink and the rest, or when there is no `SOCKADDR`. */
  readonly family: SocketFamily;
  /** AF_UNIX path; abstract names as `@name`; relative paths joined to `cwd` when it is known. */
  readonly path: string | undefined;
  /** Canonical IP address for AF_INET/AF_INET6. */
  readonly address: string | undefined;
  /** Port for AF_INET/AF_INET6. */
  readonly port: number | undefined;
}

/** What a file syscall did, from its name and (for opens) its flags. */
export type FileOperation =
  | 'open'
  | 'read'
  | 'write'
  | 'create'
  | 'unlink'
  | 'rename'
  | 'link'
  | 'chmod'
  | 'chown'
  | 'truncate'
  | 'mkdir'
  | 'rmdir'
  | 'mknod';

/** A file syscall (`open`, `openat`, `unlink`, `rename`, `chmod`...) with its `PATH` records. */
export interface FileAccessEvent extends AuditEventBase, AuditSubject {
  /** Discriminant. */
  readonly kind: 'file.access';
  /** What was done; opens are `read`/`write` from their flags (`open` when the flags are unknown). */
  readonly op: FileOperation;
  /** The main path: the last non-`PARENT` `PATH` name, joined to `cwd` when relative. */
  readonly path: string | undefined;
}

/** A `ptrace()` call (debuggers, `strace`, `reptyr`, injection tools). */
export interface ProcessPtraceEvent extends AuditEventBase, AuditSubject {
  /** Discriminant. */
  readonly kind: 'process.ptrace';
  /** The request number (`a0`), e.g. `16` PTRACE_ATTACH, `16902` PTRACE_SEIZE. */
  readonly request: number | undefined;
  /** The request name (`attach`, `seize`, `poketext`, ...), `undefined` when not known. */
  readonly requestName: string | undefined;
  /** The traced pid (`OBJ_PID opid=`, else `a1`). */
  readonly targetPid: number | undefined;
  /** The traced process's uid (`OBJ_PID ouid=`). */
  readonly targetUid: number | undefined;
  /** The traced process's audit uid (`oauid=`). */
  readonly targetAuid: number | undefined;
  /** The traced process's audit session (`oses=`). */
  readonly targetSes: number | undefined;
  /** The traced process's `comm` (`ocomm=`). */
  readonly targetComm: string | undefined;
}

/**
 * A user-space login or credential record (`USER_AUTH`, `USER_ACCT`, `CRED_ACQ`,
 * `USER_START`, `USER_LOGIN`, `USER_END`, `USER_LOGOUT`, `CRED_DISP`, `CRED_REFR`,
 * `CRYPTO_KEY_USER`, `CRYPTO_SESSION`, `USER_CMD`, `USER_ERR`, `USER_ROLE_CHANGE`,
 * `USER_CHAUTHTOK`, `USER_MGMT`, `ADD_USER`, `DEL_USER`, `ADD_GROUP`, `DEL_GROUP`,
 * `GRP_MGMT`), or the kernel `LOGIN` record that sets `auid`/`ses`.
 */
export interface AuditLoginEvent extends AuditEventBase {
  /** Discriminant. */
  readonly kind: 'audit.login';
  /** The record type (`USER_LOGIN`, `LOGIN`...). */
  readonly recordType: string;
  /** Uid of the writing process. */
  readonly uid: number | undefined;
  /** Audit uid (for `LOGIN`: the new one). `undefined` when unset. */
  readonly auid: number | undefined;
  /** Audit session id (for `LOGIN`: the new one). `undefined` when unset. */
  readonly ses: number | undefined;
  /** `LOGIN` only: the audit uid before. */
  readonly oldAuid: number | undefined;
  /** `LOGIN` only: the session id before. */
  readonly oldSes: number | undefined;
  /** The account (`acct=`, hex decoded; client-controlled on failed logins). */
  readonly acct: string | undefined;
  /** Numeric account id (`id=` on `USER_LOGIN` success and user management). */
  readonly id: number | undefined;
  /** The writing program (`exe=`; for `LOGIN`, from the event's `SYSCALL`). */
  readonly exe: string | undefined;
  /** `hostname=` as logged (`undefined` for `?`). */
  readonly hostname: string | undefined;
  /** Canonical IP from `addr=` (`undefined` for `?` or a non-IP). */
  readonly addr: string | undefined;
  /** `terminal=` (`ssh`, `/dev/pts/1`, `cron`...), or `tty=` for `LOGIN`. */
  readonly terminal: string | undefined;
  /** `res=success|failed`, or kernel `res=1|0`. */
  readonly res: 'success' | 'failed' | undefined;
  /** `op=` (`PAM:authentication`, `login`, `pubkey`...), or the legacy `PAM: ...` phrase. */
  readonly op: string | undefined;
  /** `USER_CMD` only: the command (`cmd=`, hex decoded). */
  readonly cmd: string | undefined;
}

/** One `key=value` pair of a record, value decoded. */
export interface AuditFieldValue {
  /** The field name as logged. */
  readonly key: string;
  /** The value (quotes removed, hex decoded for the encoded fields). */
  readonly value: string;
}

/** An `ANOM_*` record (`ANOM_PROMISCUOUS`, `ANOM_ABEND`, `ANOM_LOGIN_FAILURES`...). */
export interface AuditAnomalyEvent extends AuditEventBase {
  /** Discriminant. */
  readonly kind: 'audit.anomaly';
  /** The record type. */
  readonly recordType: string;
  /** Uid of the process. */
  readonly uid: number | undefined;
  /** Audit uid, `undefined` when unset. */
  readonly auid: number | undefined;
  /** Audit session id, `undefined` when unset. */
  readonly ses: number | undefined;
  /** Executable (from the record, else the event's `SYSCALL`). */
  readonly exe: string | undefined;
  /** `comm` (from the record, else the event's `SYSCALL`). */
  readonly comm: string | undefined;
  /** Every field of the `ANOM_*` record, in order. */
  readonly fields: readonly AuditFieldValue[];
}

/**
 * Every host-telemetry event (from Linux audit).
 *
 * @example
 * ```ts
 * function who(e: HostEvent): string {
 *   return e.kind === 'audit.login' ? (e.acct ?? '?') : String(e.pid);
 * }
 * ```
 */
export type HostEvent =
  | ProcessExecEvent
  | SocketConnectEvent
  | FileAccessEvent
  | ProcessPtraceEvent
  | AuditLoginEvent
  | AuditAnomalyEvent;
