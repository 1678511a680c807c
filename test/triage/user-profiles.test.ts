import { describe, expect, it } from 'vitest';
import type { Baseline } from '../../src/baseline/baseline.js';
import { parseConfig } from '../../src/config/parse-config.js';
import { userProfiles } from '../../src/triage/user-profiles.js';

const hours = (counts: Readonly<Record<number, number>>): number[] =>
  Array.from({ length: 24 }, (_, h) => counts[h] ?? 0);

const baseline: Baseline = {
  format: 'sshtrail.baseline',
  version: 1,
  from: Date.UTC(2026, 10, 2),
  to: Date.UTC(2026, 10, 27),
  users: {
    alice: {
      user: 'alice',
      sessions: 41,
      timezone: 'Europe/Berlin',
      hours: hours({ 8: 10, 9: 12, 10: 9, 14: 10 }),
      networks: ['10.60.1.0/24'],
      sources: ['10.60.1.14'],
      hosts: ['jump01'],
      hops: ['jump01>db02'],
      durations: {},
      maxConcurrentSources: 1,
      multiplexed: 0,
      automation: false,
    },
  },
};

describe('userProfiles', () => {
  it('gives nothing when neither the config nor the baseline knows a user', () => {
    expect(userProfiles({})).toBeUndefined();
  });

  it('describes learned hours as runs in the baseline zone, with the networks', () => {
    const profileOf = userProfiles({ baseline });
    expect(profileOf?.('alice')).toEqual({
      usualHours: '08:00-10:59, 14:00-14:59 Europe/Berlin (learned from 41 sessions)',
      usualSources: ['10.60.1.0/24'],
      learnedSessions: 41,
    });
    expect(profileOf?.('eve')).toBeUndefined();
    expect(profileOf?.('constructor')).toBeUndefined();
  });

  it('prefers configured hours and adds configured sources', () => {
    const parsed = parseConfig({
      timezone: 'Europe/Berlin',
      users: {
        alice: {
          usualHours: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '08:00', end: '19:00' }],
          usualSources: ['10.8.0.0/16'],
        },
      },
    });
    if (!parsed.ok) throw new Error(parsed.errors.join('; '));
    expect(userProfiles({ config: parsed.config, baseline })?.('alice')).toEqual({
      usualHours: '08:00-19:00 Europe/Berlin, mon,tue,wed,thu,fri',
      usualSources: ['10.8.0.0/16', '10.60.1.0/24'],
    });
  });
});
