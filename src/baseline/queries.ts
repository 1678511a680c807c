import type { UserBaseline } from './baseline.js';
import { sourceNetwork } from './session-facts.js';

/**
 * Whether an hour of the day is usual for a user: sessions started in it or an adjacent
 * hour (smoothing) make up at least `minShare` of all sessions (default 2%, at least one).
 * `undefined` when fewer than `minSessions` sessions were learned (no opinion).
 *
 * @param user - The user's baseline.
 * @param hour - Local hour, 0-23, in `user.timezone`.
 * @param minSessions - Sessions needed to have an opinion (default 10).
 * @param minShare - Share of sessions that makes an hour usual (default 0.02).
 * @returns True, false, or `undefined` for too little history.
 * @example
 * ```ts
 * isUsualHour(baseline.users.alice, 3); // false
 * ```
 */
export function isUsualHour(
  user: UserBaseline,
  hour: number,
  minSessions = 10,
  minShare = 0.02,
): boolean | undefined {
  if (user.sessions < minSessions) return undefined;
  const at = (h: number) => user.hours[(h + 24) % 24] ?? 0;
  const near = at(hour - 1) + at(hour) + at(hour + 1);
  return near >= Math.max(1, Math.ceil(minShare * user.sessions));
}

/**
 * Whether a source address is known for a user: seen before, or inside a learned network.
 *
 * @param user - The user's baseline.
 * @param ip - The canonical source address.
 * @param v4Prefix - IPv4 prefix the baseline learned networks with (default 24).
 * @param v6Prefix - IPv6 prefix (default 64).
 * @returns True when known.
 * @example
 * ```ts
 * isKnownSource(baseline.users.alice, '198.51.100.99'); // true when 198.51.100.0/24 was learned
 * ```
 */
export function isKnownSource(
  user: UserBaseline,
  ip: string,
  v4Prefix = 24,
  v6Prefix = 64,
): boolean {
  if (user.sources.includes(ip)) return true;
  const net = sourceNetwork(ip, v4Prefix, v6Prefix);
  return net !== undefined && user.networks.includes(net);
}
