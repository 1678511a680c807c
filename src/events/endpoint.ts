import type { EventBase } from './base.js';
import type {
  FileAccessEvent,
  ProcessExecEvent,
  ProcessPtraceEvent,
  SocketConnectEvent,
} from './host.js';

/**
 * The endpoint agent an event came from.
 *
 * @example
 * ```ts
 * const origin: EndpointOrigin = 'sysmon';
 * ```
 */
export type EndpointOrigin = 'sysmon' | 'osquery';

/**
 * An osquery result row's action: `added`/`removed` (differential results) or `snapshot`
 * (the whole table each run).
 *
 * @example
 * ```ts
 * const a: OsqueryAction = 'added';
 * ```
 */
export type OsqueryAction = 'added' | 'removed' | 'snapshot';

/**
 * What an endpoint agent (Sysmon for Linux, osquery) says about the acting process beyond
 * what an audit record carries. Every text is as logged (`-` and `(null)` become
 * `undefined`).
 *
 * @example
 * ```ts
 * function who(e: EndpointProcessExecEvent): string {
 *   return `${e.endpoint.user ?? String(e.uid)} ran ${e.endpoint.commandLine ?? e.argv.join(' ')}`;
 * }
 * ```
 */
export interface EndpointProcess {
  /** The agent. */
  readonly origin: EndpointOrigin;
  /** Sysmon `EventID` (1, 3, 5, 9, 10, 11, 23); `undefined` for osquery. */
  readonly eventId: number | undefined;
  /** osquery query name (`name`); `undefined` for Sysmon. */
  readonly query: string | undefined;
  /** osquery row action; `undefined` for Sysmon. */
  readonly action: OsqueryAction | undefined;
  /** The user name as logged (Sysmon `User`; osquery rows carry uids only). */
  readonly user: string | undefined;
  /** The raw command line (Sysmon `CommandLine`, osquery `cmdline`), before splitting into `argv`. */
  readonly commandLine: string | undefined;
  /** Sysmon `ProcessGuid`. */
  readonly processGuid: string | undefined;
  /** Parent executable (Sysmon `ParentImage`). */
  readonly parentExe: string | undefined;
  /** Parent command line (Sysmon `ParentCommandLine`). */
  readonly parentCommandLine: string | undefined;
  /** Sysmon `ParentProcessGuid`. */
  readonly parentProcessGuid: string | undefined;
  /** Sysmon `ParentUser`. */
  readonly parentUser: string | undefined;
  /** Sysmon `LogonId` as logged (on Linux a uid-like number). */
  readonly logonId: string | undefined;
  /** Sysmon `RuleName` (may hold `TechniqueID=...,TechniqueName=...`). */
  readonly ruleName: string | undefined;
}

/** A `process.exec` from an endpoint agent: Sysmon event 1 or an osquery `process_events` row. */
export interface EndpointProcessExecEvent extends ProcessExecEvent {
  /** The agent's view of the process. */
  readonly endpoint: EndpointProcess;
}

/**
 * A `socket.connect` from an endpoint agent: Sysmon event 3 (TCP/UDP only) or an osquery
 * `socket_events` row (AF_UNIX too, with `--audit_allow_unix`).
 */
export interface EndpointSocketConnectEvent extends SocketConnectEvent {
  /** The agent's view of the process. */
  readonly endpoint: EndpointProcess;
  /** Local address (Sysmon `SourceIp` when the process initiated; osquery `local_address`). */
  readonly localAddress: string | undefined;
  /** Local port. */
  readonly localPort: number | undefined;
  /** Transport as logged (`tcp`, `udp`; osquery protocol number as text). */
  readonly protocol: string | undefined;
  /** True when the process initiated the connection (Sysmon `Initiated`, osquery `connect`). */
  readonly initiated: boolean | undefined;
}

/** A `file.access` from Sysmon: event 11 (create), 23 (delete) or 9 (raw device read). */
export interface EndpointFileAccessEvent extends FileAccessEvent {
  /** The agent's view of the process. */
  readonly endpoint: EndpointProcess;
}

