import { canonicalIp, ipInCidr } from '../../ip.js';

/**
 * One monitored host of a {@link HostIdentityConfig}.
 *
 * @example
 * ```ts
 * const web1: HostIdentityEntry = {
 *   name: 'web1', aliases: ['web1.example.com'], addresses: ['10.0.2.9', 'fd00::9'],
 *   nat: ['203.0.113.9'], networks: [],
 * };
 * ```
 */
export interface HostIdentityEntry {
  /** The host name as its logs name it (the `host` of its events and sessions). */
  readonly name: string;
  /** Other names of the host (FQDN, the name other hosts' logs use with UseDNS). */
  readonly aliases?: readonly string[];
  /** Its own addresses (every interface). */
  readonly addresses?: readonly string[];
  /** Public or translated addresses that stand for it (NAT, load balancer VIP). */
  readonly nat?: readonly string[];
  /** Networks (CIDR) whose every address is this host (e.g. a dedicated /30 link). */
  readonly networks?: readonly string[];
}

/**
 * Plain JSON configuration of host identity: which addresses and names are which monitored host.
 *
 * @example
 * ```ts
 * const config: HostIdentityConfig = { hosts: [{ name: 'bastion', addresses: ['10.0.1.5'] }] };
 * ```
 */
export interface HostIdentityConfig {
  /** The monitored hosts. */
  readonly hosts: readonly HostIdentityEntry[];
}

/**
 * Answers "which monitored host is this address or name" (several addresses per host, NAT
 * addresses, networks, aliases).
 *
 * @example
 * ```ts
 * const identity = createHostIdentity({ hosts: [{ name: 'bastion', addresses: ['10.0.1.5'] }] });
 * identity.hostOf('10.0.1.5'); // 'bastion'
 * ```
 */
export interface HostIdentity {
  /**
   * The monitored host an address belongs to: exact and NAT addresses first, then networks
   * (most specific first).
   *
   * @param ip - Any address form {@link canonicalIp} accepts.
   * @returns The host name, or `undefined` for an unknown address.
   * @example
   * ```ts
   * identity.hostOf('::ffff:10.0.1.5'); // 'bastion'
   * ```
   */
  hostOf(ip: string): string | undefined;
  /**
   * The monitored host a name (or alias) stands for, case-insensitively.
   *
   * @param name - A host name as some log wrote it.
   * @returns The configured host name, or `undefined`.
   * @example
   * ```ts
   * identity.hostNamed('BASTION.example.com'); // 'bastion'
   * ```
   */
  hostNamed(name: string): string | undefined;
  /**
   * The configured own and NAT addresses of a host (canonical).
   *
   * @param host - The host name.
   * @returns Its addresses, own first; empty for an unknown host.
   * @example
   * ```ts
   * identity.addressesOf('bastion'); // ['10.0.1.5']
   * ```
   */
  addressesOf(host: string): readonly string[];
  /**
   * Whether a host is configured (monitored).
   *
   * @param host - The host name.
   * @returns True for a configured host.
   * @example
   * ```ts
   * identity.isMonitored('bastion'); // true
   * ```
   */
  isMonitored(host: string): boolean;
}

/**
 * Builds a {@link HostIdentity} from plain configuration. An address listed for two hosts goes
 * to the first.
 *
 * @param config - The hosts.
 * @returns The lookup.
 * @throws TypeError when a name is empty or an address or network does not parse.
 * @example
 * ```ts
 * const identity = createHostIdentity({
 *   hosts: [
 *     { name: 'bastion', addresses: ['10.0.1.5'], nat: ['203.0.113.5'] },
 *     { name: 'db1', networks: ['10.0.3.0/30'] },
 *   ],
 * });
 * identity.hostOf('203.0.113.5'); // 'bastion'
 * identity.hostOf('10.0.3.2');    // 'db1'
 * ```
 */
export function createHostIdentity(config: HostIdentityConfig): HostIdentity {
  const byAddress = new Map<string, string>();
  const byName = new Map<string, string>();
  const addresses = new Map<string, string[]>();
  const networks: { readonly cidr: string; readonly bits: number; readonly host: string }[] = [];
  for (const entry of config.hosts) {
    if (typeof entry.name !== 'string' || entry.name.length === 0) {
      throw new TypeError('every host needs a non-empty name');
    }
    const own: string[] = addresses.get(entry.name) ?? [];
    addresses.set(entry.name, own);
    for (const name of [entry.name, ...(entry.aliases ?? [])]) {
      const key = name.toLowerCase();
      if (!byName.has(key)) byName.set(key, entry.name);
    }
    for (const text of [...(entry.addresses ?? []), ...(entry.nat ?? [])]) {
      const ip = canonicalIp(text);
      if (ip === undefined) throw new TypeError(`${entry.name}: not an IP address: ${text}`);
      if (!byAddress.has(ip)) byAddress.set(ip, entry.name);
      if (!own.includes(ip)) own.push(ip);
    }
    for (const cidr of entry.networks ?? []) {
      networks.push({ cidr, bits: networkBits(cidr, entry.name), host: entry.name });
    }
  }
  networks.sort((a, b) => b.bits - a.bits);
  return {
    hostOf(ip) {
      const address = canonicalIp(ip);
      if (address === undefined) return undefined;
      const exact = byAddress.get(address);
      if (exact !== undefined) return exact;
      for (const network of networks) if (ipInCidr(address, network.cidr)) return network.host;
      return undefined;
    },
    hostNamed: (name) => byName.get(name.toLowerCase()),
    addressesOf: (host) => [...(addresses.get(host) ?? [])],
    isMonitored: (host) => addresses.has(host),
  };
}

function networkBits(cidr: string, host: string): number {
  const slash = cidr.indexOf('/');
  const address = canonicalIp(slash < 0 ? cidr : cidr.slice(0, slash));
  const max = address?.includes(':') ? 128 : 32;
  const bits = slash < 0 ? max : Number(cidr.slice(slash + 1));
  if (address === undefined || !Number.isInteger(bits) || bits < 0 || bits > max) {
    throw new TypeError(`${host}: not a network in CIDR notation: ${cidr}`);
  }
  return bits;
}
