import { canonicalIp } from '../ip.js';
import { PREFIX_LENGTH } from './patterns.js';

/**
 * A network in canonical form: its canonical base address and prefix length.
 *
 * @example
 * ```ts
 * const net: ParsedCidr = { address: '10.8.0.0', prefix: 16, family: 4, text: '10.8.0.0/16' };
 * ```
 */
export interface ParsedCidr {
  /** The address as given, canonicalized (host bits are kept, as ipaddr.js does). */
  readonly address: string;
  /** Prefix length (32 or 128 for a single address). */
  readonly prefix: number;
  /** IP version. */
  readonly family: 4 | 6;
  /** Canonical text `address/prefix`. */
  readonly text: string;
}

/**
 * Parses `10.0.0.0/8`, `2001:db8::/32` or a bare address strictly; never throws.
 *
 * @param text - The network as written.
 * @returns The parsed network, or `undefined` when it is not a valid address or CIDR.
 * @example
 * ```ts
 * parseCidr('10.8.0.0/16')?.prefix; // 16
 * parseCidr('10.8.0.0/33');         // undefined
 * ```
 */
export function parseCidr(text: string): ParsedCidr | undefined {
  if (typeof text !== 'string' || text.length === 0 || text.length > 100) return undefined;
  const slash = text.indexOf('/');
  const rawAddress = slash === -1 ? text : text.slice(0, slash);
  const address = canonicalIp(rawAddress.trim());
  if (address === undefined || address.includes('%')) return undefined;
  const family = address.includes(':') ? 6 : 4;
  const max = family === 4 ? 32 : 128;
  let prefix = max;
  if (slash !== -1) {
    const rawPrefix = text.slice(slash + 1).trim();
    if (!PREFIX_LENGTH.test(rawPrefix)) return undefined;
    prefix = Number(rawPrefix);
    if (prefix > (rawAddress.includes(':') ? 128 : 32)) return undefined;
    // An IPv4-mapped network (::ffff:10.0.0.0/104) becomes its IPv4 network.
    if (family === 4 && rawAddress.includes(':')) {
      if (prefix < 96) return undefined;
      prefix -= 96;
    }
  }
  return { address, prefix, family, text: `${address}/${prefix}` };
}