/** A `process.ptrace` from Sysmon event 10 (ProcessAccess: `PTRACE_ATTACH`/`PTRACE_SEIZE` only). */
export interface EndpointPtraceEvent extends ProcessPtraceEvent {
  /** The agent's view of the tracing (source) process. */
  readonly endpoint: EndpointProcess;
  /** The traced process's executable (`TargetImage`). */
  readonly targetExe: string | undefined;
  /** The traced process's user name (`TargetUser`). */
  readonly targetUser: string | undefined;
  /** The traced process's GUID (`TargetProcessGUID`). */
  readonly targetProcessGuid: string | undefined;
  /** `GrantedAccess` as logged. */
  readonly grantedAccess: string | undefined;
}

/** A process end (Sysmon event 5, ProcessTerminate). `pid` is the process that ended. */
export interface ProcessExitEvent extends EventBase {
  /** Discriminant. */
  readonly kind: 'process.exit';
  /** The executable, when known (`(null)` becomes `undefined`). */
  readonly exe: string | undefined;
  /** The agent's view of the process. */
  readonly endpoint: EndpointProcess;
}

/** One environment variable of a process. */
export interface EnvVariable {
  /** Variable name. */
  readonly key: string;
  /** Value as logged. */
  readonly value: string;
}

/**
 * A process's environment as an endpoint agent saw it (osquery `process_envs`, one row
 * per variable). `pid` is the process the environment belongs to.
 */
export interface EnvSnapshotEvent extends EventBase {
  /** Discriminant. */
  readonly kind: 'env.snapshot';
  /** The agent. */
  readonly origin: EndpointOrigin;
  /** osquery query name. */
  readonly query: string | undefined;
  /** osquery row action. */
  readonly action: OsqueryAction | undefined;
  /** The variables seen. */
  readonly variables: readonly EnvVariable[];
  /** `SSH_AUTH_SOCK`, when among `variables`: the agent socket this process would use. */
  readonly sshAuthSock: string | undefined;
}

/**
 * utmp `ut_type`: `empty`, `run_level`, `boot_time`, `new_time`, `old_time`, `init_process`,
 * `login_process`, `user_process` (a login), `dead_process` (a logout), `accounting`, or
 * `unknown` (any other number).
 *
 * @example
 * ```ts
 * const t: LoginRecordType = 'user_process';
 * ```
 */
export type LoginRecordType =
  | 'empty'
  | 'run_level'
  | 'boot_time'
  | 'new_time'
  | 'old_time'
  | 'init_process'
  | 'login_process'
  | 'user_process'
  | 'dead_process'
  | 'accounting'
  | 'unknown';

/**
 * Where a login record was read: a utmp-format file, or an osquery table built from one
 * (`last` reads wtmp, `logged_in_users` reads utmp).
 *
 * @example
 * ```ts
 * const o: LoginRecordOrigin = 'btmp';
 * ```
 */
export type LoginRecordOrigin =
  | 'utmp'
  | 'wtmp'
  | 'btmp'
  | 'osquery_last'
  | 'osquery_logged_in_users';

/**
 * One login accounting record (utmp/wtmp/btmp, or osquery `last`/`logged_in_users`).
 * `pid` is `ut_pid`. A `user_process` record is a login; the `dead_process` record with the
 * same `tty` is its logout; `boot_time` closes every open login. Every btmp record is a
 * failed login (`failed: true`).
 */
