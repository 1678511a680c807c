import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  capEvidence,
  createDetectorSet,
  createDetectors,
  createFinding,
  isoTime,
} from '../../src/detectors/index.js';
import type { SshtrailEvent } from '../../src/events/index.js';
import { eventsOf, run, runEvents } from './harness.js';
import { exampleConfig, exampleIntel } from './ssh/config.js';

const ALL = [
  'brute-force.log',
  'password-spray.log',
  'concurrent-hijack.log',
  'multiplexed-channel.log',
  'agent-forwarding.log',
  'long-session.log',
  'fan-out.log',
  'intel.log',
  'privilege-escalation.log',
];

describe('createFinding', () => {
  const spec = {
    detector: 'x.y',
    title: 't',
    severity: 'low' as const,
    confidence: 1.7,
    techniques: ['T1'],
    time: Date.UTC(2024, 0, 1),
    host: 'h',
    user: 'u',
    sourceIp: '192.0.2.1',
    sessionIds: [],
    explanation: 'e',
  };
  const line = (n: number) => ({ source: 'a.log', line: n, text: `line ${n}` });

  it('gives the same id for the same facts and a different one for other evidence', () => {
    const a = createFinding({ ...spec, evidence: [line(1)] });
    expect(createFinding({ ...spec, evidence: [line(1)] }).id).toBe(a.id);
    expect(createFinding({ ...spec, evidence: [line(2)] }).id).not.toBe(a.id);
    expect(a.id).toMatch(/^x\.y:[0-9a-f]{16}$/);
    expect(a.confidence).toBe(1);
    expect(a.time).toBe('2024-01-01T00:00:00.000Z');
  });

  it('keeps the id when the same file is named by another path', () => {
    const at = (source: string, text: string) => [{ source, line: 7, text }];
    const a = createFinding({ ...spec, evidence: at('logs/auth.log', 'Accepted') });
    expect(createFinding({ ...spec, evidence: at('/srv/case/logs/auth.log', 'Accepted') }).id).toBe(
      a.id,
    );
    expect(createFinding({ ...spec, evidence: at('logs/auth.log', 'Failed') }).id).not.toBe(a.id);
  });

  it('deduplicates and caps evidence, keeping the first and the latest lines', () => {
    const lines = Array.from({ length: 120 }, (_, i) => line(i + 1));
    const kept = capEvidence([...lines, line(5)], 50);
    expect(kept).toHaveLength(50);
    expect(kept[0]?.line).toBe(1);
    expect(kept.at(-1)?.line).toBe(120);
    expect(new Set(kept.map((l) => l.line)).size).toBe(50);
  });

  it('never throws on an out-of-range time', () => {
    expect(isoTime(Number.NaN)).toBe('1970-01-01T00:00:00.000Z');
    expect(isoTime(1e20)).toBe('1970-01-01T00:00:00.000Z');
  });
});

describe('createDetectorSet', () => {
  it('rejects two detectors with one id', () => {
    const [a] = createDetectors();
    expect(() => createDetectorSet(a === undefined ? [] : [a, a])).toThrow(TypeError);
  });

  it('continues from a JSON snapshot exactly where it stopped', () => {
    const config = exampleConfig();
    const intel = exampleIntel(config);
    const whole = run(ALL, { detectors: createDetectors(config), config, intel }).findings;
    const { inputs } = run(ALL, { detectors: [], config });
    // Replay the same inputs in two halves with a snapshot in between.
    const half = Math.floor(inputs.length / 2);
    const sessions = {
      sessionsOfUser: () => [],
      openSessions: () => [],
      loggedInAt: () => [],
      recentSessions: () => [],
      evictions: () => ({}) as never,
      size: () => ({}) as never,
    };
    const context = { sessions, baselines: undefined, intel, config };
    const first = createDetectorSet(createDetectors(config));
    const a = inputs.slice(0, half).flatMap((i) => first.push(i, context));
    const saved = JSON.parse(JSON.stringify(first.snapshot()));
    const second = createDetectorSet(createDetectors(config), { snapshot: saved });
    const b = inputs.slice(half).flatMap((i) => second.push(i, context));
    const fresh = createDetectorSet(createDetectors(config));
    const c = inputs.flatMap((i) => fresh.push(i, context));
    expect([...a, ...b]).toEqual(c);
    expect(whole.length).toBeGreaterThanOrEqual(8);
  });

  it('drops a finding id already emitted', () => {
    const set = createDetectorSet(createDetectors());
    const { inputs } = run(['brute-force.log'], { detectors: [] });
    const sessions = {
      sessionsOfUser: () => [],
      openSessions: () => [],
      loggedInAt: () => [],
      recentSessions: () => [],
      evictions: () => ({}) as never,
      size: () => ({}) as never,
    };
    const context = { sessions, baselines: undefined, intel: undefined, config: exampleConfig() };
    const first = inputs.flatMap((i) => set.push(i, context));
    expect(first.length).toBeGreaterThan(0);
    const again = createDetectorSet(createDetectors(), {
      snapshot: { ...set.snapshot(), states: {} },
    });
    expect(inputs.flatMap((i) => again.push(i, context))).toEqual([]);
  });
});

