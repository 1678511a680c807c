import type { SshDisconnectReason, SshPeer } from '../../events/ssh.js';
import type { MessageContext, MessageResult } from '../outcome.js';
import { disconnectEvent } from './build.js';
import type { MarkedMessage } from './markers.js';
import { UNKNOWN } from './miss.js';
import {
  CLOSING_CONNECTION,
  PREAUTH_TIMEOUT,
  READ_ERROR,
  RECEIVED_DISCONNECT,
  SESSION_CRASH,
  SESSION_PROCESS,
} from './patterns.js';
import { connectionIdEnd, NO_PEER, parseConnectionId, peerOf, toInt } from './peer.js';

function plain(
  m: MarkedMessage,
  c: MessageContext,
  peer: SshPeer,
  reason: SshDisconnectReason,
  detail: string | undefined,
): MessageResult {
  return disconnectEvent(c, m, peer, {
    reason,
    user: undefined,
    userState: undefined,
    code: undefined,
    detail,
    monitorPid: undefined,
  });
}

/**
 * A disconnect whose tail is sshd's connection id (`Connection closed by ...`,
 * `Connection reset by ...`, `Disconnected from ...`, `terminating inactive connection from ...`,
 * `Timeout, client not responding from ...`), parsed from the right.
 *
 * @param m - The marked message.
 * @param c - The envelope context.
 * @param offset - Where the connection id starts in the body.
 * @param reason - The disconnect reason.
 * @returns An `ssh.disconnect` event, or a miss.
 * @internal
 */
export function parseConnIdDisconnect(
  m: MarkedMessage,
  c: MessageContext,
  offset: number,
  reason: SshDisconnectReason,
): MessageResult {
  const id = parseConnectionId(m.body.slice(offset));
  if (id === undefined) return UNKNOWN;
  return disconnectEvent(c, m, id.peer, {
    reason,
    user: id.user,
    userState: id.userState,
    code: undefined,
    detail: undefined,
    monitorPid: undefined,
  });
}

/** `Received disconnect from H port N:CODE: TEXT` and the pre-7.2 `from H: CODE: TEXT`. @internal */
export function parseReceivedDisconnect(m: MarkedMessage, c: MessageContext): MessageResult {
  const x = RECEIVED_DISCONNECT.exec(m.body);
  if (x === null) return UNKNOWN;
  return disconnectEvent(c, m, peerOf(x[1], x[2]), {
    reason: 'received_disconnect',
    user: undefined,
    userState: undefined,
    code: toInt(x[3]),
    detail: x[4],
    monitorPid: undefined,
  });
}

/** `Disconnecting: TEXT` (≤7.4) and `Disconnecting CONNID: TEXT`. @internal */
export function parseDisconnecting(m: MarkedMessage, c: MessageContext): MessageResult {
  const body = m.body;
  if (body.startsWith('Disconnecting: '))
    return plain(m, c, NO_PEER, 'disconnecting', body.slice(15));
  const colon = connectionIdEnd(body, 14);
  if (colon < 0) return UNKNOWN;
  const id = parseConnectionId(body.slice(14, colon));
  if (id === undefined) return UNKNOWN;
  return disconnectEvent(c, m, id.peer, {
    reason: 'disconnecting',
    user: id.user,
    userState: id.userState,
    code: undefined,
    detail: body.slice(colon + 2),
    monitorPid: undefined,
  });
}

/**
 * `Timeout before authentication for H port N` (fatal, ≤9.7) and the 9.8+ listener form
 * `Timeout before authentication for connection from H to L, pid = P` (P = monitor pid).
 * @internal
 */
export function parsePreauthTimeout(m: MarkedMessage, c: MessageContext): MessageResult {
  const x = PREAUTH_TIMEOUT.exec(m.body);
  if (x === null) return UNKNOWN;
  const listener = x[1] !== undefined;
  return disconnectEvent(c, m, listener ? peerOf(x[1], undefined) : peerOf(x[3], x[4]), {
    reason: 'preauth_timeout',
    user: undefined,
    userState: undefined,
    code: undefined,
    detail: undefined,
    monitorPid: listener ? toInt(x[2]) : undefined,
  });
}

/** `Timeout, client not responding[ from CONNID].` @internal */
export function parseClientTimeout(m: MarkedMessage, c: MessageContext): MessageResult {
  const body = m.body;
  if (body === 'Timeout, client not responding.' || body === 'Timeout, client not responding') {
    return plain(m, c, NO_PEER, 'timeout', undefined);
  }
  if (!body.startsWith('Timeout, client not responding from ')) return UNKNOWN;
  return parseConnIdDisconnect(m, c, 36, 'timeout');
}

/** `Read error from remote host H[ port N]: R`, `Read from socket failed: R`, `Write failed: R`. @internal */
export function parseReadError(m: MarkedMessage, c: MessageContext): MessageResult {
  const body = m.body;
  const x = READ_ERROR.exec(body);
  if (x !== null) return plain(m, c, peerOf(x[1], x[2]), 'read_error', x[3]);
  const colon = body.indexOf(': ');
  if (!(body.startsWith('Read from socket failed: ') || body.startsWith('Write failed: '))) {
    return UNKNOWN;
  }
  const detail = body.slice(colon + 2);
  return plain(
    m,
    c,
    NO_PEER,
    detail.startsWith('Connection reset') ? 'reset' : 'read_error',
    detail,
  );
}

/** `Closing connection to H port N` (VERBOSE). @internal */
export function parseClosing(m: MarkedMessage, c: MessageContext): MessageResult {
  const x = CLOSING_CONNECTION.exec(m.body);
  if (x === null) return UNKNOWN;
  return plain(m, c, peerOf(x[1], x[2]), 'closing', undefined);
}

function listenerPeer(text: string): SshPeer {
  if (text.startsWith('connection from ')) {
    const end = text.indexOf(' ', 16);
    const host = text.slice(16, end < 0 ? text.length : end);
    return peerOf(host.endsWith(',') ? host.slice(0, -1) : host, undefined);
  }
  return parseConnectionId(text)?.peer ?? NO_PEER;
}

/**
 * The 9.8+ listener's `session process P for CONNID killed by signal N` / `terminated abnormally`
 * and `Session process P unpriv child crash for CONNID` (P = the monitor pid).
 * @internal
 */
export function parseSessionProcess(m: MarkedMessage, c: MessageContext): MessageResult {
  const body = m.body;
  const crash = body.charCodeAt(0) === 83 /* S */;
  const x = crash ? SESSION_CRASH.exec(body) : SESSION_PROCESS.exec(body);
  if (x === null) return UNKNOWN;
  const detail = crash ? 'unpriv child crash' : (x[3] ?? '');
  return disconnectEvent(c, m, listenerPeer(x[2] ?? ''), {
    reason: detail.startsWith('killed') ? 'killed' : 'terminated',
    user: undefined,
    userState: undefined,
    code: undefined,
    detail,
    monitorPid: toInt(x[1]),
  });
}
