import type {
  SshAuthEvent,
  SshAuthOutcome,
  SshChannelEvent,
  SshChannelRequest,
  SshChildEvent,
  SshConnectionEvent,
  SshDisconnectEvent,
  SshDisconnectReason,
  SshKey,
  SshPeer,
  SshProtocolEvent,
  SshProtocolIssue,
  SshServerEvent,
  SshSessionCloseEvent,
  SshSessionOpenEvent,
  SshTransferEvent,
} from '../../events/ssh.js';
import type { MessageContext } from '../outcome.js';
import type { MarkedMessage } from './markers.js';

// One construction site per event kind, always the same property order (monomorphic shapes):
// kind, the context fields, the markers, the peer, then the kind's own fields.

/** Fields of an `ssh.auth` event beyond context, markers and peer. @internal */
export interface AuthFields {
  readonly outcome: SshAuthOutcome;
  readonly method: string | undefined;
  readonly submethod: string | undefined;
  readonly user: string | undefined;
  readonly invalidUser: boolean;
  readonly key: SshKey | undefined;
  readonly keyLocation: string | undefined;
  readonly reason: string | undefined;
}

/** Builds an `ssh.auth` event. @internal */
export function authEvent(
  c: MessageContext,
  m: MarkedMessage,
  peer: SshPeer,
  f: AuthFields,
): SshAuthEvent {
  return {
    kind: 'ssh.auth',
    time: c.time,
    timeBasis: c.timeBasis,
    host: c.host,
    program: c.program,
    pid: c.pid,
    repeat: c.repeat,
    source: c.source,
    prefix: m.prefix,
    preauth: m.preauth,
    sourceIp: peer.sourceIp,
    sourceName: peer.sourceName,
    sourcePort: peer.sourcePort,
    outcome: f.outcome,
    method: f.method,
    submethod: f.submethod,
    user: f.user,
    invalidUser: f.invalidUser,
    key: f.key,
    keyLocation: f.keyLocation,
    reason: f.reason,
    count: 1,
  };
}

/** Fields of an `ssh.disconnect` event beyond context, markers and peer. @internal */
export interface DisconnectFields {
  readonly reason: SshDisconnectReason;
  readonly user: string | undefined;
  readonly userState: SshDisconnectEvent['userState'];
  readonly code: number | undefined;
  readonly detail: string | undefined;
  readonly monitorPid: number | undefined;
}

/** Builds an `ssh.disconnect` event. @internal */
export function disconnectEvent(
  c: MessageContext,
  m: MarkedMessage,
  peer: SshPeer,
  f: DisconnectFields,
): SshDisconnectEvent {
  return {
    kind: 'ssh.disconnect',
    time: c.time,
    timeBasis: c.timeBasis,
    host: c.host,
    program: c.program,
    pid: c.pid,
    repeat: c.repeat,
    source: c.source,
    prefix: m.prefix,
    preauth: m.preauth,
    sourceIp: peer.sourceIp,
    sourceName: peer.sourceName,
    sourcePort: peer.sourcePort,
    reason: f.reason,
    user: f.user,
    userState: f.userState,
    code: f.code,
    detail: f.detail,
    monitorPid: f.monitorPid,
  };
}

/** Builds an `ssh.protocol` event. @internal */
export function protocolEvent(
  c: MessageContext,
  m: MarkedMessage,
  peer: SshPeer,
  issue: SshProtocolIssue,
  detail: string | undefined,
): SshProtocolEvent {
  return {
    kind: 'ssh.protocol',
    time: c.time,
    timeBasis: c.timeBasis,
    host: c.host,
    program: c.program,
    pid: c.pid,
    repeat: c.repeat,
    source: c.source,
    prefix: m.prefix,
    preauth: m.preauth,
    sourceIp: peer.sourceIp,
    sourceName: peer.sourceName,
    sourcePort: peer.sourcePort,
    issue,
    detail,
  };
}

/** Builds an `ssh.connection` event. @internal */
export function connectionEvent(
  c: MessageContext,
  m: MarkedMessage,
  peer: SshPeer,
  localIp: string | undefined,
  localPort: number | undefined,
): SshConnectionEvent {
  return {
    kind: 'ssh.connection',
    time: c.time,
    timeBasis: c.timeBasis,
    host: c.host,
    program: c.program,
    pid: c.pid,
    repeat: c.repeat,
    source: c.source,
    prefix: m.prefix,
    preauth: m.preauth,
    sourceIp: peer.sourceIp,
    sourceName: peer.sourceName,
    sourcePort: peer.sourcePort,
    localIp,
    localPort,
  };
}

