import { describe, expect, it } from 'vitest';
import { createProgress, progressText } from '../../src/cli/progress-bar.js';

describe('progressText', () => {
  it('shows bytes of total, percent, lines per second and time left', () => {
    expect(progressText(12e6, 48e6, 500_000, 2)).toBe(
      'sshtrail: 12.0 MB / 48.0 MB  25%  250k lines/s  ETA 0:06',
    );
  });

  it('never shows 100% before the end, and only a rate when the total is unknown', () => {
    expect(progressText(60e6, 48e6, 10, 1)).toContain('99%');
    expect(progressText(3e6, 0, 2_500_000, 1)).toBe('sshtrail: 3.0 MB  2.5M lines/s');
  });
});

describe('createProgress', () => {
  const run = (enabled: boolean) => {
    let now = 0;
    const out: string[] = [];
    const bar = createProgress({ total: 1e6, enabled, write: (t) => out.push(t), now: () => now });
    return {
      out,
      step(ms: number) {
        now += ms;
        bar.add(1000, 10_000);
      },
      finish: () => bar.finish(),
    };
  };

  it('draws nothing during the first second, then at most ten times a second, and clears at the end', () => {
    const p = run(true);
    for (let i = 0; i < 10; i++) p.step(50); // 0.5 s: nothing yet
    expect(p.out).toEqual([]);
    for (let i = 0; i < 40; i++) p.step(50); // 2 s more: at most 20 redraws
    expect(p.out.length).toBeGreaterThan(5);
    expect(p.out.length).toBeLessThanOrEqual(21);
    expect(p.out.every((t) => t.startsWith('\r\u001b[K'))).toBe(true);
    p.finish();
    expect(p.out.at(-1)).toBe('\r\u001b[K');
  });

  it('draws nothing at all when disabled (not a TTY, or --quiet)', () => {
    const p = run(false);
    for (let i = 0; i < 100; i++) p.step(100);
    p.finish();
    expect(p.out).toEqual([]);
  });
});
