import { isKnownSource, isUsualHour } from '../../baseline/queries.js';
import { sourceNetwork } from '../../baseline/session-facts.js';
import type { NetworkConfig } from '../../config/config.js';
import {
  inMaintenance,
  isAutomation,
  isConfiguredSource,
  namedNetworkOf,
  onCall,
  userZone,
} from '../../config/lookup.js';
import { inWindow, localPosition } from '../../config/windows.js';
import type { IntelMatch } from '../../intel/create-intel.js';
import type { DetectorContext } from '../detector.js';

/**
 * What is known about a source address for a user.
 *
 * @internal
 */
export interface SourceVerdict {
  /** True: usual (named network, configured, learned); false: new for a user with history; undefined: no opinion. */
  readonly known: boolean | undefined;
  /** Why it is known. */
  readonly why: 'named_network' | 'configured' | 'learned' | undefined;
  /** The named network containing it. */
  readonly network: NetworkConfig | undefined;
  /** A threat-intel hit. */
  readonly intel: IntelMatch | undefined;
}

/** @internal Minimum learned sessions before a baseline has an opinion. */
export const MIN_HISTORY = 5;

/** @internal Judges a source address for a user with the configuration, baseline and intel. */
export function judgeSource(
  context: DetectorContext,
  user: string | undefined,
  ip: string | undefined,
): SourceVerdict {
  if (ip === undefined)
    return { known: undefined, why: undefined, network: undefined, intel: undefined };
  const intel = context.intel?.match(ip);
  const network = namedNetworkOf(context.config, ip);
  if (network !== undefined) return { known: true, why: 'named_network', network, intel };
  if (isConfiguredSource(context.config, user, ip)) {
    return { known: true, why: 'configured', network, intel };
  }
  const learned = user === undefined ? undefined : context.baselines?.users[user];
  if (learned !== undefined && learned.sessions >= MIN_HISTORY) {
    const known = isKnownSource(learned, ip);
    return { known, why: known ? 'learned' : undefined, network, intel };
  }
  return { known: undefined, why: undefined, network, intel };
}

/**
 * What is known about a login time for a user.
 *
 * @internal
 */
export interface TimeVerdict {
  /** True: usual or excused; false: outside usual hours; undefined: no opinion. */
  readonly usual: boolean | undefined;
  /** Why. */
  readonly why:
    | 'automation'
    | 'on_call'
    | 'maintenance'
    | 'configured_hours'
    | 'learned_hours'
    | undefined;
  /** The user's zone. */
  readonly zone: string;
  /** Local clock text `HH:MM` and weekday. */
  readonly local: string;
  /** Whether the verdict comes from configured hours (stronger) rather than learned ones. */
  readonly configured: boolean;
}

/** @internal Judges a login time for a user (on-call and maintenance windows excuse it). */
export function judgeTime(
  context: DetectorContext,
  user: string | undefined,
  host: string | undefined,
  time: number,
): TimeVerdict {
  const zone = userZone(context.config, user);
  const at = localPosition(time, zone);
  const local = `${at.day} ${String(at.hour).padStart(2, '0')}:${String(at.minute % 60).padStart(2, '0')}`;
  const base = { zone, local };
  if (isAutomation(context.config, user))
    return { ...base, usual: true, why: 'automation', configured: true };
  if (onCall(context.config, user, time))
    return { ...base, usual: true, why: 'on_call', configured: true };
  if (inMaintenance(context.config, time, host, user) !== undefined) {
    return { ...base, usual: true, why: 'maintenance', configured: true };
  }
  const hours = user === undefined ? [] : (context.config.users[user]?.usualHours ?? []);
  if (hours.length > 0) {
    const usual = hours.some((w) => inWindow(w, time, zone));
    return { ...base, usual, why: usual ? 'configured_hours' : undefined, configured: true };
  }
  const learned = user === undefined ? undefined : context.baselines?.users[user];
  if (learned !== undefined) {
    // Learned hours were counted in the zone of the baseline; read the time in that zone.
    const hour = localPosition(time, learned.timezone).hour;
    const usual = isUsualHour(learned, hour);
    return { ...base, usual, why: usual === true ? 'learned_hours' : undefined, configured: false };
  }
  return { ...base, usual: undefined, why: undefined, configured: false };
}

/** @internal Whether a user is a service account (configured, or learned by the baseline). */
export function isServiceAccount(context: DetectorContext, user: string | undefined): boolean {
  if (user === undefined) return false;
  return isAutomation(context.config, user) || context.baselines?.users[user]?.automation === true;
}

/** @internal The learned-network key of a source. */
export function networkKey(ip: string): string {
  return sourceNetwork(ip) ?? ip;
}

/** @internal Epoch ms as `2024-06-01T12:00:00Z`. */
export function isoSeconds(time: number): string {
  const valid = Number.isFinite(time) && Math.abs(time) <= 8.64e15;
  return `${new Date(valid ? time : 0).toISOString().slice(0, 19)}Z`;
}

/** @internal A short list for explanations: `a, b, c and 4 more`. */
export function listText(items: readonly string[], max = 5): string {
  if (items.length <= max) return items.join(', ');
  return `${items.slice(0, max).join(', ')} and ${items.length - max} more`;
}
