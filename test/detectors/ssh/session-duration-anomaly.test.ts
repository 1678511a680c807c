import { describe, expect, it } from 'vitest';
import { sessionDurationAnomaly } from '../../../src/detectors/index.js';
import { learn, run, summary } from '../harness.js';
import { exampleConfig } from './config.js';

const detectors = () => [sessionDurationAnomaly()];

describe('sessionDurationAnomaly', () => {
  it('reports a 9 h shell after 14 shells of 20-40 min', () => {
    const { findings } = run(['long-session.log'], { detectors: detectors() });
    expect(summary(findings)).toEqual(['medium alice@web1 from 198.51.100.7']);
    expect(findings[0]?.explanation).toMatch(
      /shell session .* lasted 9\.0 h .* median of 30 min over 14 sessions/,
    );
    expect(findings[0]?.time).toBe('2024-03-27T18:00:00.000Z');
  });

  it('uses the baseline of the same session kind when given', () => {
    const baselines = learn(['long-session.log']);
    const shell = baselines.users.alice?.durations.shell;
    expect(shell?.count).toBe(15);
    const lines = [
      'Apr  2 09:00:00 web1 sshd[10]: Accepted password for alice from 198.51.100.7 port 1 ssh2',
      'Apr  2 09:00:00 web1 sshd[10]: User child is on pid 11',
      'Mar 25 09:00:01 web1 sshd[11]: Starting session: shell on pts/1 for alice from 198.51.100.7 port 1 id 0',
      'Apr  2 23:00:00 web1 sshd[11]: Received disconnect from 198.51.100.7 port 1:11: disconnected by user',
      'Apr  2 23:00:00 web1 sshd[11]: Disconnected from user alice 198.51.100.7 port 1',
    ];
    const { findings } = run([{ source: 'a.log', lines }], { detectors: detectors(), baselines });
    expect(findings).toHaveLength(1);
    expect(findings[0]?.explanation).toContain('over 15 sessions');
  });

  it('stays quiet for automation accounts with frequent short sessions', () => {
    expect(
      run(['automation.log'], { detectors: detectors(), config: exampleConfig() }).findings,
    ).toEqual([]);
  });

  it('stays quiet across log rotation and the year rollover (the last session spans two files)', () => {
    const { findings, sessions } = run(['rotation-auth.log.1', 'rotation-auth.log'], {
      detectors: detectors(),
      year: undefined,
      referenceTime: Date.UTC(2025, 0, 3),
    });
    const spanning = sessions.find((s) => s.sourcePort === 50900);
    expect(spanning).toMatchObject({ state: 'closed', durationMs: 40 * 60_000 });
    expect(spanning?.evidence.map((e) => e.source)).toEqual([
      'rotation-auth.log.1',
      'rotation-auth.log.1',
      'rotation-auth.log',
      'rotation-auth.log',
      'rotation-auth.log',
    ]);
    expect(findings).toEqual([]);
  });

  it('never judges a session whose start was outside the logs', () => {
    const { findings } = run(['long-session.log', 'rotation-auth.log'], {
      detectors: detectors(),
      year: undefined,
      referenceTime: Date.UTC(2025, 0, 3),
    });
    // Only the 9 h shell; the rotated half-session (start unseen) is not judged.
    expect(findings.map((f) => f.sourceIp)).toEqual(['198.51.100.7']);
    expect(findings[0]?.explanation).toContain('9.0 h');
  });
});