export interface LoginRecordEvent extends EventBase {
  /** Discriminant. */
  readonly kind: 'login.record';
  /** The file kind or osquery table. */
  readonly origin: LoginRecordOrigin;
  /** The record type. */
  readonly recordType: LoginRecordType;
  /** The record type number as stored. */
  readonly typeCode: number | undefined;
  /** True for btmp (failed login attempts). */
  readonly failed: boolean;
  /** `ut_user` (`reboot`, `runlevel`, `LOGIN` for special records; attacker-chosen in btmp). */
  readonly user: string | undefined;
  /** `ut_line` without `/dev/` (`pts/0`, `tty1`, `ssh:notty`, `~`). */
  readonly tty: string | undefined;
  /** `ut_id` (inittab id or tty suffix). */
  readonly ttyId: string | undefined;
  /** `ut_host` as stored: remote host name or IP, `:0`, the kernel version for boot records. */
  readonly remoteHost: string | undefined;
  /** Canonical IP from `ut_addr_v6` (or from `remoteHost` when it is an IP and the address is zero). */
  readonly address: string | undefined;
  /** `ut_session`. */
  readonly sessionId: number | undefined;
  /** `ut_exit.e_termination`. */
  readonly termination: number | undefined;
  /** `ut_exit.e_exit`. */
  readonly exitStatus: number | undefined;
  /** Microseconds of the record time (`ut_tv.tv_usec`); `time` keeps milliseconds. */
  readonly microseconds: number;
  /** osquery row action, for osquery rows. */
  readonly action: OsqueryAction | undefined;
}

/** Which osquery table an inventory row came from. */
export type SshKeyInventoryTable = 'user_ssh_keys' | 'authorized_keys';

/**
 * One SSH key file entry on a host: a private key (osquery `user_ssh_keys`) or an
 * `authorized_keys` line (osquery `authorized_keys`). `added` rows of a scheduled query are
 * new keys since the last run.
 */
export interface SshKeyInventoryEvent extends EventBase {
  /** Discriminant. */
  readonly kind: 'ssh.key_inventory';
  /** The osquery table. */
  readonly table: SshKeyInventoryTable;
  /** osquery query name. */
  readonly query: string | undefined;
  /** osquery row action. */
  readonly action: OsqueryAction;
  /** Owner uid of the key file. */
  readonly uid: number | undefined;
  /** The key file (`path` or `key_file`). */
  readonly path: string | undefined;
  /** Key type (`key_type`, e.g. `ssh-ed25519`) or algorithm (`algorithm`). */
  readonly keyType: string | undefined;
  /** The public key blob (authorized_keys `key`). */
  readonly key: string | undefined;
  /** authorized_keys options (`command=...,from=...`). */
  readonly options: string | undefined;
  /** authorized_keys comment. */
  readonly comment: string | undefined;
  /** Whether a private key is passphrase-protected (`encrypted`). */
  readonly encrypted: boolean | undefined;
  /** Key size in bits (`key_length`). */
  readonly keyLength: number | undefined;
}

/**
 * One option line of an ssh client configuration (osquery `ssh_configs`): e.g.
 * `controlpath ~/.ssh/cm-%r@%h:%p` in block `host *` of `/home/alice/.ssh/config`.
 */
export interface SshConfigEvent extends EventBase {
  /** Discriminant. */
  readonly kind: 'ssh.config';
  /** osquery query name. */
  readonly query: string | undefined;
  /** osquery row action. */
  readonly action: OsqueryAction;
  /** Owner uid of the configuration (`uid`; system-wide files carry `0`). */
  readonly uid: number | undefined;
  /** The `Host`/`Match` block the option belongs to (`block`). */
  readonly block: string | undefined;
  /** The option line as logged (`option`, e.g. `controlmaster auto`). */
  readonly option: string;
  /** The option's name, lower-cased (`controlmaster`). */
  readonly name: string;
  /** The option's value (the rest of `option`). */
  readonly value: string;
  /** The file (`ssh_config_file`). */
  readonly file: string | undefined;
}

/**
 * The endpoint-agent and login-accounting events that are not audit kinds. The endpoint
 * variants of `process.exec`, `socket.connect`, `file.access` and `process.ptrace` are
 * subtypes of the audit kinds, so they are already in `HostEvent`.
 *
 * @example
 * ```ts
 * function label(e: EndpointEvent): string {
 *   return e.kind === 'login.record' ? `${e.recordType} ${e.user ?? ''}` : e.kind;
 * }
 * ```
 */
export type EndpointEvent =
  | ProcessExitEvent
  | EnvSnapshotEvent
  | LoginRecordEvent
  | SshKeyInventoryEvent
  | SshConfigEvent;
