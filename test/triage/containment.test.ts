import { describe, expect, it } from 'vitest';
import { buildCase } from '../../src/triage/build-case.js';
import {
  ALICE_SOCKET,
  at,
  FP_ALICE,
  finding,
  SCENARIOS,
  session,
} from '../fixtures/triage/scenarios.js';

const scenario = (i: number) => {
  const s = SCENARIOS[i];
  if (s === undefined) throw new Error('fixture');
  return s;
};

describe('case containment', () => {
  const hijack = scenario(0);
  const c = buildCase(hijack.findings, hijack.sessions);
  const of = (action: string) => c.containment.filter((s) => s.action === action);

  it('names each session to terminate with its host, sshd monitor pid and logind session', () => {
    expect(of('terminate_session').map((s) => [s.host, s.command])).toEqual([
      ['bastion', 'kill 2301; loginctl terminate-session 44'],
      ['bastion', 'kill 2210; loginctl terminate-session 41'],
      ['web1', 'kill 3100; loginctl terminate-session 7'],
    ]);
    expect(of('terminate_session')[0]?.target).toBe(
      'bastion: sshd pid 2301, logind session 44 (mallory from 203.0.113.77)',
    );
  });

  it('revokes the key from the authorized_keys line that matched, per host', () => {
    expect(of('revoke_key').map((s) => s.target)).toEqual([
      `${FP_ALICE} from alice's authorized_keys on bastion (/home/alice/.ssh/authorized_keys:2)`,
      `${FP_ALICE} from alice's authorized_keys on web1 (/home/alice/.ssh/authorized_keys:1)`,
    ]);
    expect(of('revoke_key')[1]?.command).toBe('remove line 1 of /home/alice/.ssh/authorized_keys');
  });

  it('resets the accounts involved and reviews the permissions of the one that escalated', () => {
    expect(of('reset_credentials').map((s) => s.target)).toEqual([
      'account alice (seen on web1)',
      'account mallory (seen on bastion)',
    ]);
    expect(of('review_permissions').map((s) => s.target)).toEqual([
      'sudoers and group membership of alice on web1',
    ]);
  });

  it('disables agent forwarding on the server and the clients', () => {
    const steps = of('disable_agent_forwarding');
    expect(steps.map((s) => s.command)).toEqual([
      'AllowAgentForwarding no (then reload sshd)',
      'ForwardAgent no; ClearAllForwardings yes (use ProxyJump instead of agent forwarding)',
    ]);
    expect(steps[0]?.target).toBe('bastion: /etc/ssh/sshd_config');
  });

  it('isolates the compromised hosts and lists the indicators to sweep for', () => {
    expect(of('isolate_host').map((s) => s.target)).toEqual(['bastion', 'web1']);
    expect(of('isolate_host')[1]?.why).toBe(
      'ssh.lateral_movement_chain (f-a2), ssh.privilege_escalation (f-a3) on web1: isolate it for forensic analysis (residual binaries, scripts, agent sockets).',
    );
    const sweep = of('sweep_indicators')[0];
    expect(sweep?.target).toBe(
      `addresses 10.0.0.5, 203.0.113.77; fingerprints ${FP_ALICE}; sockets ${ALICE_SOCKET}`,
    );
    expect(sweep?.command).toContain('sshtrail sweep');
  });

  it('cites findings of the case in every step', () => {
    for (const step of c.containment) {
      expect(step.findings.length).toBeGreaterThan(0);
      for (const id of step.findings) expect(c.findings).toContain(id);
    }
  });

  it('does not terminate sessions that already closed', () => {
    const closed = hijack.sessions.map((s) => ({
      ...s,
      state: 'closed' as const,
      endTime: s.startTime + 3_600_000,
      partial: { start: false, end: false },
    }));
    const steps = buildCase(hijack.findings, closed).containment;
    expect(steps.filter((s) => s.action === 'terminate_session')).toEqual([]);
  });

  it('falls back to the pid in the session id when the session is unknown', () => {
    const steps = buildCase(hijack.findings, []).containment;
    expect(steps.find((s) => s.action === 'terminate_session')?.command).toBe('kill 2301');
  });

  it('only hardens forwarding when the case does not escalate', () => {
    const s = scenario(3);
    const steps = buildCase(s.findings, s.sessions).containment;
    expect(steps.map((x) => x.action)).toEqual([
      'disable_agent_forwarding',
      'disable_agent_forwarding',
    ]);
    expect(steps[0]?.target).toBe('build1: /etc/ssh/sshd_config');
  });

  it('proposes no step for a routine uncorroborated sudo', () => {
    const s = scenario(4);
    expect(buildCase(s.findings, s.sessions).containment).toEqual([]);
  });

  it('resets root only when root itself logged in, not when it is the account a person sudo’d to', () => {
    const eve = session({
      host: 'jump01',
      pid: 22502,
      user: 'eve',
      ip: '10.60.1.77',
      port: 40218,
      start: at(9, 25),
    });
    const rootLogin = session({
      host: 'jump01',
      pid: 22600,
      user: 'root',
      ip: '10.60.1.77',
      port: 40300,
      start: at(9, 26),
    });
    const client = (sessions: (typeof eve)[]) => ({
      ...finding({
        id: 'f-u1',
        detector: 'ssh.unexpected_ssh_client',
        title: 'Unexpected SSH client',
        severity: 'medium',
        techniques: ['T1021.004'],
        time: at(9, 26, 42),
        host: 'jump01',
        user: 'root',
        sessions,
        evidence: [
          {
            source: 'jump01/audit.log',
            line: 60,
            text: 'type=SYSCALL msg=audit(1795771602.100:9120): arch=c000003e syscall=59 success=yes exit=0 a0=3 a1=7ffc9e1a2b30 a2=55d0c2a4f470 a3=0 items=2 ppid=22522 pid=22530 auid=1005 uid=0 gid=0 euid=0 suid=0 fsuid=0 egid=0 sgid=0 fsgid=0 tty=pts3 ses=141 comm="ssh" exe="/usr/bin/ssh" subj=unconfined key="exec"',
          },
        ],
        explanation: 'root (logged in as eve) ran /usr/bin/ssh on jump01.',
      }),
      actor: {
        user: 'eve',
        uid: 1005,
        effectiveUser: 'root',
        effectiveUid: 0,
        sessionId: eve.id,
        pid: 22530,
      },
    });
    const hijack = scenario(0).findings.filter((f) => f.id === 'f-a1');
    const resets = (sessions: (typeof eve)[]) =>
      buildCase([...hijack, client(sessions)], [...scenario(0).sessions, ...sessions])
        .containment.filter((x) => x.action === 'reset_credentials')
        .map((x) => [x.command, x.findings]);
    // eve sudo'd to root: her password, citing the finding she acted in; root's stays.
    expect(resets([eve])).toContainEqual(['passwd eve', ['f-u1']]);
    expect(resets([eve]).map(([c]) => c)).not.toContain('passwd root');
    // root logged in over SSH itself: its credentials are in play too.
    expect(resets([eve, rootLogin]).map(([c]) => c)).toContain('passwd root');
  });

  it('disables ControlMaster where its socket was hijacked', () => {
    const s = scenario(7);
    const steps = buildCase(s.findings, s.sessions).containment;
    const master = steps.find((x) => x.action === 'disable_control_master');
    expect(master?.target).toBe("jump1: ssh_config and the users' ControlPath sockets");
    expect(steps.find((x) => x.action === 'terminate_session')?.command).toBe(
      'kill 1500; loginctl terminate-session 90',
    );
  });
});

