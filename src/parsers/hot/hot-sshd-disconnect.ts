import type { SshDisconnectEvent } from '../../events/ssh.js';
import { canonicalIpAt } from '../../ip.js';
import type { HotContext } from './hot-context.js';
import { L_PORT, peerPortEnd, peerTokenEnd, quadTailStart } from './peer-token.js';
import { bulk, digitsEnd, literalAt } from './text-at.js';

type UserState = SshDisconnectEvent['userState'];

// The preambles `parseConnectionId` knows, their length and the state they name.
const PREAMBLES = [
  bulk('authenticating user '),
  bulk('authenticatinguser '),
  bulk('invalid user '),
  bulk('user '),
];
const STATES: readonly UserState[] = [
  'authenticating',
  'authenticating',
  'invalid',
  'authenticated',
];

/**
 * A disconnect whose tail, from `from`, is sshd's connection id, read from the RIGHT as
 * `parseConnectionId` does: the last ` port N` (digits to the end), the token before it, and
 * a known preamble with the (attacker-controlled) user. Anything else goes to the general
 * path.
 *
 * @internal
 */
export function hotConnIdDisconnect(
  h: HotContext,
  from: number,
  reason: 'closed' | 'reset' | 'disconnected',
): SshDisconnectEvent | undefined {
  const text = h.text;
  const end = h.bodyEnd;
  let restEnd = end;
  let port: number | undefined;
  let space: number;
  let hostStart: number;
  let ip: string | undefined;
  // A strict dotted quad tail, read from the right: the token the searches below would find
  // before the LAST ` port N` (a quad holds no space), and the port they would read.
  const quadStart = quadTailStart(h, from, end, false);
  if (quadStart >= from && (quadStart === from || text.charCodeAt(quadStart - 1) === 32)) {
    port = h.port;
    ip = h.ip;
    restEnd = quadStart + (ip?.length ?? 0);
    space = quadStart - 1;
    hostStart = quadStart;
  } else {
    const p = end - 6 < from ? -1 : text.lastIndexOf(' port ', end - 6);
    if (p >= from && p + 6 < end && peerPortEnd(h, p + 6, end) === end) {
      port = h.port;
      restEnd = p;
    }
    if (restEnd <= from) return undefined;
    space = text.lastIndexOf(' ', restEnd - 1);
    hostStart = space < from ? from : space + 1;
    if (hostStart >= restEnd) return undefined;
    ip = canonicalIpAt(text, hostStart, restEnd);
  }
  let user: string | undefined;
  let userState: UserState;
  if (space >= from) {
    let k = 0;
    while (k < PREAMBLES.length && !literalAt(text, from, PREAMBLES[k] as string, space + 1)) k++;
    if (k === PREAMBLES.length) return undefined;
    user = text.slice(from + (PREAMBLES[k] as string).length, space);
    userState = STATES[k];
  }
  return disconnect(
    h,
    reason,
    ip,
    port,
    user,
    userState,
    ip === undefined ? text.slice(hostStart, restEnd) : undefined,
  );
}

/** The one construction site of the connection-id disconnects. */
function disconnect(
  h: HotContext,
  reason: 'closed' | 'reset' | 'disconnected',
  ip: string | undefined,
  port: number | undefined,
  user: string | undefined,
  userState: UserState,
  sourceName?: string,
): SshDisconnectEvent {
  const e = h.envelope;
  return {
    kind: 'ssh.disconnect',
    time: e.time,
    timeBasis: e.timeBasis,
    host: h.host,
    program: e.program,
    pid: e.pid,
    repeat: e.repeat,
    source: h.source,
    prefix: h.prefix,
    preauth: h.preauth,
    sourceIp: ip,
    sourceName,
    sourcePort: port,
    reason,
    user,
    userState,
    code: undefined,
    detail: undefined,
    monitorPid: undefined,
  };
}

/**
 * `Received disconnect from A port N:CODE: TEXT` as `RECEIVED_DISCONNECT` matches it, for a
 * visible-ASCII address without `:` (the pre-7.2 `A: CODE` form and IPv6 go to the general
 * path).
 *
 * @internal
 */
export function hotReceivedDisconnect(h: HotContext): SshDisconnectEvent | undefined {
  const text = h.text;
  const end = h.bodyEnd;
  const hostStart = h.bodyStart + 25;
  const hostEnd = peerTokenEnd(h, hostStart, end);
  if (hostEnd === hostStart || !literalAt(text, hostEnd, L_PORT, end)) return undefined;
  const colon = text.indexOf(':', hostStart);
  if (colon >= 0 && colon < hostEnd) return undefined;
  const ip = h.ip;
  const portEnd = peerPortEnd(h, hostEnd + 6, end);
  const port = h.port;
  if (portEnd === hostEnd + 6 || text.charCodeAt(portEnd) !== 58 || portEnd >= end) {
    return undefined;
  }
  let i = portEnd + 1;
  if (i < end && text.charCodeAt(i) === 32) i++;
  const codeEnd = digitsEnd(text, i, end);
  if (codeEnd === i || codeEnd - i > 15) return undefined;
  let code = 0;
  for (let k = i; k < codeEnd; k++) code = code * 10 + text.charCodeAt(k) - 48;
  i = codeEnd;
  if (i < end && text.charCodeAt(i) === 58) i++;
  if (i < end && text.charCodeAt(i) === 32) i++;
  const e = h.envelope;
  return {
    kind: 'ssh.disconnect',
    time: e.time,
    timeBasis: e.timeBasis,
    host: h.host,
    program: e.program,
    pid: e.pid,
    repeat: e.repeat,
    source: h.source,
    prefix: h.prefix,
    preauth: h.preauth,
    sourceIp: ip,
    sourceName: ip === undefined ? text.slice(hostStart, hostEnd) : undefined,
    sourcePort: port,
    reason: 'received_disconnect',
    user: undefined,
    userState: undefined,
    code,
    detail: text.slice(i, end),
    monitorPid: undefined,
  };
}