describe('detector properties', () => {
  const config = exampleConfig();
  const intel = exampleIntel(config);
  const base = eventsOf(ALL);
  const key = (f: {
    detector: string;
    time: string;
    user: string | undefined;
    host: string | undefined;
  }) => `${f.detector} ${f.time} ${f.user} ${f.host}`;

  it('are deterministic: the same input gives the same findings, ids included', () => {
    const a = runEvents(base, { detectors: createDetectors(config), config, intel }).findings;
    const b = runEvents(base, { detectors: createDetectors(config), config, intel }).findings;
    expect(a).toEqual(b);
  });

  it('shift with time: moving every event by a constant moves every finding by it (no hour logic)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -400, max: 400 }), (days) => {
        const delta = days * 86_400_000 + 7 * 60_000;
        const shifted = base.map((e) => ({ ...e, time: e.time + delta }) as SshtrailEvent);
        const a = runEvents(base, { detectors: createDetectors(), intel }).findings;
        const b = runEvents(shifted, { detectors: createDetectors(), intel }).findings;
        expect(b.map((f) => Date.parse(f.time) - delta)).toEqual(a.map((f) => Date.parse(f.time)));
        expect(b.map((f) => f.detector)).toEqual(a.map((f) => f.detector));
      }),
      { numRuns: 10 },
    );
  });

  it("are independent per user: other users' events interleaved do not change alice's findings", () => {
    const alice = eventsOf([
      'concurrent-hijack.log',
      'long-session.log',
      'privilege-escalation.log',
    ]);
    const others = eventsOf([
      'automation.log',
      'password-spray.log',
      'multiplexed-channel.log',
    ]).filter((e) => !('user' in e) || e.user !== 'alice');
    const merged = [...alice, ...others].sort((x, y) => x.time - y.time);
    const only = runEvents(alice, { detectors: createDetectors(config), config }).findings.filter(
      (f) => f.user === 'alice',
    );
    const mixed = runEvents(merged, { detectors: createDetectors(config), config }).findings.filter(
      (f) => f.user === 'alice',
    );
    expect(mixed.map(key)).toEqual(only.map(key));
  });

  it('keep bounded state over a long stream of distinct sources', () => {
    const events = eventsOf([
      {
        source: 'flood.log',
        lines: Array.from({ length: 5000 }, (_, i) => {
          const s = i % 60;
          return `Mar  1 10:${String(Math.floor(i / 100) % 60).padStart(2, '0')}:${String(s).padStart(2, '0')} web1 sshd[${1000 + i}]: Failed password for invalid user u${i} from 10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255} port 4000 ssh2`;
        }),
      },
    ]);
    const detectors = createDetectors({
      ...config,
      detectors: {
        'ssh.brute_force_success': { enabled: undefined, options: { maxSources: 100 } },
      },
    });
    const set = createDetectorSet(detectors);
    const sessions = {
      sessionsOfUser: () => [],
      openSessions: () => [],
      loggedInAt: () => [],
      recentSessions: () => [],
      evictions: () => ({}) as never,
      size: () => ({}) as never,
    };
    for (const event of events)
      set.push({ kind: 'event', event }, { sessions, baselines: undefined, intel, config });
    const snapshot = JSON.stringify(set.snapshot());
    expect(snapshot.length).toBeLessThan(200_000);
    const brute = set.snapshot().states['ssh.brute_force_success'] as { sources: { size: number } };
    expect(brute.sources.size).toBe(100);
  });
});