describe('case timeline', () => {
  it('orders session starts, session actions and findings in time, citing ids and evidence', () => {
    const s = scenario(0);
    const { timeline } = buildCase(s.findings, s.sessions);
    expect(timeline.map((e) => [e.time.slice(11, 19), e.kind, e.findingId ?? e.sessionId])).toEqual(
      [
        ['09:02:11', 'session_start', 'bastion/2210/1709542931000'],
        ['09:20:05', 'session_start', 'bastion/2301/1709544005000'],
        // mallory's root shell on the bastion: no finding flags it, but the case must show it.
        ['09:21:00', 'session_action', 'bastion/2301/1709544005000'],
        ['09:24:58', 'finding', 'f-a1'],
        ['09:25:40', 'session_start', 'web1/3100/1709544340000'],
        ['09:25:40', 'finding', 'f-a2'],
        ['09:27:02', 'finding', 'f-a3'],
      ],
    );
    expect(timeline[2]?.evidence.map((e) => e.line)).toEqual([33]);
    expect(timeline[3]?.evidence.map((e) => e.line)).toEqual([812, 813, 814]);
    // alice's sudo on web1 (line 204) is told once, by f-a3, which cites it.
    expect(timeline.filter((e) => e.evidence.some((l) => l.line === 204))).toHaveLength(1);
  });
});
