import { describe, expect, it } from 'vitest';
import { bruteForceSuccess } from '../../../src/detectors/index.js';
import { run } from '../harness.js';

const detectors = () => [bruteForceSuccess()];

describe('bruteForceSuccess', () => {
  it('reports 12 failed passwords for root followed by an accepted password from the same source', () => {
    const { findings } = run(['brute-force.log'], { detectors: detectors() });
    expect(findings).toHaveLength(1);
    const [f] = findings;
    expect(f).toMatchObject({
      type: 'finding',
      detector: 'ssh.brute_force_success',
      severity: 'critical',
      techniques: ['T1110.001'],
      time: '2024-03-04T09:03:40.000Z',
      host: 'bastion',
      user: 'root',
      sourceIp: '203.0.113.77',
    });
    expect(f?.explanation).toContain('12 failed logins from 203.0.113.77');
    expect(f?.evidence.at(-1)?.text).toContain('Accepted password for root from 203.0.113.77');
    expect(f?.evidence.filter((e) => e.text.includes('Failed password'))).toHaveLength(12);
    // The admin's own login interleaved with the attack is not evidence.
    expect(f?.evidence.some((e) => e.text.includes('alice'))).toBe(false);
  });

  it('names the session the accepted login opened, so triage finds it', () => {
    const { findings, sessions } = run(['brute-force.log'], { detectors: detectors() });
    const root = sessions.filter((s) => s.user === 'root' && s.sourceIp === '203.0.113.77');
    expect(root).toHaveLength(1);
    expect(findings[0]?.sessionIds).toEqual([root[0]?.id]);
  });

  it('reports password spraying: invalid users tried from one source, then a success', () => {
    const { findings } = run(['password-spray.log'], { detectors: detectors() });
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ user: 'bob', sourceIp: '192.0.2.201', severity: 'high' });
    expect(findings[0]?.techniques).toContain('T1110.003');
    // `Invalid user x` and `Failed password for invalid user x` on one connection count once.
    expect(findings[0]?.explanation).toContain('6 failed logins');
  });

  it('stays quiet when a client offers several keys before the accepted one (same connection)', () => {
    const { findings, sessions } = run(['key-offering.log'], { detectors: detectors() });
    expect(sessions).toHaveLength(3);
    expect(findings).toEqual([]);
  });

  it('stays quiet when failures are older than the window before the success', () => {
    const lines = [
      ...Array.from(
        { length: 6 },
        (_, i) =>
          `Mar  4 08:0${i}:00 web1 sshd[${100 + i}]: Failed password for alice from 198.51.100.7 port ${5000 + i} ssh2`,
      ),
      'Mar  4 08:30:00 web1 sshd[200]: Accepted password for alice from 198.51.100.7 port 5100 ssh2',
    ];
    expect(run([{ source: 'a.log', lines }], { detectors: detectors() }).findings).toEqual([]);
    const close = lines.map((l) => l.replace('08:30:00', '08:06:00'));
    expect(
      run([{ source: 'a.log', lines: close }], { detectors: detectors() }).findings,
    ).toHaveLength(1);
  });

  it('takes the source from the trusted end of the line, not an injected user name', () => {
    const lines = [
      ...Array.from(
        { length: 6 },
        (_, i) =>
          `Mar  4 08:00:0${i} web1 sshd[${100 + i}]: Failed password for invalid user x from 10.9.9.9 port 22 from 203.0.113.5 port ${5000 + i} ssh2`,
      ),
      'Mar  4 08:00:09 web1 sshd[200]: Accepted password for alice from 203.0.113.5 port 5100 ssh2',
    ];
    const { findings } = run([{ source: 'a.log', lines }], { detectors: detectors() });
    expect(findings.map((f) => f.sourceIp)).toEqual(['203.0.113.5']);
  });

  it('validates its options', () => {
    expect(() => bruteForceSuccess({ minFailures: 0 })).toThrow(RangeError);
    expect(() => bruteForceSuccess({ windowMs: Number.NaN })).toThrow(TypeError);
    expect(() => bruteForceSuccess({ minFailure: 3 } as never)).toThrow(
      /unknown option minFailure/,
    );
  });
});