/** Fields of an `ssh.session.open` event beyond context, markers and peer. @internal */
export interface SessionOpenFields {
  readonly channelType: SshSessionOpenEvent['channelType'];
  readonly subsystem: string | undefined;
  readonly forcedBy: SshSessionOpenEvent['forcedBy'];
  readonly tty: string | undefined;
  readonly user: string;
  readonly sessionNumber: number | undefined;
}

/** Builds an `ssh.session.open` event. @internal */
export function sessionOpenEvent(
  c: MessageContext,
  m: MarkedMessage,
  peer: SshPeer,
  f: SessionOpenFields,
): SshSessionOpenEvent {
  return {
    kind: 'ssh.session.open',
    time: c.time,
    timeBasis: c.timeBasis,
    host: c.host,
    program: c.program,
    pid: c.pid,
    repeat: c.repeat,
    source: c.source,
    prefix: m.prefix,
    preauth: m.preauth,
    sourceIp: peer.sourceIp,
    sourceName: peer.sourceName,
    sourcePort: peer.sourcePort,
    channelType: f.channelType,
    subsystem: f.subsystem,
    forcedBy: f.forcedBy,
    tty: f.tty,
    user: f.user,
    sessionNumber: f.sessionNumber,
  };
}

/** Builds an `ssh.session.close` event. @internal */
export function sessionCloseEvent(
  c: MessageContext,
  m: MarkedMessage,
  peer: SshPeer,
  user: string,
  sessionNumber: number | undefined,
): SshSessionCloseEvent {
  return {
    kind: 'ssh.session.close',
    time: c.time,
    timeBasis: c.timeBasis,
    host: c.host,
    program: c.program,
    pid: c.pid,
    repeat: c.repeat,
    source: c.source,
    prefix: m.prefix,
    preauth: m.preauth,
    sourceIp: peer.sourceIp,
    sourceName: peer.sourceName,
    sourcePort: peer.sourcePort,
    user,
    sessionNumber,
  };
}

/** Builds an `ssh.child` event. @internal */
export function childEvent(c: MessageContext, m: MarkedMessage, childPid: number): SshChildEvent {
  return {
    kind: 'ssh.child',
    time: c.time,
    timeBasis: c.timeBasis,
    host: c.host,
    program: c.program,
    pid: c.pid,
    repeat: c.repeat,
    source: c.source,
    prefix: m.prefix,
    preauth: m.preauth,
    childPid,
  };
}

/** Builds an `ssh.transfer` event. @internal */
export function transferEvent(
  c: MessageContext,
  m: MarkedMessage,
  sent: number,
  received: number,
): SshTransferEvent {
  return {
    kind: 'ssh.transfer',
    time: c.time,
    timeBasis: c.timeBasis,
    host: c.host,
    program: c.program,
    pid: c.pid,
    repeat: c.repeat,
    source: c.source,
    prefix: m.prefix,
    preauth: m.preauth,
    sent,
    received,
  };
}

/** Fields of an `ssh.channel` event beyond context and markers. @internal */
export interface ChannelFields {
  readonly request: SshChannelRequest;
  readonly requestName: string;
  readonly channel: number | undefined;
  readonly allowed: boolean;
  readonly target: string | undefined;
}

/** Builds an `ssh.channel` event. @internal */
export function channelEvent(
  c: MessageContext,
  m: MarkedMessage,
  f: ChannelFields,
): SshChannelEvent {
  return {
    kind: 'ssh.channel',
    time: c.time,
    timeBasis: c.timeBasis,
    host: c.host,
    program: c.program,
    pid: c.pid,
    repeat: c.repeat,
    source: c.source,
    prefix: m.prefix,
    preauth: m.preauth,
    request: f.request,
    requestName: f.requestName,
    channel: f.channel,
    allowed: f.allowed,
    target: f.target,
  };
}

/** Builds an `ssh.server` event. @internal */
export function serverEvent(
  c: MessageContext,
  m: MarkedMessage,
  action: SshServerEvent['action'],
  address: string | undefined,
  port: number | undefined,
): SshServerEvent {
  return {
    kind: 'ssh.server',
    time: c.time,
    timeBasis: c.timeBasis,
    host: c.host,
    program: c.program,
    pid: c.pid,
    repeat: c.repeat,
    source: c.source,
    prefix: m.prefix,
    preauth: m.preauth,
    action,
    address,
    port,
  };
}
