import type { Provenance } from '../events/provenance.js';
import type { SshChannelType, SshDisconnectReason, SshKey } from '../events/ssh.js';

/**
 * Why a session ended: an sshd disconnect reason, or the line that told us instead.
 *
 * - the {@link SshDisconnectReason} values: an sshd connection-end line (`Received disconnect`,
 *   `Disconnected from user`, `Connection closed by`, a listener `session process N ... killed`...);
 * - `pam_session_closed`: `pam_unix(sshd:session): session closed` on the monitor pid;
 * - `logind_logged_out` / `logind_removed`: systemd-logind ended the linked login session;
 * - `pid_reused`: a new connection appeared on the monitor pid, so the old session had ended
 *   unseen (its end is then `partial`).
 *
 * @example
 * ```ts
 * const reason: SessionEndReason = 'pam_session_closed';
 * ```
 */
export type SessionEndReason =
  | SshDisconnectReason
  | 'pam_session_closed'
  | 'logind_logged_out'
  | 'logind_removed'
  | 'pid_reused';

/**
 * One `Starting session` channel of a connection (VERBOSE logs only).
 *
 * @example
 * ```ts
 * const channel: SessionChannel = {
 *   number: 1, type: 'shell', subsystem: undefined, tty: 'pts/1',
 *   startTime: 1717243200000, endTime: undefined, multiplexed: true,
 * };
 * ```
 */
export interface SessionChannel {
  /** sshd's per-connection session number (`id N`), when logged (7.2+). */
  readonly number: number | undefined;
  /** Channel type; `undefined` when only its `Close session` line was seen. */
  readonly type: SshChannelType | undefined;
  /** Subsystem name (`sftp`) or forced command text, when logged. */
  readonly subsystem: string | undefined;
  /** Terminal (`pts/0`) when one was allocated. */
  readonly tty: string | undefined;
  /** `Starting session` time; `undefined` when it was outside the logs. */
  readonly startTime: number | undefined;
  /** `Close session` time; `undefined` while open or when never logged. */
  readonly endTime: number | undefined;
  /** True for a channel numbered above 0 (or a second channel) on an already authenticated connection: ControlMaster multiplexing. */
  readonly multiplexed: boolean;
}

/**
 * How a privilege change was tied to its session.
 * - `tty`: the sudo/su terminal equals the session's terminal;
 * - `user`: the invoking user had exactly one open session on that host.
 */
export type PrivilegeAttachment = 'tty' | 'user';

/**
 * A sudo or su decision made inside a session.
 *
 * @example
 * ```ts
 * const change: PrivilegeChange = {
 *   time: 1717243260000, kind: 'sudo', user: 'alice', target: 'root', command: '/usr/bin/id',
 *   tty: 'pts/0', outcome: 'allowed', pid: 4242, attachedBy: 'tty',
 *   evidence: { source: 'auth.log', line: 9, text: 'Jun  1 12:01:00 web1 sudo: alice : TTY=pts/0 ; ...' },
 * };
 * ```
 */
export interface PrivilegeChange {
  /** When it happened (epoch ms). */
  readonly time: number;
  /** `sudo` (a `priv.sudo` line) or `su` (a `priv.su` line or `pam_unix(su:session): session opened`). */
  readonly kind: 'sudo' | 'su';
  /** The invoking user, when logged. */
  readonly user: string | undefined;
  /** The target user (`USER=` for sudo, the su target). */
  readonly target: string | undefined;
  /** The sudo command line; `undefined` for su. */
  readonly command: string | undefined;
  /** The terminal, when logged. */
  readonly tty: string | undefined;
  /** sudo's outcome (`allowed`, `not_in_sudoers`...) or su's (`success`, `failure`). */
  readonly outcome: string;
  /** The sudo/su process id, when logged. */
  readonly pid: number | undefined;
  /** How it was tied to the session. */
  readonly attachedBy: PrivilegeAttachment;
  /** The line it came from. */
  readonly evidence: Provenance;
}

/**
 * How many items a session had to drop to stay within the tracker's caps.
 *
 * @example
 * ```ts
 * const none: SessionTruncation = { evidence: 0, channels: 0, privilegeChanges: 0 };
 * ```
 */
export interface SessionTruncation {
  /** Evidence lines not kept (the first `maxEvidence - 1` lines and the latest one are kept). */
  readonly evidence: number;
  /** Channels not kept. */
  readonly channels: number;
  /** Privilege changes not kept. */
  readonly privilegeChanges: number;
}

