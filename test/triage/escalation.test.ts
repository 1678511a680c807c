import { describe, expect, it } from 'vitest';
import { buildCase } from '../../src/triage/build-case.js';
import { decideEscalation } from '../../src/triage/escalation.js';
import { DEFAULT_ESCALATION_POLICY } from '../../src/triage/triage-options.js';
import { at, finding, SCENARIOS, session } from '../fixtures/triage/scenarios.js';

const byName = (name: string) => {
  const s = SCENARIOS.find((x) => x.name === name);
  if (s === undefined) throw new Error(`no scenario ${name}`);
  return s;
};

describe('decideEscalation', () => {
  it.each(SCENARIOS.map((s) => [s.name, s] as const))(
    'decides as the playbook prescribes: %s',
    (_name, scenario) => {
      const decision = decideEscalation(scenario.findings, DEFAULT_ESCALATION_POLICY);
      expect(decision.escalate).toBe(scenario.expectEscalate);
      expect(decision.reasons.length).toBeGreaterThan(0);
      expect(decision.rules.map((r) => r.rule)).toEqual([
        'unauthorized_session_access',
        'simultaneous_sessions_with_abnormal_source',
        'corroborated_lateral_movement_or_privilege_escalation',
        'known_malicious_source',
      ]);
      if (scenario.expectRule !== undefined) {
        const rule = decision.rules.find((r) => r.rule === scenario.expectRule);
        expect(rule?.met).toBe(true);
        // Every fired rule cites findings of the case, and its reason names them.
        for (const id of rule?.findings ?? []) {
          expect(scenario.findings.map((f) => f.id)).toContain(id);
          expect(rule?.reason).toContain(id);
        }
        expect(rule?.findings.length).toBeGreaterThan(0);
      } else {
        expect(decision.rules.every((r) => !r.met)).toBe(true);
      }
    },
  );

  it('says why not when simultaneous sessions lack an abnormal source', () => {
    const decision = decideEscalation(
      byName('simultaneous sessions from known sources only').findings,
      DEFAULT_ESCALATION_POLICY,
    );
    expect(decision.escalate).toBe(false);
    expect(decision.reasons).toContain(
      'Simultaneous sessions (f-c1), but no abnormal source or known malicious address.',
    );
  });

  it('names what it counted when no rule about simultaneous sessions holds', () => {
    // A case may still answer that sessions overlap (a hop chain): the rule counts only
    // ssh.concurrent_sessions findings, and its reason must not deny the overlap outright.
    const decision = decideEscalation(
      byName('privilege escalation alone').findings,
      DEFAULT_ESCALATION_POLICY,
    );
    const rule = decision.rules.find(
      (r) => r.rule === 'simultaneous_sessions_with_abnormal_source',
    );
    expect(rule?.reason).toBe(
      'No suspicious simultaneous sessions (no ssh.concurrent_sessions finding) and no abnormal or known malicious source.',
    );
  });

  it('says an uncorroborated privilege escalation does not escalate', () => {
    const decision = decideEscalation(
      byName('privilege escalation alone').findings,
      DEFAULT_ESCALATION_POLICY,
    );
    expect(decision.reasons).toContain(
      'ssh.privilege_escalation (f-e1) without corroborating findings from another detector.',
    );
  });

  it('does not let informational agent forwarding corroborate a privilege escalation', () => {
    const findings = [
      ...byName('privilege escalation alone').findings,
      ...byName('agent forwarding present, nothing else').findings,
    ];
    expect(decideEscalation(findings, DEFAULT_ESCALATION_POLICY).escalate).toBe(false);
  });

  describe('corroboration of lateral movement or privilege escalation', () => {
    // bob, on his own connection: a second terminal (id 1), then sudo /bin/bash in it.
    const bob = session({
      host: 'web01',
      pid: 9101,
      user: 'bob',
      ip: '10.60.1.52',
      port: 60110,
      start: at(16, 0, 1),
      end: at(16, 20),
      line: 2,
      sudo: { time: at(16, 3), command: '/bin/bash', line: 8 },
    });
    const channel = finding({
      id: 'f-m1',
      detector: 'ssh.multiplexed_channel',
      severity: 'low',
      techniques: ['T1563.001'],
      title: 'New channel on an existing SSH connection without authentication',
      time: at(16, 2, 30),
      host: 'web01',
      user: 'bob',
      ip: '10.60.1.52',
      sessions: [bob],
      evidence: [
        {
          source: 'web01/auth.log',
          line: 7,
          text: 'Mar  4 16:02:30 web01 sshd-session[9107]: Starting session: shell on pts/1 for bob from 10.60.1.52 port 60110 id 1',
        },
      ],
      explanation:
        "Channel 1 opened on bob's connection from 10.60.1.52 with no new authentication.",
    });
    const rootShell = finding({
      id: 'f-p1',
      detector: 'ssh.privilege_escalation',
      severity: 'low',
      techniques: ['T1548.003'],
      title: 'Privilege escalation in an SSH session',
      time: at(16, 3),
      host: 'web01',
      user: 'bob',
      ip: '10.60.1.52',
      sessions: [bob],
      evidence: [bob.privilegeChanges[0]?.evidence ?? { source: '', line: 1, text: '' }],
      explanation: 'bob ran sudo /bin/bash as root on web01.',
    });
    const newSource = finding({
      id: 'f-u1',
      detector: 'ssh.unusual_source',
      severity: 'medium',
      techniques: ['T1078'],
      title: 'Login from a source new for the user',
      time: at(16, 0, 1),
      host: 'web01',
      user: 'bob',
      ip: '10.60.1.52',
      sessions: [bob],
      evidence: bob.evidence.slice(0, 1),
      explanation: 'bob has not logged in from 10.60.1.52 before.',
    });
    const hop = finding({
      id: 'f-l1',
      detector: 'ssh.lateral_movement_chain',
      severity: 'medium',
      techniques: ['T1021.004'],
      title: 'Hop chain jump01 -> web01',
      time: at(16, 0, 1),
      host: 'web01',
      user: 'bob',
      ip: '10.60.1.52',
      sessions: [bob],
      evidence: bob.evidence.slice(0, 1),
      explanation: 'web01 was reached from a session on jump01.',
    });

    it('does not let a low finding of another detector corroborate a routine root shell', () => {
      const decision = decideEscalation([channel, rootShell], DEFAULT_ESCALATION_POLICY);
      expect(decision.escalate).toBe(false);
      expect(decision.reasons).toContain(
        'ssh.privilege_escalation (f-p1) without corroborating findings from another detector (below medium severity, routine on their own: f-m1).',
      );
    });

    it('lets a medium finding of another detector corroborate it', () => {
      const decision = decideEscalation([channel, rootShell, newSource], DEFAULT_ESCALATION_POLICY);
      expect(decision.escalate).toBe(true);
      expect(decision.reasons).toEqual([
        'ssh.privilege_escalation (f-p1) corroborated by ssh.unusual_source (f-u1).',
      ]);
    });

    it('lets both movement kinds corroborate each other when one is medium or higher', () => {
      const decision = decideEscalation([hop, rootShell], DEFAULT_ESCALATION_POLICY);
      expect(decision.escalate).toBe(true);
      expect(decision.reasons).toEqual([
        'ssh.lateral_movement_chain and ssh.privilege_escalation (f-l1, f-p1) corroborated by each other.',
      ]);
      const lowHop = { ...hop, severity: 'low' as const };
      expect(decideEscalation([lowHop, rootShell], DEFAULT_ESCALATION_POLICY).escalate).toBe(false);
    });

    it('counts low findings again when the policy lowers minCorroboratingSeverity', () => {
      const policy = { ...DEFAULT_ESCALATION_POLICY, minCorroboratingSeverity: 'low' as const };
      expect(decideEscalation([channel, rootShell], policy).escalate).toBe(true);
    });
  });

  it('escalates a known malicious address alone only when the policy says so', () => {
    const findings = byName('known malicious address alone').findings;
    const off = decideEscalation(findings, DEFAULT_ESCALATION_POLICY);
    expect(off.escalate).toBe(false);
    expect(off.reasons.join(' ')).toContain('alone it does not escalate');
    const on = decideEscalation(findings, {
      ...DEFAULT_ESCALATION_POLICY,
      escalateOnKnownMalicious: true,
    });
    expect(on.escalate).toBe(true);
    expect(on.reasons).toEqual([
      'A known malicious address: 194.26.29.102 is on blocklist.csv (f-g1).',
    ]);
  });

  it('counts a custom detector id when the policy lists it', () => {
    const findings = byName('unknown detector id').findings;
    expect(decideEscalation(findings, DEFAULT_ESCALATION_POLICY).escalate).toBe(false);
    const policy = {
      ...DEFAULT_ESCALATION_POLICY,
      unauthorizedAccess: [...DEFAULT_ESCALATION_POLICY.unauthorizedAccess, 'acme.odd_banner'],
    };
    expect(decideEscalation(findings, policy).escalate).toBe(true);
  });

  it('ignores findings below minConfidence', () => {
    const findings = byName('ControlMaster socket hijack').findings;
    const policy = { ...DEFAULT_ESCALATION_POLICY, minConfidence: 0.9 };
    expect(decideEscalation(findings, policy).escalate).toBe(false);
  });
});

describe('buildCase', () => {
  it('copies the decision into the contract fields escalate and reasons', () => {
    const s = byName('agent hijack on bastion, hop to web1, sudo there');
    const c = buildCase(s.findings, s.sessions);
    expect(c.type).toBe('case');
    expect(c.escalate).toBe(true);
    expect(c.reasons).toEqual([
      'Unauthorized session access: ssh.agent_socket_hijack (f-a1).',
      'ssh.lateral_movement_chain and ssh.privilege_escalation (f-a2, f-a3) corroborated by each other.',
    ]);
    expect(c.severity).toBe('critical');
    expect(c.hosts).toEqual(['bastion', 'web1']);
    expect(c.users).toEqual(['alice', 'mallory']);
    expect(c.sourceIps).toEqual(['10.0.0.5', '198.51.100.23', '203.0.113.77']);
  });

  it('rejects invalid options with a RangeError', () => {
    expect(() => buildCase([], [], { windowMs: -1 })).toThrow(RangeError);
    expect(() => buildCase([], [], { policy: { minConfidence: 2 } })).toThrow(RangeError);
  });
});
