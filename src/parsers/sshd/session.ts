import type { SshChannelRequest } from '../../events/ssh.js';
import type { MessageContext, MessageResult } from '../outcome.js';
import {
  channelEvent,
  childEvent,
  sessionCloseEvent,
  sessionOpenEvent,
  transferEvent,
} from './build.js';
import type { MarkedMessage } from './markers.js';
import { UNKNOWN } from './miss.js';
import {
  CHANNEL_OPEN,
  CHANNEL_REQ,
  CLOSE_SESSION,
  DENIED_OPEN,
  DIRECT_STREAMLOCAL,
  DIRECT_TCPIP,
  GLOBAL_REQUEST,
  REFUSED_FORWARD,
  SESSION_REQ,
  SESSION_TYPE,
  STARTING_SESSION,
  SUBSYSTEM_REQ,
  TRANSFERRED,
  USER_CHILD,
} from './patterns.js';
import { peerOf, toInt } from './peer.js';

/**
 * Normalizes an SSH channel request name (`auth-agent-req@openssh.com` and the IETF
 * `agent-req` are both agent forwarding).
 *
 * @param name - The request name as logged.
 * @returns The normalized request.
 * @internal
 */
export function channelRequestOf(name: string): SshChannelRequest {
  switch (name) {
    case 'auth-agent-req@openssh.com':
    case 'auth-agent-req':
    case 'agent-req':
      return 'agent';
    case 'x11-req':
      return 'x11';
    case 'pty-req':
      return 'pty';
    case 'shell':
      return 'shell';
    case 'exec':
      return 'exec';
    case 'subsystem':
      return 'subsystem';
    case 'env':
      return 'env';
    case 'tcpip-forward':
    case 'direct-tcpip':
    case 'forwarded-tcpip':
      return 'port_forward';
    case 'streamlocal-forward@openssh.com':
    case 'direct-streamlocal@openssh.com':
    case 'forwarded-streamlocal@openssh.com':
      return 'streamlocal_forward';
    default:
      return 'other';
  }
}

/** `Starting session: TYPE[ on TTY] for U from H port N[ id S]` (VERBOSE). @internal */
export function parseStartingSession(m: MarkedMessage, c: MessageContext): MessageResult {
  const x = STARTING_SESSION.exec(m.body);
  if (x === null) return UNKNOWN;
  const type = SESSION_TYPE.exec(x[1] ?? '');
  if (type === null) return UNKNOWN;
  const channelType = type[1] as 'shell' | 'command' | 'subsystem' | 'forced-command';
  return sessionOpenEvent(c, m, peerOf(x[4], x[5]), {
    channelType,
    subsystem: type[3],
    forcedBy: type[2] as 'config' | 'key-option' | undefined,
    tty: x[2],
    user: x[3] ?? '',
    sessionNumber: toInt(x[6]),
  });
}

/** `Close session: user U from H port N[ id S]` (VERBOSE). @internal */
export function parseCloseSession(m: MarkedMessage, c: MessageContext): MessageResult {
  const x = CLOSE_SESSION.exec(m.body);
  if (x === null) return UNKNOWN;
  return sessionCloseEvent(c, m, peerOf(x[2], x[3]), x[1] ?? '', toInt(x[4]));
}

/** `User child is on pid N` (VERBOSE). @internal */
export function parseUserChild(m: MarkedMessage, c: MessageContext): MessageResult {
  const x = USER_CHILD.exec(m.body);
  const pid = toInt(x?.[1]);
  return pid === undefined ? UNKNOWN : childEvent(c, m, pid);
}

/** `Transferred: sent N, received M bytes` (VERBOSE). @internal */
export function parseTransferred(m: MarkedMessage, c: MessageContext): MessageResult {
  const x = TRANSFERRED.exec(m.body);
  const sent = toInt(x?.[1]);
  const received = toInt(x?.[2]);
  if (sent === undefined || received === undefined) return UNKNOWN;
  return transferEvent(c, m, sent, received);
}

/**
 * DEBUG1 channel requests: `server_input_channel_req: channel N request R reply W` and
 * `session_input_channel_req: session N req R` (agent forwarding, X11, pty, subsystem...).
 * @internal
 */
