import { describe, expect, it } from 'vitest';
import type { CaseAnswers } from '../../src/findings/case.js';
import { buildCase } from '../../src/triage/build-case.js';
import { at, finding, SCENARIOS, session } from '../fixtures/triage/scenarios.js';

const scenario = (i: number) => {
  const s = SCENARIOS[i];
  if (s === undefined) throw new Error('fixture');
  return s;
};

const KEYS: (keyof CaseAnswers)[] = [
  'suspected_source_ip',
  'simultaneous_sessions',
  'agent_forwarding',
  'privilege_escalation',
  'key_or_socket_access',
  'usual_login_behavior',
  'network_correlation',
  'failed_attempts_before',
];

describe('case answers', () => {
  it('answers every playbook question and L1 step with stable keys', () => {
    for (const s of SCENARIOS) {
      const c = buildCase(s.findings, s.sessions);
      expect(Object.keys(c.answers)).toEqual(KEYS);
      for (const a of Object.values(c.answers)) {
        expect(['yes', 'no', 'unknown']).toContain(a.answer);
        expect(a.detail.length).toBeGreaterThan(10);
        // `missing` exactly when unknown; evidence only behind a yes.
        expect(a.missing !== undefined).toBe(a.answer === 'unknown');
        if (a.answer !== 'yes') expect(a.evidence).toEqual([]);
      }
    }
  });

  it('answers the hijack case from its findings, citing their lines', () => {
    const s = scenario(0);
    const { answers } = buildCase(s.findings, s.sessions);
    expect(answers.key_or_socket_access.answer).toBe('yes');
    expect(answers.key_or_socket_access.findings).toEqual(['f-a1']);
    expect(answers.key_or_socket_access.evidence.map((e) => e.line)).toEqual([812, 813, 814]);
    expect(answers.agent_forwarding.answer).toBe('yes');
    expect(answers.privilege_escalation.answer).toBe('yes');
    expect(answers.privilege_escalation.evidence[0]?.text).toContain(
      'COMMAND=/usr/bin/cat /etc/shadow',
    );
    // mallory's unflagged root shell in a case session is part of the answer too, cited.
    expect(answers.privilege_escalation.detail).toBe(
      'Privilege escalation on web1 (f-a3). 2 sudo/su change(s) inside the case sessions: mallory sudo to root: /bin/bash (allowed) on bastion; alice sudo to root: /usr/bin/cat /etc/shadow (allowed) on web1.',
    );
    expect(answers.privilege_escalation.evidence.map((e) => e.line)).toEqual([204, 33]);
    // alice's session on bastion and the one opened with her key on web1 overlap.
    expect(answers.simultaneous_sessions.answer).toBe('yes');
    expect(answers.simultaneous_sessions.detail).toBe('2 sessions of alice overlap in time.');
  });

  it('says which log source would answer agent forwarding when it is unknown', () => {
    const s = scenario(2);
    const { answers } = buildCase(s.findings, s.sessions);
    expect(answers.agent_forwarding.answer).toBe('unknown');
    expect(answers.agent_forwarding.missing).toContain(
      'enable sshd LogLevel DEBUG1 or auditd socket rules',
    );
  });

  it('answers no to agent forwarding when DEBUG logs showed no agent request', () => {
    const s = scenario(2);
    const sessions = s.sessions.map((x) => ({ ...x, agentForwarding: false }));
    expect(buildCase(s.findings, sessions).answers.agent_forwarding.answer).toBe('no');
  });

  it('answers key and socket access no only when audit rules were in place', () => {
    const s = scenario(4);
    expect(buildCase(s.findings, s.sessions).answers.key_or_socket_access.answer).toBe('unknown');
    const audited = buildCase(s.findings, s.sessions, { dataSources: { auditSockets: true } });
    expect(audited.answers.key_or_socket_access.answer).toBe('no');
  });

  it('flags a listed source as suspected, naming the list', () => {
    const s = scenario(1);
    const a = buildCase(s.findings, s.sessions).answers.suspected_source_ip;
    expect(a.answer).toBe('yes');
    expect(a.detail).toBe('185.220.101.4 is listed in tor-exits.txt (f-b1).');
    expect(a.evidence[0]?.text).toContain('from 185.220.101.4 port 61002');
  });

  it('counts failed attempts before the session from the session record', () => {
    const s = scenario(5);
    const withoutFinding = s.findings.filter((f) => f.detector !== 'ssh.brute_force_success');
    const a = buildCase(withoutFinding, s.sessions).answers.failed_attempts_before;
    expect(a.answer).toBe('yes');
    expect(a.detail).toBe('41 failed attempt(s) before 1 session(s) of the case.');
  });

  it('reports the baseline when a profile is given', () => {
    const s = scenario(4);
    const c = buildCase(s.findings, s.sessions, {
      profileOf: (user) =>
        user === 'erin'
          ? { usualHours: '08:00-18:00 Europe/Berlin', usualSources: ['10.20.0.0/16 (office)'] }
          : undefined,
    });
    expect(c.answers.usual_login_behavior.answer).toBe('no');
    expect(c.answers.usual_login_behavior.detail).toContain(
      'erin: usual hours 08:00-18:00 Europe/Berlin, usual sources 10.20.0.0/16 (office)',
    );
    expect(c.answers.suspected_source_ip.answer).toBe('no');
  });

  it('says the baseline has no profile of the users, not that no baseline was given', () => {
    const s = scenario(4);
    const a = buildCase(s.findings, s.sessions, { profileOf: () => undefined }).answers
      .suspected_source_ip;
    expect(a.answer).toBe('unknown');
    expect(a.detail).toMatch(/^No threat-intel list was given and the baseline has no profile of /);
    expect(a.missing).not.toContain('scan --baseline');
  });

  it('correlates auth and network logs when a finding cites Zeek records', () => {
    const zeekLine =
      '1709544340.112233\tCk3Jd1a2B3c4D5e6\t10.0.0.5\t43122\t10.0.1.21\t22\t2\tT\tINBOUND\tSSH-2.0-OpenSSH_9.6p1\tSSH-2.0-OpenSSH_9.2p1';
    const s = session({
      host: 'web1',
      pid: 3100,
      user: 'alice',
      ip: '10.0.0.5',
      port: 43122,
      start: at(9, 25, 40),
    });
    const f = finding({
      id: 'f-n1',
      detector: 'ssh.lateral_movement_chain',
      title: 'Hop',
      severity: 'high',
      techniques: ['T1021.004'],
      time: at(9, 25, 40),
      host: 'web1',
      user: 'alice',
      ip: '10.0.0.5',
      sessions: [s],
      evidence: [...s.evidence.slice(0, 1), { source: 'zeek/ssh.log', line: 9, text: zeekLine }],
      explanation: 'alice hopped from 10.0.0.5 to web1.',
    });
    const joined = buildCase([f], [s]).answers.network_correlation;
    expect(joined.answer).toBe('yes');
    expect(joined.evidence).toEqual([{ source: 'zeek/ssh.log', line: 9, text: zeekLine }]);
    const noZeek = { ...f, evidence: s.evidence.slice(0, 1) };
    expect(buildCase([noZeek], [s]).answers.network_correlation.answer).toBe('unknown');
    const given = buildCase([noZeek], [s], { dataSources: { network: true } });
    expect(given.answers.network_correlation.answer).toBe('no');
  });
});

