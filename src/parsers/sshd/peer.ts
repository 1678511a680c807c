import type { SshPeer } from '../../events/ssh.js';
import { canonicalIp } from '../../ip.js';

/** A peer with nothing known. @internal */
export const NO_PEER: SshPeer = {
  sourceIp: undefined,
  sourceName: undefined,
  sourcePort: undefined,
};

/**
 * Builds the peer fields from a logged host and port: a strict IP goes to `sourceIp`
 * (canonical), anything else to `sourceName`.
 *
 * @param host - The host as logged, or `undefined`.
 * @param port - The port digits as logged, or `undefined`.
 * @returns The peer.
 * @internal
 */
export function peerOf(host: string | undefined, port: string | undefined): SshPeer {
  const ip = host === undefined || host.length === 0 ? undefined : canonicalIp(host);
  return {
    sourceIp: ip,
    sourceName: ip === undefined && host !== undefined && host.length > 0 ? host : undefined,
    sourcePort: toPort(port),
  };
}

/**
 * Parses a TCP port, `undefined` unless it is 0..65535.
 * @internal
 */
export function toPort(digits: string | undefined): number | undefined {
  if (digits === undefined || digits.length === 0 || digits.length > 5) return undefined;
  const n = Number(digits);
  return n <= 65535 ? n : undefined;
}

/**
 * Parses a decimal count or pid (`undefined` when not a safe integer).
 * @internal
 */
export function toInt(digits: string | undefined): number | undefined {
  if (digits === undefined || digits.length === 0) return undefined;
  const n = Number(digits);
  return Number.isSafeInteger(n) ? n : undefined;
}

/** The state an sshd connection-id preamble names. @internal */
export type UserState = 'authenticated' | 'authenticating' | 'invalid';

/** A parsed sshd connection id (`[authenticating user U|invalid user U|user U] HOST[ port N]`). @internal */
export interface ConnectionId {
  /** The peer. */
  readonly peer: SshPeer;
  /** User named by the preamble (attacker-controlled unless `authenticated`). */
  readonly user: string | undefined;
  /** State named by the preamble. */
  readonly userState: UserState | undefined;
}

function isDigits(text: string, from: number): boolean {
  if (from >= text.length) return false;
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/**
 * Parses sshd's connection id from the RIGHT: the last ` port N` is the port, the token
 * before it the host, and whatever precedes is the preamble (its user may contain anything,
 * including fake `1.2.3.4 port 5` text). Tolerates the `authenticatinguser` upstream typo and
 * the empty user name (`invalid user  1.2.3.4 port 5`).
 *
 * @param text - E.g. `authenticating user root 192.0.2.10 port 46038`.
 * @returns The connection id, or `undefined` when the text has no such shape.
 * @internal
 */
export function parseConnectionId(text: string): ConnectionId | undefined {
  let rest = text;
  let port: string | undefined;
  const p = rest.lastIndexOf(' port ');
  if (p >= 0 && isDigits(rest, p + 6)) {
    port = rest.slice(p + 6);
    rest = rest.slice(0, p);
  }
  const space = rest.lastIndexOf(' ');
  const host = rest.slice(space + 1);
  if (host.length === 0) return undefined;
  const peer = peerOf(host, port);
  if (space < 0) return { peer, user: undefined, userState: undefined };
  const preamble = rest.slice(0, space + 1);
  if (preamble.startsWith('authenticating user ')) {
    return { peer, user: preamble.slice(20, -1), userState: 'authenticating' };
  }
  if (preamble.startsWith('authenticatinguser ')) {
    return { peer, user: preamble.slice(19, -1), userState: 'authenticating' };
  }
  if (preamble.startsWith('invalid user ')) {
    return { peer, user: preamble.slice(13, -1), userState: 'invalid' };
  }
  if (preamble.startsWith('user ')) {
    return { peer, user: preamble.slice(5, -1), userState: 'authenticated' };
  }
  return undefined;
}

/**
 * Finds the `": "` that ends a connection id inside `text` (from `from`): the first one right
 * after ` port N`, else the first `": "` at all (old forms without a port). The connection id
 * may hold an IPv6 address ending in `::` (`2001:db8:: port 5: ...`), so the first `": "` alone
 * is not enough; user names hold no colon, so a ` port N: ` cannot be faked inside one.
 *
 * @param text - The message body.
 * @param from - Where the connection id starts.
 * @returns The index of the `:`, or -1.
 * @internal
 */
export function connectionIdEnd(text: string, from: number): number {
  let at = text.indexOf(' port ', from);
  while (at >= 0) {
    let i = at + 6;
    while (i < text.length && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) i++;
    if (i > at + 6 && text.charCodeAt(i) === 58 && text.charCodeAt(i + 1) === 32) return i;
    at = text.indexOf(' port ', at + 6);
  }
  return text.indexOf(': ', from);
}
