import { parseCidr } from '../config/cidr.js';
import { canonicalIp, ipInCidr } from '../ip.js';
import { ipv4Value, ipv6Value, prefixKey } from './address-bits.js';
import type { IntelEntry, IntelList } from './intel-list.js';

/**
 * A hit of an address on a threat-intel list.
 *
 * @example
 * ```ts
 * const hit: IntelMatch = { list: 'blocklist', label: 'scanner', entry: '203.0.113.0/24' };
 * ```
 */
export interface IntelMatch {
  /** The list's name. */
  readonly list: string;
  /** The entry's label, when it had one. */
  readonly label: string | undefined;
  /** The matching entry (canonical network). */
  readonly entry: string;
}

/**
 * Threat intel: many lists, looked up by address.
 */
export interface Intel {
  /**
   * The most specific entry containing an address (IPv4-mapped IPv6 included); among equally
   * specific entries, the first list given wins.
   *
   * @param ip - An address, in any form `canonicalIp` accepts.
   * @returns The hit, or `undefined`.
   * @example
   * ```ts
   * intel.match('::ffff:203.0.113.7')?.list; // 'blocklist'
   * ```
   */
  match(ip: string): IntelMatch | undefined;
  /** Number of entries indexed. */
  readonly size: number;
}

interface Indexed {
  readonly hit: IntelMatch;
}

/**
 * Indexes threat-intel lists for fast lookups: entries are bucketed by prefix length, so a
 * lookup costs one map probe per distinct prefix length (at most 33 for IPv4, 129 for IPv6),
 * whatever the number of entries.
 *
 * @param lists - Parsed lists (see {@link parseIntelText}, {@link parseIntelCsv}).
 * @returns The lookup.
 * @example
 * ```ts
 * const intel = createIntel([parseIntelText('blocklist', '203.0.113.0/24\n')]);
 * intel.match('203.0.113.7'); // { list: 'blocklist', label: undefined, entry: '203.0.113.0/24' }
 * ```
 */
export function createIntel(lists: readonly IntelList[]): Intel {
  const v4 = new Map<number, Map<string, Indexed>>();
  const v6 = new Map<number, Map<string, Indexed>>();
  let size = 0;
  for (const list of lists) {
    for (const entry of list.entries) {
      if (add(list.name, entry, v4, v6)) size += 1;
    }
  }
  const v4Prefixes = [...v4.keys()].sort((a, b) => b - a);
  const v6Prefixes = [...v6.keys()].sort((a, b) => b - a);
  return {
    size,
    match(ip: string): IntelMatch | undefined {
      const address = canonicalIp(ip);
      if (address === undefined) return undefined;
      const bare = address.split('%')[0] ?? address;
      if (!bare.includes(':')) {
        const value = ipv4Value(bare);
        if (value === undefined) return undefined;
        return probe(v4, v4Prefixes, 4, value, bare);
      }
      const value = ipv6Value(bare);
      if (value === undefined) return undefined;
      return probe(v6, v6Prefixes, 6, value, bare);
    },
  };
}

function add(
  list: string,
  entry: IntelEntry,
  v4: Map<number, Map<string, Indexed>>,
  v6: Map<number, Map<string, Indexed>>,
): boolean {
  const net = parseCidr(entry.network);
  if (net === undefined) return false;
  const value = net.family === 4 ? ipv4Value(net.address) : ipv6Value(net.address);
  if (value === undefined) return false;
  const index = net.family === 4 ? v4 : v6;
  let bucket = index.get(net.prefix);
  if (bucket === undefined) {
    bucket = new Map();
    index.set(net.prefix, bucket);
  }
  const key = prefixKey(net.family, value, net.prefix);
  if (bucket.has(key)) return false;
  bucket.set(key, { hit: { list, label: entry.label, entry: net.text } });
  return true;
}

function probe(
  index: Map<number, Map<string, Indexed>>,
  prefixes: readonly number[],
  family: 4 | 6,
  value: number | bigint,
  address: string,
): IntelMatch | undefined {
  for (const prefix of prefixes) {
    const hit = index.get(prefix)?.get(prefixKey(family, value, prefix));
    // The bucket finds the candidate; ipInCidr (ipaddr.js) has the last word.
    if (hit !== undefined && ipInCidr(address, hit.hit.entry)) return hit.hit;
  }
  return undefined;
}