describe('simultaneous_sessions and hop chains', () => {
  // alice on bastion (server address 10.0.0.10) hops to web1; carol's session is unrelated.
  const bastion = {
    ...session({
      host: 'bastion',
      pid: 2210,
      user: 'alice',
      ip: '198.51.100.23',
      port: 51514,
      start: at(9, 2),
    }),
    localIp: '10.0.0.10',
  };
  const web1 = session({
    host: 'web1',
    pid: 3100,
    user: 'alice',
    ip: '10.0.0.10',
    port: 43122,
    start: at(9, 25),
  });
  const vpn = session({
    host: 'db1',
    pid: 4100,
    user: 'alice',
    ip: '203.0.113.77',
    port: 40022,
    start: at(9, 30),
  });
  const sudo = (s: typeof web1, host: string) =>
    finding({
      id: `f-${host}`,
      detector: 'ssh.privilege_escalation',
      title: 'sudo',
      severity: 'low',
      techniques: ['T1548.003'],
      time: s.startTime + 60_000,
      host,
      user: 'alice',
      ip: s.sourceIp ?? '',
      sessions: [s],
      evidence: s.evidence.slice(0, 1),
      explanation: 'alice ran sudo.',
    });

  it('answers no for a user’s own hop chain, naming it', () => {
    const { answers } = buildCase([sudo(web1, 'web1')], [bastion, web1], {}, [bastion.id]);
    expect(answers.simultaneous_sessions).toMatchObject({
      answer: 'no',
      detail:
        '2 sessions of alice overlap, but from one origin (hop chain bastion -> web1), not separate logins.',
    });
    // The same, known from the hop rather than from the server address.
    const plain = { ...bastion, localIp: undefined };
    const hop = [{ from: plain.id, to: web1.id }];
    expect(
      buildCase([sudo(web1, 'web1')], [plain, web1], {}, [plain.id], hop).answers
        .simultaneous_sessions.answer,
    ).toBe('no');
  });

  it('answers yes for a login from elsewhere, citing the Accepted lines', () => {
    const { answers } = buildCase(
      [sudo(web1, 'web1'), sudo(vpn, 'db1')],
      [bastion, web1, vpn],
      {},
      [bastion.id],
    );
    expect(answers.simultaneous_sessions.answer).toBe('yes');
    expect(answers.simultaneous_sessions.evidence.every((e) => e.text.includes('Accepted'))).toBe(
      true,
    );
  });

  it('answers yes when a known hop came from another user’s session', () => {
    // The hop graph tied the client to mallory's session: alice's two sessions are not a chain.
    const hop = [{ from: 'bastion/2301/1', to: web1.id }];
    const { answers } = buildCase([sudo(web1, 'web1')], [bastion, web1], {}, [bastion.id], hop);
    expect(answers.simultaneous_sessions.answer).toBe('yes');
  });
});