/**
 * One authenticated SSH connection on one host, rebuilt from its log lines. Plain readonly
 * JSON data: the CLI writes it as one JSONL record (`"type":"session"` added), so the field
 * names are an output contract. Fields that were never logged are `undefined`.
 *
 * @example
 * ```ts
 * const session: SshSession = {
 *   id: 'web1/4242/1717243200000', host: 'web1', state: 'closed',
 *   user: 'alice', sourceIp: '198.51.100.7', sourceName: undefined, sourcePort: 50022,
 *   localIp: undefined, localPort: undefined,
 *   authMethod: 'publickey', key: { type: 'ED25519', fingerprint: 'SHA256:abc', certificate: undefined },
 *   keyLocation: undefined, failedAttempts: 0, failedAttemptsOnConnection: 0,
 *   pids: { monitor: 4242, child: 4250, listener: undefined },
 *   startTime: 1717243200000, authTime: 1717243200000, endTime: 1717243500000,
 *   lastSeenTime: 1717243500000, durationMs: 300000, endReason: 'received_disconnect',
 *   tty: 'pts/0', channels: [], agentForwarding: undefined, x11Forwarding: undefined,
 *   portForwarding: undefined, privilegeChanges: [], logindSessionId: '12', bytes: undefined,
 *   partial: { start: false, end: false }, evidence: [],
 *   truncated: { evidence: 0, channels: 0, privilegeChanges: 0 },
 * };
 * ```
 */
export interface SshSession {
  /** Stable id: `<host or ->/<monitor pid, else child pid, else port<N>>/<startTime>`. */
  readonly id: string;
  /** Host name, `undefined` for the anonymous host. */
  readonly host: string | undefined;
  /** `open` until an end line is seen (or inferred), then `closed`. */
  readonly state: 'open' | 'closed';
  /** The authenticated account. */
  readonly user: string | undefined;
  /** Canonical client IP. */
  readonly sourceIp: string | undefined;
  /** Client host name when sshd logged a name instead of an IP (UseDNS). */
  readonly sourceName: string | undefined;
  /** Client TCP port. */
  readonly sourcePort: number | undefined;
  /** Server address the client connected to (`Connection from ... on IP port N`, VERBOSE). */
  readonly localIp: string | undefined;
  /** Server port the client connected to (VERBOSE). */
  readonly localPort: number | undefined;
  /** Authentication method, with `/submethod` when logged (`keyboard-interactive/pam`). */
  readonly authMethod: string | undefined;
  /** The accepted key (publickey/hostbased). */
  readonly key: SshKey | undefined;
  /** `FILE:LINE` of the authorized_keys entry that matched (`Accepted key ... found at`, VERBOSE). */
  readonly keyLocation: string | undefined;
  /**
   * Failed attempts before the success: the larger of the failures on this connection and the
   * failures from the same source IP on this host within `failureWindowMs` before the success
   * (any connection, any user; at INFO level each attempt may be its own connection).
   */
  readonly failedAttempts: number;
  /** Failed attempts on this very connection (same monitor pid) before the success. */
  readonly failedAttemptsOnConnection: number;
  /** sshd process ids: per-connection monitor (P1), post-auth child (P2), listener (P0). */
  readonly pids: {
    /** The per-connection monitor (`sshd`/`sshd-session` `[priv]`). */
    readonly monitor: number | undefined;
    /** The post-auth child running as the user. */
    readonly child: number | undefined;
    /** The listener, when one of its lines named this connection or it logged `Server listening`. */
    readonly listener: number | undefined;
  };
  /** First line of the connection (`Connection from`, else the success, else the first line seen). */
  readonly startTime: number;
  /** Time of the `Accepted` line, when seen. */
  readonly authTime: number | undefined;
  /** Time of the first definitive end line (see {@link SessionEndReason}). */
  readonly endTime: number | undefined;
  /** Time of the latest line that contributed. */
  readonly lastSeenTime: number;
  /** `endTime - startTime` once closed, `lastSeenTime - startTime` while open; never negative. */
  readonly durationMs: number;
  /** Why it ended, once closed. */
  readonly endReason: SessionEndReason | undefined;
  /** The first terminal allocated to the connection (`Starting session: shell on pts/0`). */
  readonly tty: string | undefined;
  /** The `Starting session` channels, in order. */
  readonly channels: readonly SessionChannel[];
  /** Agent forwarding requested and allowed; `false` only when DEBUG logs showed the channel requests; else `undefined`. */
  readonly agentForwarding: boolean | undefined;
  /** X11 forwarding, same rules as `agentForwarding`. */
  readonly x11Forwarding: boolean | undefined;
  /** TCP/streamlocal port forwarding, same rules (a refused forward alone gives `false`). */
  readonly portForwarding: boolean | undefined;
  /** sudo/su decisions attached to this session, in time order. */
  readonly privilegeChanges: readonly PrivilegeChange[];
  /** The systemd-logind session id (`New session N of user U.`). */
  readonly logindSessionId: string | undefined;
  /** `Transferred: sent N, received M bytes` (VERBOSE, not logged on client disconnect). */
  readonly bytes: { readonly sent: number; readonly received: number } | undefined;
  /** Whether the session's start or end lies outside the logs seen (rotation, restart, end of input). */
  readonly partial: { readonly start: boolean; readonly end: boolean };
  /** Every line that contributed, in order (capped; see `truncated`). */
  readonly evidence: readonly Provenance[];
  /** What the caps dropped. */
  readonly truncated: SessionTruncation;
}