export function parseChannelRequest(m: MarkedMessage, c: MessageContext): MessageResult {
  const body = m.body;
  const x = body.startsWith('server_') ? CHANNEL_REQ.exec(body) : SESSION_REQ.exec(body);
  if (x === null) return UNKNOWN;
  const name = x[2] ?? '';
  return channelEvent(c, m, {
    request: channelRequestOf(name),
    requestName: name,
    channel: toInt(x[1]),
    allowed: true,
    target: undefined,
  });
}

/**
 * Forwarding refusals: `refused local|streamlocal port forward: ...` and
 * `Received request from ... to connect to host T port P, but the request was denied.`
 * @internal
 */
export function parseRefusedForward(m: MarkedMessage, c: MessageContext): MessageResult {
  const body = m.body;
  const refused = REFUSED_FORWARD.exec(body);
  if (refused !== null) {
    const local = refused[1] === 'local';
    const target = refused[2] ?? '';
    return channelEvent(c, m, {
      request: local ? 'port_forward' : 'streamlocal_forward',
      requestName: local ? 'direct-tcpip' : 'direct-streamlocal@openssh.com',
      channel: undefined,
      allowed: false,
      target: local ? target.replace(' port ', ':') : target,
    });
  }
  const denied = DENIED_OPEN.exec(body);
  if (denied === null) return UNKNOWN;
  return channelEvent(c, m, {
    request: 'port_forward',
    requestName: 'direct-tcpip',
    channel: undefined,
    allowed: false,
    target: `${denied[1] ?? ''}:${denied[2] ?? ''}`,
  });
}

/**
 * `subsystem request for NAME by user U[ failed, R]` (INFO in 5.6-6.4, DEBUG2 later; the
 * failure form is INFO): `target` holds the subsystem name.
 * @internal
 */
export function parseSubsystemRequest(m: MarkedMessage, c: MessageContext): MessageResult {
  const x = SUBSYSTEM_REQ.exec(m.body);
  if (x === null) return UNKNOWN;
  return channelEvent(c, m, {
    request: 'subsystem',
    requestName: 'subsystem',
    channel: undefined,
    allowed: x[3] === undefined,
    target: x[1],
  });
}

/** `authentication forwarding requested twice.` (ERROR): a refused agent request. @internal */
export function parseAgentTwice(m: MarkedMessage, c: MessageContext): MessageResult {
  return channelEvent(c, m, {
    request: 'agent',
    requestName: 'auth-agent-req@openssh.com',
    channel: undefined,
    allowed: false,
    target: undefined,
  });
}

/**
 * DEBUG1 forwarding lines: `server_input_global_request: rtype R want_reply W` (remote forwards),
 * `server_request_direct_tcpip: ... target T port P` and `server_request_direct_streamlocal: ...
 * path P` (local forwards), `server_input_channel_open: ctype T ...|confirm T|failure T`.
 * @internal
 */
export function parseForwardDebug(m: MarkedMessage, c: MessageContext): MessageResult {
  const body = m.body;
  if (body.startsWith('server_input_global_request: ')) {
    const x = GLOBAL_REQUEST.exec(body);
    if (x === null) return UNKNOWN;
    const name = x[1] ?? '';
    return channelEvent(c, m, {
      request: channelRequestOf(name),
      requestName: name,
      channel: undefined,
      allowed: true,
      target: undefined,
    });
  }
  if (body.startsWith('server_request_direct_tcpip: ')) {
    const x = DIRECT_TCPIP.exec(body);
    if (x === null) return UNKNOWN;
    return channelEvent(c, m, {
      request: 'port_forward',
      requestName: 'direct-tcpip',
      channel: undefined,
      allowed: true,
      target: `${x[1] ?? ''}:${x[2] ?? ''}`,
    });
  }
  if (body.startsWith('server_request_direct_streamlocal: ')) {
    const x = DIRECT_STREAMLOCAL.exec(body);
    if (x === null) return UNKNOWN;
    return channelEvent(c, m, {
      request: 'streamlocal_forward',
      requestName: 'direct-streamlocal@openssh.com',
      channel: undefined,
      allowed: true,
      target: x[1],
    });
  }
  const x = CHANNEL_OPEN.exec(body);
  if (x === null) return UNKNOWN;
  const name = x[1] ?? x[4] ?? '';
  return channelEvent(c, m, {
    request: channelRequestOf(name),
    requestName: name,
    channel: toInt(x[2]),
    allowed: x[3] !== 'failure',
    target: undefined,
  });
}
