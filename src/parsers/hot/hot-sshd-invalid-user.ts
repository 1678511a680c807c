import type { SshAuthEvent } from '../../events/ssh.js';
import type { HotContext } from './hot-context.js';
import { L_FROM, optionalPortEnd, peerTokenEnd, quadTailStart } from './peer-token.js';
import { literalAt } from './text-at.js';

/**
 * `Invalid user U from A[ port N]` (and `Illegal user`), as `INVALID_USER` matches it: the
 * user runs to the LAST ` from `, whose tail must be exactly `A[ port N]` (`A` a visible
 * ASCII token), so text inside the user name cannot change the peer. `undefined` for
 * anything else.
 *
 * @internal
 */
export function hotInvalidUser(h: HotContext): SshAuthEvent | undefined {
  const text = h.text;
  const end = h.bodyEnd;
  const i = h.bodyStart + 13;
  // A strict dotted quad tail, read from the right, ends right after the LAST ` from `.
  let from = quadTailStart(h, i, end, false) - 6;
  let hostStart = from + 6;
  let hostEnd = hostStart;
  if (from < i || !literalAt(text, from, L_FROM, hostStart)) {
    from = end - 6 < i ? -1 : text.lastIndexOf(' from ', end - 6);
    if (from < i) return undefined;
    hostStart = from + 6;
    hostEnd = peerTokenEnd(h, hostStart, end);
    if (hostEnd === hostStart) return undefined;
    if (optionalPortEnd(h, hostEnd, end) !== end) return undefined;
  }
  // `.` in the pattern matches no line terminator.
  for (let k = i; k < from; k++) {
    const c = text.charCodeAt(k);
    if (c === 10 || c === 13 || c === 0x2028 || c === 0x2029) return undefined;
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
    outcome: 'invalid_user',
    method: undefined,
    submethod: undefined,
    user: text.slice(i, from),
    invalidUser: true,
    key: undefined,
    keyLocation: undefined,
    reason: undefined,
    count: 1,
  };
}
