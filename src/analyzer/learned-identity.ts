import type { SshtrailConfig } from '../config/config.js';
import { canonicalIp } from '../ip.js';
import type { SshSession } from '../model/index.js';
import { createHostIdentity, type HostIdentity } from '../model/join/index.js';

const MAX_LEARNED = 10_000;

/** @internal A host identity that also learns each host's own addresses from its logs. */
export interface LearnedIdentity extends HostIdentity {
  /** Learns the server address of a session (VERBOSE `Connection from ... on LIP port P`). */
  learn(session: SshSession): void;
}

/**
 * @internal
 * The configured hosts first; then addresses learned from the logs themselves, so hops between
 * monitored hosts are found even without a configuration file. Bounded: at most 10 000
 * learned addresses, first learned kept.
 */
export function createLearnedIdentity(config: SshtrailConfig): LearnedIdentity {
  const configured = createHostIdentity({
    hosts: config.hosts.map((h) => ({
      name: h.name,
      aliases: h.aliases,
      addresses: h.ips,
      networks: h.cidrs,
    })),
  });
  const learned = new Map<string, string>();
  const hosts = new Set<string>();
  return {
    hostOf: (ip) => configured.hostOf(ip) ?? learned.get(canonicalIp(ip) ?? ip),
    hostNamed: (name) => configured.hostNamed(name) ?? (hosts.has(name) ? name : undefined),
    addressesOf: (host) => {
      const own = configured.addressesOf(host);
      if (own.length > 0) return own;
      return [...learned].filter(([, h]) => h === host).map(([ip]) => ip);
    },
    isMonitored: (host) => configured.isMonitored(host) || hosts.has(host),
    learn(session) {
      if (session.host === undefined) return;
      if (hosts.size < MAX_LEARNED) hosts.add(session.host);
      const ip = session.localIp === undefined ? undefined : canonicalIp(session.localIp);
      // Loopback and unspecified addresses say nothing about which host this is.
      if (ip === undefined || ip.startsWith('127.') || ip === '::1' || ip === '0.0.0.0') return;
      if (configured.hostOf(ip) === undefined && !learned.has(ip) && learned.size < MAX_LEARNED) {
        learned.set(ip, session.host);
      }
    },
  };
}
