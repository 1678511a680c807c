import type { Baseline, UserBaseline } from '../baseline/baseline.js';
import type { RecurringWindow, SshtrailConfig } from '../config/config.js';
import { userZone } from '../config/lookup.js';
import type { UserProfile } from './triage-options.js';

/**
 * Where {@link userProfiles} reads usual behaviour from.
 *
 * @example
 * ```ts
 * const from: ProfileSources = { config, baseline };
 * ```
 */
export interface ProfileSources {
  /** The configuration: users' `usualHours` and `usualSources`. */
  readonly config?: SshtrailConfig;
  /** A learned baseline (`sshtrail baseline`): hours and networks of past sessions. */
  readonly baseline?: Baseline;
}

/**
 * The `profileOf` option of triage from what a scan was given: configured usual hours and
 * sources take precedence, learned baseline hours and networks fill in.
 *
 * @param from - The configuration and the baseline, either optional.
 * @returns A lookup giving a user's profile (`undefined` for a user neither knows), or
 *   `undefined` when neither knows any user (answers then say no baseline was given).
 * @example
 * ```ts
 * const profileOf = userProfiles({ baseline });
 * const analyzer = createAnalyzer({ baseline, triage: { ...(profileOf ? { profileOf } : {}) } });
 * ```
 */
export function userProfiles(
  from: ProfileSources,
): ((user: string) => UserProfile | undefined) | undefined {
  const config = from.config;
  const configured = config?.users ?? {};
  const learned = from.baseline?.users ?? {};
  if (Object.keys(configured).length === 0 && Object.keys(learned).length === 0) return undefined;
  return (user) => {
    // Own-property lookups only: a user named `constructor` must not find Object's.
    const conf = Object.hasOwn(configured, user) ? configured[user] : undefined;
    const base = Object.hasOwn(learned, user) ? learned[user] : undefined;
    const zone = config === undefined ? 'UTC' : userZone(config, user);
    const hours = (conf?.usualHours ?? []).map((w) => windowText(w, zone));
    const sources = [...(conf?.usualSources ?? []), ...(base?.networks ?? [])];
    if (hours.length === 0 && sources.length === 0 && base === undefined) return undefined;
    const configuredAny = hours.length > 0 || (conf?.usualSources.length ?? 0) > 0;
    const profile: UserProfile = {
      usualHours:
        hours.length > 0 ? hours.join(', ') : base === undefined ? undefined : learnedHours(base),
      usualSources: [...new Set(sources)],
    };
    return configuredAny || base === undefined
      ? profile
      : { ...profile, learnedSessions: base.sessions };
  };
}

function windowText(w: RecurringWindow, zone: string): string {
  const days = w.days.length === 0 || w.days.length === 7 ? 'daily' : w.days.join(',');
  return `${w.start}-${w.end} ${w.timezone ?? zone}, ${days}`;
}

/** Runs of hours with session starts, e.g. `08:00-11:59, 14:00-14:59 UTC (40 sessions)`. */
function learnedHours(b: UserBaseline): string {
  const runs: string[] = [];
  let start: number | undefined;
  for (let h = 0; h <= 24; h++) {
    const busy = h < 24 && (b.hours[h] ?? 0) > 0;
    if (busy && start === undefined) start = h;
    if (!busy && start !== undefined) {
      runs.push(`${pad(start)}:00-${pad(h - 1)}:59`);
      start = undefined;
    }
  }
  const when = runs.length === 0 ? 'none recorded' : runs.join(', ');
  return `${when} ${b.timezone} (learned from ${b.sessions} session${b.sessions === 1 ? '' : 's'})`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
