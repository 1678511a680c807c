import type { EventBase } from './base.js';

/**
 * Markers sshd puts around a message: the `error:`/`fatal:`/`debugN:` prefix and the
 * `[preauth]` suffix the monitor adds to lines relayed from the pre-auth child.
 */
export interface SshdMarkers {
  /** The level prefix as written (`error`, `fatal`, `debug1`...), or `undefined` for none. */
  readonly prefix: 'error' | 'fatal' | 'debug1' | 'debug2' | 'debug3' | undefined;
  /** True when the line ended in `[preauth]` (or `[postauth]`): relayed by the monitor. */
  readonly preauth: boolean;
}

/**
 * The remote peer of an sshd message. `sourceIp` is canonical (see {@link canonicalIp});
 * `sourceName` holds a host name when sshd logged one instead (UseDNS) or the address did
 * not parse strictly.
 */
export interface SshPeer {
  /** Canonical IP address of the peer, or `undefined` when only a name was logged. */
  readonly sourceIp: string | undefined;
  /** Host name as logged when the peer is not an IP address (UseDNS), else `undefined`. */
  readonly sourceName: string | undefined;
  /** Peer TCP port, when logged. */
  readonly sourcePort: number | undefined;
}

/**
 * A public key (or certificate) as sshd logged it.
 *
 * @example
 * ```ts
 * const key: SshKey = { type: 'ED25519', fingerprint: 'SHA256:abc', certificate: undefined };
 * ```
 */
export interface SshKey {
  /** Key type as logged: `RSA`, `ED25519`, `ECDSA`, `ED25519-CERT`... */
  readonly type: string;
  /** `SHA256:<base64>` or legacy MD5 `aa:bb:...` fingerprint. */
  readonly fingerprint: string;
  /** Certificate details when the key was a certificate. */
  readonly certificate: SshCertificate | undefined;
}

/**
 * Certificate details from `ID <id> (serial <n>) CA <type> <fp>`.
 */
export interface SshCertificate {
  /** The certificate key id (client-chosen at signing, so treat as data). */
  readonly id: string;
  /** Certificate serial number as a decimal string (it is a 64-bit value). */
  readonly serial: string;
  /** CA key type. */
  readonly caType: string;
  /** CA key fingerprint. */
  readonly caFingerprint: string;
}

/** `Connection from IP port P on LIP port LP` (VERBOSE). */
export interface SshConnectionEvent extends EventBase, SshdMarkers, SshPeer {
  /** Discriminant. */
  readonly kind: 'ssh.connection';
  /** Local (server) address the client connected to, when logged. */
  readonly localIp: string | undefined;
  /** Local (server) port, when logged. */
  readonly localPort: number | undefined;
}

/**
 * The outcome of an authentication message.
 * - `success`: `Accepted ...`
 * - `failure`: `Failed ...`, PAM `Authentication failure`
 * - `partial`: `Partial ...` (one of several required methods passed)
 * - `postponed`: `Postponed ...`
 * - `invalid_user`: `Invalid user X from IP` / `input_userauth_request: invalid user X`
 * - `not_allowed`: AllowUsers/DenyUsers/groups, locked account, bad shell
 * - `max_attempts`: `maximum authentication attempts exceeded`
 * - `refused`: `ROOT LOGIN REFUSED`, `Authentication refused`, PAM account denials
 * - `key_found`: `Accepted key T FP found at FILE:LINE` (names the authorized_keys line)
 */
export type SshAuthOutcome =
  | 'success'
  | 'failure'
  | 'partial'
  | 'postponed'
  | 'invalid_user'
  | 'not_allowed'
  | 'max_attempts'
  | 'refused'
  | 'key_found';

/** An authentication step of sshd. */
export interface SshAuthEvent extends EventBase, SshdMarkers, SshPeer {
  /** Discriminant. */
  readonly kind: 'ssh.auth';
  /** What happened. */
  readonly outcome: SshAuthOutcome;
  /** Auth method (`password`, `publickey`, `keyboard-interactive`, `hostbased`, `gssapi-with-mic`, `none`), when logged. */
  readonly method: string | undefined;
  /** Sub-method after `/` (e.g. `pam` in `keyboard-interactive/pam`). */
  readonly submethod: string | undefined;
  /** The account name as logged (attacker-controlled; `\ooo` escapes kept, see {@link decodeSshdEscapes}). */
  readonly user: string | undefined;
  /** True when sshd said the user does not exist (`invalid user` / `illegal user`). */
  readonly invalidUser: boolean;
  /** The key used, for publickey/hostbased methods and `Accepted key`. */
  readonly key: SshKey | undefined;
  /** `FILE:LINE` of the authorized key that matched (`Accepted key ... found at`). */
  readonly keyLocation: string | undefined;
  /** Why a user was not allowed or refused (`listed in DenyUsers`, `account is locked`...). */
  readonly reason: string | undefined;
  /** How many failures this line stands for (e.g. PAM `N more authentication failures`), at least 1. */
  readonly count: number;
}

/**
 * How a connection ended or was dropped, as sshd told it.
 */
export type SshDisconnectReason =
  | 'received_disconnect'
  | 'disconnected'
  | 'closed'
  | 'reset'
  | 'timeout'
  | 'preauth_timeout'
  | 'read_error'
  | 'disconnecting'
  | 'inactive'
  | 'closing'
  | 'killed'
  | 'terminated';

