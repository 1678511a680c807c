import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/findings/finding.js';
import type { SshSession } from '../../src/model/session.js';
import { createTriage } from '../../src/triage/create-triage.js';
import { at, finding, session } from '../fixtures/triage/scenarios.js';

const HOUR = 3_600_000;

// Two incidents far apart on one host: a brute-forced root login at 01:00, then alice's sudo
// at 11:00 (more than two 4-hour windows later).
const rootSession = session({
  host: 'web1',
  pid: 4100,
  user: 'root',
  ip: '203.0.113.77',
  port: 40022,
  start: at(1, 0, 5),
  end: at(1, 20),
  failed: 12,
  line: 100,
});
const aliceSession = session({
  host: 'web1',
  pid: 5200,
  user: 'alice',
  ip: '198.51.100.23',
  port: 51514,
  start: at(11, 0),
  line: 900,
});

function rootFinding(): Finding {
  return finding({
    id: 'f-root',
    detector: 'ssh.brute_force_success',
    title: 'Brute force followed by a successful login',
    severity: 'critical',
    techniques: ['T1110.001'],
    time: at(1, 0, 5),
    host: 'web1',
    user: 'root',
    ip: '203.0.113.77',
    sessions: [rootSession],
    evidence: [rootSession.evidence[0] as SshSession['evidence'][number]],
    explanation:
      '12 failed logins from 203.0.113.77 were followed by an accepted password for root.',
  });
}

function aliceFinding(): Finding {
  return finding({
    id: 'f-alice',
    detector: 'ssh.privilege_escalation',
    title: 'Privilege escalation in an SSH session',
    severity: 'medium',
    techniques: ['T1548.003'],
    time: at(11, 5),
    host: 'web1',
    user: 'alice',
    ip: '198.51.100.23',
    sessions: [aliceSession],
    evidence: [aliceSession.evidence[0] as SshSession['evidence'][number]],
    explanation: 'alice ran sudo as root on web1 in a session from a new source.',
  });
}

describe('Triage.settle', () => {
  it('emits a case quiet for two windows whose sessions closed, exactly as flush would build it', () => {
    const streaming = createTriage();
    streaming.addSession(rootSession);
    streaming.addFinding(rootFinding());
    // Still inside two windows of the finding: nothing settles.
    expect(streaming.settle(at(1, 0) + 8 * HOUR)).toEqual([]);
    const settled = streaming.settle(at(10, 0));
    expect(settled.map((c) => c.findings)).toEqual([['f-root']]);
    expect(streaming.size().openCases).toBe(0);

    const atEnd = createTriage();
    atEnd.addSession(rootSession);
    atEnd.addFinding(rootFinding());
    expect(settled).toEqual(atEnd.flush());
  });

  it('keeps a quiet case open while one of its sessions is still open', () => {
    const open = { ...rootSession, state: 'open' as const, endTime: undefined };
    const triage = createTriage();
    triage.addSession(open);
    triage.addFinding(rootFinding());
    expect(triage.settle(at(12, 0))).toEqual([]);
    expect(triage.size().openCases).toBe(1);
    expect(triage.size().sessions).toBe(1);
  });

  it('forgets closed sessions no open case cites once they ended more than a window ago', () => {
    const triage = createTriage();
    triage.addSession(rootSession);
    triage.addSession(aliceSession);
    triage.settle(at(11, 10));
    // root's session ended at 01:20; alice's is open.
    expect(triage.size().sessions).toBe(1);
    triage.addFinding(aliceFinding());
    const [c] = triage.flush();
    expect(c?.sessions).toEqual([aliceSession.id]);
  });

  it('keeps a session an open case cites, however old', () => {
    const triage = createTriage();
    triage.addSession(rootSession);
    triage.addFinding(rootFinding());
    triage.addSession(aliceSession);
    // 03:00 is within two windows of the root finding: its case stays open and pins the session.
    triage.settle(at(3, 0) + 4 * HOUR + 30 * 60_000);
    expect(triage.size().sessions).toBe(2);
  });

  it('forgets an open session only after the idle horizon plus a window', () => {
    const triage = createTriage();
    triage.addSession(aliceSession);
    const lastSeen = aliceSession.lastSeenTime;
    triage.settle(lastSeen + 2 * HOUR, 24 * HOUR);
    expect(triage.size().sessions).toBe(1);
    triage.settle(lastSeen + 29 * HOUR, 24 * HOUR);
    expect(triage.size().sessions).toBe(0);
  });
});
