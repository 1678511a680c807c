import { describe, expect, it } from 'vitest';
import { createLogGapMonitor, type LogMark } from '../../../src/model/gaps/index.js';
import { identity, runLab } from '../join/network-scenario.js';
import { sessionOf } from '../join/session-builder.js';

const T = Date.UTC(2024, 5, 1, 12);

function mark(host: string, time: number, program: string, line: number): LogMark {
  return {
    host,
    time,
    program,
    source: { source: `${host}.log`, line, text: `${program} line ${line}` },
  };
}

describe('createLogGapMonitor on the multi-host lab', () => {
  const { gaps } = runLab();

  it('reports exactly the deleted db1 window, the missing login and the unended session', () => {
    expect(gaps.map((g) => [g.kind, g.host])).toEqual([
      ['gap.silence', 'db1'],
      ['gap.missing_login', 'db1'],
      ['gap.unended_session', 'app1'],
    ]);
  });

  it('cites the lines around the deleted window', () => {
    const silence = gaps.find((g) => g.kind === 'gap.silence');
    // db1's CRON heartbeat stops: the periodic rule sees it (its CRON-only lines are bursty, so
    // the time-jump rule, which needs a usual gap of a second or more, stays out of it).
    expect(silence).toMatchObject({
      basis: 'periodic',
      time: Date.parse('2024-06-01T12:19:01.300Z'),
      endTime: Date.parse('2024-06-01T12:42:01.000Z'),
      explanation:
        'CRON on db1 runs every 59.7 s but was silent for 23.0 min: its lines may have been deleted',
    });
    expect(silence?.evidence.map((p) => p.text)).toEqual([
      '2024-06-01T12:19:01.300+00:00 db1 CRON[3219]: pam_unix(cron:session): session closed for user root',
      '2024-06-01T12:42:01.000+00:00 db1 CRON[3242]: pam_unix(cron:session): session opened for user root(uid=0) by (uid=0)',
    ]);
  });

  it('reports the network-observed root login the host did not log, with Zeek and host lines', () => {
    const missing = gaps.find((g) => g.kind === 'gap.missing_login');
    expect(missing).toMatchObject({
      host: 'db1',
      network: { uid: 'CGone5', origIp: '10.0.1.5', origPort: 40200, authSuccess: true },
    });
    expect(missing?.evidence.map((p) => `${p.source}:${p.line}`)).toEqual([
      'ssh.log:13',
      'conn.json:3',
      'db1-auth.log:152',
      'db1-auth.log:153',
    ]);
  });

  it('reports bob@app1, open with no line for over an hour while app1 kept logging', () => {
    const unended = gaps.find((g) => g.kind === 'gap.unended_session');
    expect(unended).toMatchObject({ sessionId: 'app1/5100/1717243350000', user: 'bob' });
    expect(unended?.silentMs).toBeGreaterThan(3_600_000);
    expect(unended?.explanation).toBe(
      'session app1/5100/1717243350000 of bob has had no line for 60.5 min and never ended, while app1 kept logging',
    );
  });
});

describe('createLogGapMonitor', () => {
  it('learns a CRON period and reports missed runs while other lines continue', () => {
    const monitor = createLogGapMonitor({ minSilenceMs: 3_600_000 });
    const findings = [];
    let line = 0;
    for (let m = 0; m < 30; m++) {
      if (m >= 10 && m < 20) continue; // ten runs deleted
      findings.push(...monitor.observe(mark('web1', T + m * 60_000, 'CRON', ++line)));
      findings.push(...monitor.observe(mark('web1', T + m * 60_000 + 200, 'CRON', ++line)));
    }
    for (let s = 0; s < 30 * 60; s += 30)
      findings.push(...monitor.observe(mark('web2', T + s * 1000, 'sshd', ++line)));
    expect(findings).toEqual([
      expect.objectContaining({
        kind: 'gap.silence',
        host: 'web1',
        basis: 'periodic',
        program: 'CRON',
        // A run is one beat: from the end of one run to the start of the next.
        expectedMs: 59_800,
        silentMs: 659_800,
      }),
    ]);
  });

  it('names a host-less log plainly and gives a two-week silence in days', () => {
    const monitor = createLogGapMonitor();
    const hostless = (time: number, line: number): LogMark => ({
      host: undefined,
      time,
      program: 'sshd',
      source: { source: 'audit.log', line, text: `line ${line}` },
    });
    const findings = [];
    let line = 0;
    for (let s = 0; s < 3_600; s += 30)
      findings.push(...monitor.observe(hostless(T + s * 1000, ++line)));
    findings.push(...monitor.observe(hostless(T + 3_570_000 + 14.3 * 86_400_000, ++line)));
    expect(findings.map((f) => f.explanation)).toEqual([
      'an unnamed host logged nothing for 14.3 days, against a usual gap of 30.0 s: lines may have been deleted or not shipped',
    ]);
  });

  it('reports no missing login for failed, unmonitored or matched connections', () => {
    const monitor = createLogGapMonitor({ identity });
    const network = {
      uid: 'C1',
      sensor: 'z',
      time: T,
      origIp: '10.0.1.5',
      origPort: 1,
      respIp: '192.0.2.1',
      respPort: 22,
      clientBanner: undefined,
      serverBanner: undefined,
      authSuccess: true,
      authAttempts: 1,
      hostKeyFingerprint: undefined,
      hassh: undefined,
      origBytes: undefined,
      respBytes: undefined,
      durationMs: undefined,
      connState: undefined,
      evidence: [],
    };
    expect(monitor.join({ kind: 'unmatched_network', network, ssh: undefined })).toEqual([]);
    expect(
      monitor.join({
        kind: 'unmatched_session',
        session: {
          sessionId: 's',
          host: 'db1',
          user: 'a',
          authMethod: undefined,
          sourceIp: '1.1.1.1',
          sourcePort: 1,
          startTime: T,
          authTime: T,
        },
      }),
    ).toEqual([]);
  });

  it('forgets a session once it closes', () => {
    const monitor = createLogGapMonitor({ unendedAfterMs: 60_000 });
    monitor.session(sessionOf({ id: 's', host: 'web1', startTime: T, endTime: undefined }));
    monitor.session(sessionOf({ id: 's', host: 'web1', startTime: T, endTime: T + 1000 }));
    expect(monitor.observe(mark('web1', T + 3_600_000, 'CRON', 1))).toEqual([]);
    expect(() => createLogGapMonitor({ gapFactor: 0 })).toThrow(RangeError);
  });
});
