import { canonicalIp, ipInCidr } from '../ip.js';
import type { HostConfig, NetworkConfig, SshtrailConfig } from './config.js';
import { inWindow } from './windows.js';

/**
 * The named network (VPN pool, office...) an address belongs to.
 *
 * @param config - The configuration.
 * @param ip - An address.
 * @returns The first network containing it, or `undefined`.
 * @example
 * ```ts
 * namedNetworkOf(config, '10.8.3.77')?.name; // 'vpn'
 * ```
 */
export function namedNetworkOf(config: SshtrailConfig, ip: string): NetworkConfig | undefined {
  for (const network of Object.values(config.networks)) {
    for (const cidr of network.cidrs) if (ipInCidr(ip, cidr)) return network;
  }
  return undefined;
}

/**
 * The configured host an address identifies (its `ips` or `cidrs`).
 *
 * @param config - The configuration.
 * @param ip - An address.
 * @returns The host, or `undefined`.
 * @example
 * ```ts
 * hostOfIp(config, '10.0.0.5')?.name; // 'bastion'
 * ```
 */
export function hostOfIp(config: SshtrailConfig, ip: string): HostConfig | undefined {
  const address = canonicalIp(ip);
  if (address === undefined) return undefined;
  for (const host of config.hosts) {
    if (host.ips.includes(address)) return host;
    for (const cidr of host.cidrs) if (ipInCidr(address, cidr)) return host;
  }
  return undefined;
}

/**
 * The configured host with a name or alias.
 *
 * @param config - The configuration.
 * @param name - A host name from the logs.
 * @returns The host, or `undefined`.
 * @example
 * ```ts
 * hostNamed(config, 'bastion.example.org')?.name; // 'bastion'
 * ```
 */
export function hostNamed(config: SshtrailConfig, name: string): HostConfig | undefined {
  return config.hosts.find((h) => h.name === name || h.aliases.includes(name));
}

/**
 * The time zone of a user: theirs, else the configuration's default.
 *
 * @param config - The configuration.
 * @param user - The account.
 * @returns An IANA zone.
 * @example
 * ```ts
 * userZone(config, 'alice'); // 'Europe/Berlin'
 * ```
 */
export function userZone(config: SshtrailConfig, user: string | undefined): string {
  const own = user === undefined ? undefined : config.users[user]?.timezone;
  return own ?? config.timezone;
}

/**
 * Whether a user is a configured service account (`automation: true`).
 *
 * @param config - The configuration.
 * @param user - The account.
 * @returns True for automation accounts.
 * @example
 * ```ts
 * isAutomation(config, 'deploy'); // true
 * ```
 */
export function isAutomation(config: SshtrailConfig, user: string | undefined): boolean {
  return user !== undefined && config.users[user]?.automation === true;
}

/**
 * The maintenance window covering a time, host and user, if any.
 *
 * @param config - The configuration.
 * @param time - Epoch milliseconds.
 * @param host - The host (windows listing hosts must include it).
 * @param user - The user (windows listing users must include it).
 * @returns The reason text of the covering window (or `maintenance`), else `undefined`.
 * @example
 * ```ts
 * inMaintenance(config, Date.UTC(2024, 5, 1, 23), 'web1', 'alice'); // 'patching'
 * ```
 */
export function inMaintenance(
  config: SshtrailConfig,
  time: number,
  host: string | undefined,
  user: string | undefined,
): string | undefined {
  for (const m of config.maintenance) {
    if (m.hosts.length > 0 && (host === undefined || !m.hosts.includes(host))) continue;
    if (m.users.length > 0 && (user === undefined || !m.users.includes(user))) continue;
    if (inWindow(m.window, time, userZone(config, user))) return m.reason ?? 'maintenance';
  }
  return undefined;
}

/**
 * Whether a user is on call at a time (inside one of their `onCall` windows).
 *
 * @param config - The configuration.
 * @param user - The account.
 * @param time - Epoch milliseconds.
 * @returns True when on call.
 * @example
 * ```ts
 * onCall(config, 'bob', Date.UTC(2024, 5, 1, 2)); // true
 * ```
 */
export function onCall(config: SshtrailConfig, user: string | undefined, time: number): boolean {
  if (user === undefined) return false;
  const windows = config.users[user]?.onCall ?? [];
  const zone = userZone(config, user);
  return windows.some((w) => inWindow(w, time, zone));
}

/**
 * Whether a source is one of a user's configured usual sources (`usualSources`: networks by
 * name, CIDRs, addresses).
 *
 * @param config - The configuration.
 * @param user - The account.
 * @param ip - The source address.
 * @returns True when listed.
 * @example
 * ```ts
 * isConfiguredSource(config, 'alice', '10.8.0.9'); // true when alice lists 'vpn'
 * ```
 */
export function isConfiguredSource(
  config: SshtrailConfig,
  user: string | undefined,
  ip: string,
): boolean {
  if (user === undefined) return false;
  for (const entry of config.users[user]?.usualSources ?? []) {
    const network = config.networks[entry];
    if (network !== undefined) {
      if (network.cidrs.some((c) => ipInCidr(ip, c))) return true;
    } else if (ipInCidr(ip, entry)) return true;
  }
  return false;
}