/** A connection end (`Received disconnect`, `Disconnected from`, `Connection closed by`...). */
export interface SshDisconnectEvent extends EventBase, SshdMarkers, SshPeer {
  /** Discriminant. */
  readonly kind: 'ssh.disconnect';
  /** Which message it was. */
  readonly reason: SshDisconnectReason;
  /** User from the connection-id preamble (`user U`, `authenticating user U`, `invalid user U`). */
  readonly user: string | undefined;
  /** State named by the preamble: `authenticated` (`user U`), `authenticating`, `invalid`. */
  readonly userState: 'authenticated' | 'authenticating' | 'invalid' | undefined;
  /** SSH disconnect reason code sent by the client (11 = by application). */
  readonly code: number | undefined;
  /** Free text after the reason (client-controlled for `Received disconnect`). */
  readonly detail: string | undefined;
  /** The per-connection monitor pid, when a listener line names it (9.8+ `pid = N`, `session process N`). */
  readonly monitorPid: number | undefined;
}

/** Kind of an sshd session channel (`Starting session: <type>`). */
export type SshChannelType = 'shell' | 'command' | 'subsystem' | 'forced-command';

/** `Starting session: TYPE [on TTY] for U from IP port P id N` (VERBOSE). */
export interface SshSessionOpenEvent extends EventBase, SshdMarkers, SshPeer {
  /** Discriminant. */
  readonly kind: 'ssh.session.open';
  /** Channel type. */
  readonly channelType: SshChannelType;
  /** Subsystem name (`sftp`) or forced command text, when logged. */
  readonly subsystem: string | undefined;
  /** `(config)` or `(key-option)` for forced commands. */
  readonly forcedBy: 'config' | 'key-option' | undefined;
  /** Terminal without `/dev/` (e.g. `pts/0`), when one was allocated. */
  readonly tty: string | undefined;
  /** The authenticated user. */
  readonly user: string;
  /** sshd's per-connection session number (`id N`); several on one connection means multiplexing. */
  readonly sessionNumber: number | undefined;
}

/** `Close session: user U from IP port P id N` (VERBOSE). */
export interface SshSessionCloseEvent extends EventBase, SshdMarkers, SshPeer {
  /** Discriminant. */
  readonly kind: 'ssh.session.close';
  /** The authenticated user. */
  readonly user: string;
  /** sshd's per-connection session number. */
  readonly sessionNumber: number | undefined;
}

/** `User child is on pid P2` (VERBOSE): links the monitor (this line's pid) to the post-auth child. */
export interface SshChildEvent extends EventBase, SshdMarkers {
  /** Discriminant. */
  readonly kind: 'ssh.child';
  /** The post-auth child's pid. */
  readonly childPid: number;
}

/** `Transferred: sent N, received M bytes` (VERBOSE). */
export interface SshTransferEvent extends EventBase, SshdMarkers {
  /** Discriminant. */
  readonly kind: 'ssh.transfer';
  /** Bytes sent by the server. */
  readonly sent: number;
  /** Bytes received by the server. */
  readonly received: number;
}

/**
 * What a channel request or forwarding message was about.
 * `agent` is agent forwarding (`auth-agent-req@openssh.com` or `agent-req`).
 */
export type SshChannelRequest =
  | 'agent'
  | 'x11'
  | 'pty'
  | 'shell'
  | 'exec'
  | 'subsystem'
  | 'env'
  | 'port_forward'
  | 'streamlocal_forward'
  | 'other';

/** A channel request (DEBUG1 `server_input_channel_req`) or a forwarding decision. */
export interface SshChannelEvent extends EventBase, SshdMarkers {
  /** Discriminant. */
  readonly kind: 'ssh.channel';
  /** Normalized request. */
  readonly request: SshChannelRequest;
  /** The request name as logged (`auth-agent-req@openssh.com`, `x11-req`...). */
  readonly requestName: string;
  /** Channel number, when logged. */
  readonly channel: number | undefined;
  /** False when sshd refused or denied it. */
  readonly allowed: boolean;
  /** Forward target (`host:port` or a socket path), when logged. */
  readonly target: string | undefined;
}

/**
 * Pre-authentication protocol trouble: scanners, bad banners, failed negotiation.
 */
export type SshProtocolIssue =
  | 'no_identification'
  | 'kex_failed'
  | 'negotiation_failed'
  | 'bad_banner'
  | 'banner_timeout'
  | 'dispatch_fatal'
  | 'dropped'
  | 'penalty'
  | 'rate_limited'
  | 'dns_mismatch';

/** A protocol-level problem before or around authentication. */
export interface SshProtocolEvent extends EventBase, SshdMarkers, SshPeer {
  /** Discriminant. */
  readonly kind: 'ssh.protocol';
  /** Which problem. */
  readonly issue: SshProtocolIssue;
  /** The rest of the message (may include client-controlled text). */
  readonly detail: string | undefined;
}

/** Listener lifecycle: `Server listening on`, `Received signal N; terminating.`, `Received SIGHUP`. */
export interface SshServerEvent extends EventBase, SshdMarkers {
  /** Discriminant. */
  readonly kind: 'ssh.server';
  /** What the listener did. */
  readonly action: 'listening' | 'terminating' | 'restarting';
  /** Listen address, for `listening`. */
  readonly address: string | undefined;
  /** Listen port, for `listening`. */
  readonly port: number | undefined;
}

/** Any sshd-family event. */
export type SshEvent =
  | SshConnectionEvent
  | SshAuthEvent
  | SshDisconnectEvent
  | SshSessionOpenEvent
  | SshSessionCloseEvent
  | SshChildEvent
  | SshTransferEvent
  | SshChannelEvent
  | SshProtocolEvent
  | SshServerEvent;
