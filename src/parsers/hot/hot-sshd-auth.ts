import type { SshAuthEvent, SshConnectionEvent } from '../../events/ssh.js';
import { canonicalIpAt } from '../../ip.js';
import type { HotContext } from './hot-context.js';
import {
  L_FROM,
  L_PORT,
  L_SSH1,
  L_SSH2,
  optionalPortEnd,
  peerPortEnd,
  peerTokenEnd,
  quadTailStart,
} from './peer-token.js';
import { bulk, literalAt, visibleEnd } from './text-at.js';

const L_FOR = bulk('for ');
const L_ILLEGAL_USER = bulk('illegal user ');
const L_INVALID_USER = bulk('invalid user ');
const L_ON = bulk(' on ');
const L_RDOMAIN = bulk(' rdomain "');

// Methods whose text is taken as is (`method`, `submethod`): a method outside this list
// (`key`, `certificate`, anything new) goes to the general path.
const METHODS = [
  bulk('password '),
  bulk('publickey '),
  bulk('keyboard-interactive/pam '),
  bulk('none '),
];
const METHOD_NAMES = ['password', 'publickey', 'keyboard-interactive', 'none'] as const;
const SUBMETHODS = [undefined, undefined, 'pam', undefined] as const;

/**
 * `Failed|Accepted METHOD for [invalid user ]U from A port N ssh2` with no key info: what
 * `AUTH_LOG` matches when the body holds no `": "`. The user runs to the LAST ` from `, whose
 * tail must be exactly `A[ port N][ ssh1|ssh2]` (`A` a visible ASCII token), so a
 * forged `x from 6.6.6.6 port 22` inside the user name cannot change the peer. Anything
 * else (a `:` in the user, key info) goes to the general path.
 *
 * @internal
 */
export function hotAuthLog(
  h: HotContext,
  outcome: 'success' | 'failure',
  verbLength: number,
): SshAuthEvent | undefined {
  const text = h.text;
  const end = h.bodyEnd;
  let i = h.bodyStart + verbLength;
  let method = -1;
  for (let k = 0; k < METHODS.length; k++) {
    if (literalAt(text, i, METHODS[k] as string, end)) {
      method = k;
      i += (METHODS[k] as string).length;
      break;
    }
  }
  if (method < 0 || !literalAt(text, i, L_FOR, end)) return undefined;
  i += 4;
  let invalidUser = false;
  if (literalAt(text, i, L_INVALID_USER, end) || literalAt(text, i, L_ILLEGAL_USER, end)) {
    invalidUser = true;
    i += 13;
  }
  // A strict dotted quad tail, read from the right, ends right after the LAST ` from `.
  let from = quadTailStart(h, i, end, true) - 6;
  let hostStart = from + 6;
  let hostEnd = hostStart;
  if (from < i || !literalAt(text, from, L_FROM, hostStart)) {
    from = end - 6 < i ? -1 : text.lastIndexOf(' from ', end - 6);
    if (from < i) return undefined;
    hostStart = from + 6;
    hostEnd = peerTokenEnd(h, hostStart, end);
    if (hostEnd === hostStart) return undefined;
    let j = optionalPortEnd(h, hostEnd, end);
    if (j < 0) return undefined;
    if (literalAt(text, j, L_SSH2, end) || literalAt(text, j, L_SSH1, end)) j += 5;
    if (j !== end) return undefined;
  }
  // The user: no `:` (no key-info split point) and no line terminator (`.` in the pattern).
  for (let k = i; k < from; k++) {
    const c = text.charCodeAt(k);
    if (c === 58 || c === 10 || c === 13 || c === 0x2028 || c === 0x2029) return undefined;
  }
  const port = h.port;
  const ip = h.ip;
  const e = h.envelope;
  return {
    kind: 'ssh.auth',
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
    outcome,
    method: METHOD_NAMES[method],
    submethod: SUBMETHODS[method],
    user: text.slice(i, from),
    invalidUser,
    key: undefined,
    keyLocation: undefined,
    reason: undefined,
    count: 1,
  };
}

/**
 * `Connection from A port N on L port M[ rdomain "R"]` (and its shorter forms), as
 * `CONNECTION_FROM` matches it, with visible-ASCII address tokens.
 *
 * @internal
 */
export function hotConnectionFrom(h: HotContext): SshConnectionEvent | undefined {
  const text = h.text;
  const end = h.bodyEnd;
  const hostStart = h.bodyStart + 16;
  const hostEnd = peerTokenEnd(h, hostStart, end);
  const ip = h.ip;
  if (hostEnd === hostStart) return undefined;
  let port: number | undefined;
  let localIp: string | undefined;
  let localPort: number | undefined;
  let j = hostEnd;
  if (j < end) {
    if (!literalAt(text, j, L_PORT, end)) return undefined;
    const digits = peerPortEnd(h, j + 6, end);
    if (digits === j + 6) return undefined;
    port = h.port;
    j = digits;
    if (j < end) {
      if (!literalAt(text, j, L_ON, end)) return undefined;
      const localStart = j + 4;
      const localEnd = visibleEnd(text, localStart, end);
      if (localEnd === localStart || !literalAt(text, localEnd, L_PORT, end)) return undefined;
      const localDigits = peerPortEnd(h, localEnd + 6, end);
      if (localDigits === localEnd + 6) return undefined;
      const portOfLocal = h.port;
      j = localDigits;
      if (j < end) {
        if (!literalAt(text, j, L_RDOMAIN, end)) return undefined;
        const quote = text.indexOf('"', j + 10);
        if (quote !== end - 1) return undefined;
      }
      localIp = canonicalIpAt(text, localStart, localEnd) ?? text.slice(localStart, localEnd);
      localPort = portOfLocal;
    }
  }
  const e = h.envelope;
  return {
    kind: 'ssh.connection',
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
    localIp,
    localPort,
  };
}
