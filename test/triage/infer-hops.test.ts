import { describe, expect, it } from 'vitest';
import type { SshSession } from '../../src/model/session.js';
import { createTriage } from '../../src/triage/create-triage.js';
import { inferHops } from '../../src/triage/infer-hops.js';
import { at, finding, session } from '../fixtures/triage/scenarios.js';

// bastion answers on 10.0.0.10 (`Connection from ... on 10.0.0.10 port 22`, VERBOSE).
const onBastion = (s: SshSession): SshSession => ({ ...s, localIp: '10.0.0.10', localPort: 22 });
const alice = onBastion(
  session({
    host: 'bastion',
    pid: 2210,
    user: 'alice',
    ip: '198.51.100.23',
    port: 51514,
    start: at(9, 2),
  }),
);
const mallory = onBastion(
  session({
    host: 'bastion',
    pid: 2301,
    user: 'mallory',
    ip: '203.0.113.77',
    port: 40022,
    start: at(9, 20),
  }),
);
const closed = onBastion(
  session({
    host: 'bastion',
    pid: 2100,
    user: 'carol',
    ip: '10.20.0.31',
    port: 40100,
    start: at(8, 0),
    end: at(8, 30),
  }),
);
const aliceOnWeb1 = session({
  host: 'web1',
  pid: 3100,
  user: 'alice',
  ip: '10.0.0.10',
  port: 43122,
  start: at(9, 25),
});
const bobOnWeb1 = session({
  host: 'web1',
  pid: 3200,
  user: 'bob',
  ip: '10.0.0.10',
  port: 43200,
  start: at(9, 26),
});
const carolOnWeb1 = session({
  host: 'web1',
  pid: 3300,
  user: 'carol',
  ip: '10.0.0.10',
  port: 43300,
  start: at(8, 45),
});

describe('inferHops', () => {
  it('links a session to the open session of the same user on the host it came from', () => {
    // Two sessions were open on bastion: picking alice's by user is a guess, and says so.
    expect(inferHops([alice, mallory, closed, aliceOnWeb1])).toEqual([
      { from: alice.id, to: aliceOnWeb1.id, attribution: 'same_user', openSessions: 2 },
    ]);
  });

  it('links nothing when several sessions were open and none is of the same user', () => {
    expect(inferHops([alice, mallory, bobOnWeb1])).toEqual([]);
    expect(inferHops([mallory, bobOnWeb1])).toEqual([
      { from: mallory.id, to: bobOnWeb1.id, attribution: 'only_session', openSessions: 1 },
    ]);
  });

  it('does not link to a session that had ended, started later, or is on the same host', () => {
    expect(inferHops([closed, carolOnWeb1])).toEqual([]);
    const later = { ...aliceOnWeb1, startTime: at(9, 0) };
    expect(inferHops([mallory, later])).toEqual([]);
    const sameHost = { ...aliceOnWeb1, host: 'bastion' };
    expect(inferHops([alice, sameHost])).toEqual([]);
  });
});

describe('createTriage hop inference', () => {
  const onWeb1 = finding({
    id: 'f-w1',
    detector: 'ssh.privilege_escalation',
    title: 'sudo',
    severity: 'high',
    techniques: ['T1548.003'],
    time: at(9, 27),
    host: 'web1',
    user: 'alice',
    ip: '10.0.0.10',
    sessions: [aliceOnWeb1],
    evidence: [],
    explanation: 'alice ran sudo on web1.',
  });
  const onBastion = finding({
    id: 'f-b1',
    detector: 'ssh.agent_socket_hijack',
    title: 'agent',
    severity: 'critical',
    techniques: ['T1563.001'],
    time: at(9, 24),
    host: 'bastion',
    user: 'mallory',
    ip: '203.0.113.77',
    sessions: [alice, mallory],
    evidence: [],
    explanation: "mallory used alice's agent.",
  });

  it('joins findings across the inferred hop', () => {
    const triage = createTriage({ groupBy: ['session'] });
    for (const s of [alice, mallory, aliceOnWeb1]) triage.addSession(s);
    triage.addFinding(onBastion);
    triage.addFinding(onWeb1);
    expect(triage.flush().map((c) => c.findings)).toEqual([['f-b1', 'f-w1']]);
  });

  it('can be turned off', () => {
    const triage = createTriage({ groupBy: ['session'], inferHops: false });
    for (const s of [alice, mallory, aliceOnWeb1]) triage.addSession(s);
    triage.addFinding(onBastion);
    triage.addFinding(onWeb1);
    expect(triage.flush()).toHaveLength(2);
  });
});
