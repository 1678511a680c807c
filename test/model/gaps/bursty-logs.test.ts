import { describe, expect, it } from 'vitest';
import { createLogGapMonitor } from '../../../src/model/gaps/index.js';

const mark = (time: number, line: number) => ({
  host: 'LabSZ',
  time,
  program: 'sshd',
  source: { source: 'auth.log', line, text: `line ${line}` },
});

describe('createLogGapMonitor on event-driven logs', () => {
  it('reports no silence for bursts of same-second lines separated by quiet spells', () => {
    const monitor = createLogGapMonitor();
    const found = [];
    let line = 0;
    // loghub-like: bursts of 20 lines in one second, then 14 minutes of nothing, 30 times.
    for (let burst = 0; burst < 30; burst++) {
      const start = Date.UTC(2024, 11, 10, 6, 0) + burst * 14 * 60_000;
      for (let i = 0; i < 20; i++) found.push(...monitor.observe(mark(start + i * 10, ++line)));
    }
    expect(found).toEqual([]);
  });

  it('still reports a host that logged every few seconds and then went quiet for an hour', () => {
    const monitor = createLogGapMonitor();
    const found = [];
    let t = Date.UTC(2024, 11, 10, 6, 0);
    for (let i = 1; i <= 100; i++) {
      t += 5000;
      found.push(...monitor.observe(mark(t, i)));
    }
    found.push(...monitor.observe(mark(t + 3_600_000, 101)));
    expect(found.map((g) => [g.kind, g.kind === 'gap.silence' ? g.basis : ''])).toEqual([
      ['gap.silence', 'time_jump'],
    ]);
  });
});
