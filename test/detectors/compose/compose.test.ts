import { describe, expect, it } from 'vitest';
import {
  absence,
  anyOf,
  createDetectorSet,
  eventOf,
  inputTime,
  not,
  sameEntity,
  sequence,
  sessionOf,
  threshold,
  within,
} from '../../../src/detectors/index.js';
import { run } from '../harness.js';

describe('within', () => {
  it.each([
    ['500ms', 500],
    ['30s', 30_000],
    ['10m', 600_000],
    ['2h', 7_200_000],
    ['1d', 86_400_000],
    [1234, 1234],
  ] as const)('reads %s as %d ms', (text, ms) => {
    expect(within(text)).toBe(ms);
  });

  it('throws RangeError for unreadable or negative windows', () => {
    expect(() => within('10 minutes')).toThrow(RangeError);
    expect(() => within(-1)).toThrow(RangeError);
  });
});

describe('threshold', () => {
  const failedBurst = () =>
    threshold({
      id: 'test.failed_burst',
      title: 'Failed password burst',
      match: eventOf('ssh.auth', (e) => e.outcome === 'failure'),
      key: sameEntity('sourceIp'),
      count: 10,
      within: '5m',
      severity: 'high',
      techniques: ['T1110.001'],
    });

  it('fires once when 10 failures of one source fall within 5 minutes', () => {
    const { findings } = run(['brute-force.log'], { detectors: [failedBurst()] });
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      detector: 'test.failed_burst',
      sourceIp: '203.0.113.77',
      severity: 'high',
    });
    expect(findings[0]?.evidence).toHaveLength(10);
    expect(findings[0]?.explanation).toContain('10 matching events for 203.0.113.77 within 5 min');
  });

  it('does not fire below the count', () => {
    expect(run(['password-spray.log'], { detectors: [failedBurst()] }).findings).toEqual([]);
  });

  it('rejects a bad id or count', () => {
    expect(() =>
      threshold({
        id: 'NoDots',
        title: 't',
        match: () => true,
        key: () => 'k',
        count: 1,
        within: 1,
      }),
    ).toThrow(TypeError);
    expect(() =>
      threshold({ id: 'a.b', title: 't', match: () => true, key: () => 'k', count: 0, within: 1 }),
    ).toThrow(RangeError);
  });

  it('keeps at most maxKeys keys', () => {
    const d = threshold({
      id: 'a.b',
      title: 't',
      match: () => true,
      key: sameEntity('sourceIp'),
      count: 100,
      within: '1h',
      maxKeys: 3,
    });
    const { inputs } = run(['password-spray.log', 'brute-force.log', 'fan-out.log', 'intel.log'], {
      detectors: [],
    });
    let state = d.init();
    for (const input of inputs) state = d.step(state, input, undefined as never).state;
    expect(state.keys.size).toBe(3);
    expect(state.keys.evicted).toBeGreaterThan(0);
  });
});

describe('sequence', () => {
  it('finds a session open followed by sudo of the same user within 10 minutes', () => {
    const d = sequence({
      id: 'test.quick_sudo',
      title: 'sudo soon after login',
      steps: [sessionOf('open'), eventOf('priv.sudo')],
      key: sameEntity('user'),
      within: '10m',
    });
    const { findings } = run(['privilege-escalation.log'], { detectors: [d] });
    expect(findings.map((f) => f.time)).toEqual([
      '2024-03-12T09:05:00.000Z',
      '2024-03-12T10:02:00.000Z',
      '2024-03-13T01:16:00.000Z',
    ]);
    expect(findings[0]?.sessionIds).toHaveLength(1);
    expect(findings[0]?.evidence.at(-1)?.text).toContain('sudo');
  });

  it('does not match out of the window', () => {
    const d = sequence({
      id: 'test.quick_sudo',
      title: 'sudo soon after login',
      steps: [sessionOf('open'), eventOf('priv.sudo')],
      key: sameEntity('user'),
      within: '90s',
    });
    const { findings } = run(['privilege-escalation.log'], { detectors: [d] });
    expect(findings.map((f) => f.time)).toEqual(['2024-03-13T01:16:00.000Z']);
  });
});

describe('absence and not', () => {
  const noClose = () =>
    absence({
      id: 'test.no_logout',
      title: 'Session not closed within 3 h',
      trigger: sessionOf('open'),
      expected: sessionOf('close'),
      key: sameEntity('session'),
      within: '3h',
    });

  it('fires for the 9 h session and not for the short ones', () => {
    const { findings } = run(['long-session.log'], { detectors: [noClose()] });
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ user: 'alice', time: '2024-03-27T12:00:00.000Z' });
  });

  it('reports a window that ran out only at flush when no later input came', () => {
    const set = createDetectorSet([noClose()]);
    const { inputs } = run(['long-session.log'], { detectors: [] });
    // The stream stops five minutes into the 9 h session.
    const cut = inputs.filter((i) => inputTime(i) <= Date.UTC(2024, 2, 27, 9, 5));
    const context = undefined as never;
    const found = cut.flatMap((i) => set.push(i, context));
    expect(found).toEqual([]);
    expect(set.flush(Date.UTC(2024, 2, 28), context)).toHaveLength(1);
  });

  it('not() and anyOf() compose matchers', () => {
    const d = threshold({
      id: 'test.non_root',
      title: 'Logins other than root',
      match: anyOf(
        sessionOf('open', (s) => s.user === 'root'),
        not(sessionOf('any')),
      ),
      key: () => 'all',
      count: 1,
      within: '1m',
    });
    const { findings } = run(
      [
        {
          source: 'a.log',
          lines: ['Mar  1 00:00:00 h sshd[1]: Server listening on 0.0.0.0 port 22.'],
        },
      ],
      { detectors: [d] },
    );
    expect(findings).toHaveLength(1);
  });
});
