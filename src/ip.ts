import ipaddr from 'ipaddr.js';

const CACHE_LIMIT = 4096;
const cache = new Map<string, string | null>();

/**
 * Parses an IP address strictly and returns its canonical text: IPv4 dotted quad,
 * IPv6 in RFC 5952 form, IPv4-mapped IPv6 turned into IPv4, a `%scope` zone kept.
 * Returns `undefined` for anything else (host names, `192.030.0.6`, garbage).
 *
 * This is the only module that imports ipaddr.js, so its types never leak into ours.
 *
 * @param text - The address as logged.
 * @returns The canonical address, or `undefined` when `text` is not a strict IP address.
 * @example
 * ```ts
 * canonicalIp('::ffff:10.0.0.1'); // '10.0.0.1'
 * canonicalIp('2001:DB8::0:1');   // '2001:db8::1'
 * canonicalIp('example.com');     // undefined
 * ```
 */
export function canonicalIp(text: string): string | undefined {
  const hit = cache.get(text);
  if (hit !== undefined) return hit ?? undefined;
  const value = parseStrict(text);
  // Bounded memoisation: brute-force logs repeat a few addresses millions of times.
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(text, value ?? null);
  return value;
}

function parseStrict(text: string): string | undefined {
  if (text.length === 0 || text.length > 64) return undefined;
  if (text.includes(':')) {
    if (!ipaddr.IPv6.isValid(text)) return undefined;
    const v6 = ipaddr.IPv6.parse(text);
    if (v6.isIPv4MappedAddress()) return v6.toIPv4Address().toString();
    return v6.toRFC5952String();
  }
  if (!ipaddr.IPv4.isValidFourPartDecimal(text)) return undefined;
  return ipaddr.IPv4.parse(text).toString();
}

/**
 * Tells whether `ip` lies in `cidr` (`10.0.0.0/8`, `2001:db8::/32`, or a single address).
 * IPv4-mapped IPv6 addresses match their IPv4 networks. Never throws: malformed input
 * simply does not match.
 *
 * @param ip - An address (any form {@link canonicalIp} accepts).
 * @param cidr - A network in CIDR notation, or a bare address.
 * @returns True when the address is inside the network.
 * @example
 * ```ts
 * ipInCidr('10.1.2.3', '10.0.0.0/8'); // true
 * ```
 */
export function ipInCidr(ip: string, cidr: string): boolean {
  const address = canonicalIp(ip);
  if (address === undefined) return false;
  try {
    const slash = cidr.indexOf('/');
    const range =
      slash === -1
        ? ipaddr.parseCIDR(`${cidr}/${cidr.includes(':') ? 128 : 32}`)
        : ipaddr.parseCIDR(cidr);
    const parsed = ipaddr.parse(address.split('%')[0] ?? address);
    if (parsed.kind() !== range[0].kind()) return false;
    return parsed.match(range);
  } catch {
    return false;
  }
}
