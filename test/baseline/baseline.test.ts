import { describe, expect, it } from 'vitest';
import {
  baselineFromJson,
  baselineToJson,
  createBaselineLearner,
  isKnownSource,
  isUsualHour,
  robustScore,
  robustStats,
  sourceNetwork,
} from '../../src/baseline/index.js';
import { learn, run } from '../detectors/harness.js';
import { exampleConfig } from '../detectors/ssh/config.js';

describe('robustStats', () => {
  it('computes median and MAD, robust to one outlier', () => {
    expect(robustStats([10, 12, 11, 300])).toEqual({ count: 4, median: 11.5, mad: 1 });
    expect(robustStats([])).toEqual({ count: 0, median: 0, mad: 0 });
    expect(robustScore({ count: 9, median: 100, mad: 0 }, 160, 60)).toBe(1);
  });
});

describe('sourceNetwork', () => {
  it.each([
    ['198.51.100.7', '198.51.100.0/24'],
    ['2001:db8:1:2:3::4', '2001:db8:1:2::/64'],
    ['not an ip', undefined],
  ])('%s -> %s', (ip, net) => {
    expect(sourceNetwork(ip)).toBe(net);
  });
});

describe('createBaselineLearner', () => {
  it("learns hours in the user's zone, networks, hosts, hop paths and durations by kind", () => {
    const config = exampleConfig();
    const b = learn(['long-session.log', 'jump-chain.log', 'dst-change.log'], config);
    const alice = b.users.alice;
    expect(alice).toBeDefined();
    if (alice === undefined) return;
    expect(alice.timezone).toBe('Europe/Berlin');
    // 09:00 UTC in March (CET) is 10:00 local for long-session.log; dst-change.log is 09:00 local.
    expect(alice.hours[10]).toBe(15);
    expect(alice.hours[9]).toBe(15);
    expect(alice.networks).toEqual(['10.0.0.0/24', '198.51.100.0/24']);
    expect(alice.hosts).toEqual(['bastion', 'web1', 'web2']);
    expect(alice.hops).toEqual(['bastion>web2']);
    expect(alice.durations.shell?.count).toBe(17);
    expect(alice.durations.shell?.median).toBe(30 * 60_000);
    expect(alice.automation).toBe(false);
    expect(isUsualHour(alice, 9)).toBe(true);
    expect(isUsualHour(alice, 3)).toBe(false);
    expect(isKnownSource(alice, '198.51.100.200')).toBe(true);
    expect(isKnownSource(alice, '203.0.113.9')).toBe(false);
  });

  it('learns the service-account shape of frequent short sessions', () => {
    const b = learn(['automation.log']);
    expect(b.users.deploy).toMatchObject({
      sessions: 36,
      automation: true,
      hosts: ['web1', 'web2', 'web3', 'web4', 'web5', 'web6'],
    });
  });

  it('keeps the latest copy of a session pushed several times, within the history window', () => {
    const { sessions } = run(['long-session.log'], { detectors: [] });
    const learner = createBaselineLearner({
      from: Date.UTC(2024, 2, 10),
      to: Date.UTC(2024, 2, 15),
    });
    for (const s of [...sessions, ...sessions]) learner.push(s);
    const b = learner.baseline();
    expect(b.users.alice?.sessions).toBe(4);
    expect(b.from).toBe(Date.UTC(2024, 2, 11, 9));
    expect(b.to).toBe(Date.UTC(2024, 2, 14, 9));
  });

  it('bounds sessions per user and users', () => {
    const { sessions } = run(['automation.log', 'long-session.log'], { detectors: [] });
    const learner = createBaselineLearner({ maxSessionsPerUser: 10, maxUsers: 1 });
    for (const s of sessions) learner.push(s);
    const b = learner.baseline();
    expect(Object.keys(b.users)).toHaveLength(1);
    expect(Object.values(b.users)[0]?.sessions).toBe(10);
  });

  it('rejects invalid options', () => {
    expect(() => createBaselineLearner({ maxUsers: 0 })).toThrow(RangeError);
    expect(() => createBaselineLearner({ v4Prefix: 33 })).toThrow(RangeError);
  });
});

describe('baselineToJson / baselineFromJson', () => {
  it('round-trips a learned baseline', () => {
    const b = learn(['long-session.log', 'automation.log']);
    const back = baselineFromJson(baselineToJson(b));
    expect(back).toEqual({ ok: true, baseline: JSON.parse(JSON.stringify(b)) });
  });

  it.each([
    ['{', 'not valid JSON'],
    ['{"format":"x"}', 'not an sshtrail baseline'],
    ['{"format":"sshtrail.baseline","version":2,"users":{}}', 'unsupported baseline version 2'],
    ['{"format":"sshtrail.baseline","version":1,"users":{"a":{"user":"a"}}}', 'users.a.sessions'],
  ])('rejects %s', (text, error) => {
    const r = baselineFromJson(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain(error);
  });
});
