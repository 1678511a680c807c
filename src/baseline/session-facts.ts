import { parseCidr } from '../config/cidr.js';
import type { SshSession } from '../model/session.js';
import type { SessionKind } from './baseline.js';

/**
 * The kind of a session, from its channels: `sftp` wins, then `shell`, then `command`;
 * `unknown` when no channel was logged (INFO level).
 *
 * @param session - The session.
 * @returns Its kind.
 * @example
 * ```ts
 * sessionKind(session); // 'shell'
 * ```
 */
export function sessionKind(session: SshSession): SessionKind {
  let kind: SessionKind = 'unknown';
  for (const c of session.channels) {
    if (c.type === 'subsystem' && (c.subsystem === undefined || c.subsystem.includes('sftp'))) {
      return 'sftp';
    }
    if (c.type === 'shell') kind = 'shell';
    else if ((c.type === 'command' || c.type === 'forced-command') && kind === 'unknown') {
      kind = 'command';
    }
  }
  return kind;
}

/**
 * The network a source address is counted in: its `/v4Prefix` (default 24) or `/v6Prefix`
 * (default 64) network, as canonical CIDR text.
 *
 * @param ip - A canonical address.
 * @param v4Prefix - IPv4 prefix length.
 * @param v6Prefix - IPv6 prefix length.
 * @returns The network, or `undefined` for a non-address.
 * @example
 * ```ts
 * sourceNetwork('198.51.100.7'); // '198.51.100.0/24'
 * ```
 */
export function sourceNetwork(ip: string, v4Prefix = 24, v6Prefix = 64): string | undefined {
  const parsed = parseCidr(ip);
  if (parsed === undefined) return undefined;
  if (parsed.family === 4) {
    const parts = parsed.address.split('.').map(Number);
    let value = 0;
    for (const p of parts) value = value * 256 + p;
    const size = 2 ** (32 - v4Prefix);
    const base = Math.floor(value / size) * size;
    const quad = [base >>> 24, (base >>> 16) & 255, (base >>> 8) & 255, base & 255].join('.');
    return `${quad}/${v4Prefix}`;
  }
  const groups = expandV6(parsed.address);
  if (groups === undefined) return undefined;
  const keep = Math.ceil(v6Prefix / 16);
  const out = groups.map((g, i) => {
    if (i < Math.floor(v6Prefix / 16)) return g;
    if (i >= keep) return 0;
    const bits = v6Prefix % 16;
    return g & ((0xffff << (16 - bits)) & 0xffff);
  });
  const canonical = parseCidr(out.map((g) => g.toString(16)).join(':'));
  return canonical === undefined ? undefined : `${canonical.address}/${v6Prefix}`;
}

function expandV6(address: string): number[] | undefined {
  const bare = address.split('%')[0] ?? address;
  const [head = '', tail] = bare.split('::');
  const h = head === '' ? [] : head.split(':');
  const t = tail === undefined || tail === '' ? [] : tail.split(':');
  const missing = 8 - h.length - t.length;
  if (missing < 0 || h.some((g) => g.includes('.')) || t.some((g) => g.includes('.'))) {
    return undefined;
  }
  return [...h, ...new Array<string>(missing).fill('0'), ...t].map((g) => Number.parseInt(g, 16));
}

/**
 * The time a session counts from: its authentication, else its first line.
 *
 * @param session - The session.
 * @returns Epoch milliseconds.
 * @example
 * ```ts
 * sessionStart(session) === (session.authTime ?? session.startTime); // true
 * ```
 */
export function sessionStart(session: SshSession): number {
  return session.authTime ?? session.startTime;
}
