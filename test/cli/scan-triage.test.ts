import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Case } from '../../src/findings/case.js';
import type { Finding } from '../../src/findings/finding.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const LOGS = path.join(ROOT, 'test/fixtures/triage/logs');

interface Scan {
  readonly findings: readonly Finding[];
  readonly cases: readonly Case[];
}

function scan(name: string, extra: readonly string[] = []): Scan {
  const args = ['scan', path.join(LOGS, name), '--host-from-dir', '--year', '2026', '--quiet'];
  const run = spawnSync(
    process.execPath,
    ['--import', 'tsx', 'src/cli/main.ts', ...args, ...extra],
    {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 60_000,
    },
  );
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  const records = run.stdout
    .split('\n')
    .filter((l) => l.length > 0)
    .map((l) => JSON.parse(l) as Finding | Case);
  return {
    findings: records.filter((r): r is Finding => r.type === 'finding'),
    cases: records.filter((r): r is Case => r.type === 'case'),
  };
}

const corroboration = (c: Case) =>
  c.escalation.find((r) => r.rule === 'corroborated_lateral_movement_or_privilege_escalation');

describe('scan: escalation of routine activity', () => {
  it('does not escalate a second channel on one’s own connection plus sudo', () => {
    const { findings, cases } = scan('own-channel-sudo');
    expect(findings.map((f) => `${f.detector} ${f.severity}`).sort()).toEqual([
      'ssh.multiplexed_channel low',
      'ssh.privilege_escalation low',
    ]);
    expect(cases).toHaveLength(1);
    const [c] = cases;
    expect(c?.escalate).toBe(false);
    expect(c?.containment).toEqual([]);
    expect(c === undefined ? '' : corroboration(c)?.reason).toMatch(
      /without corroborating findings from another detector \(below medium severity, routine on their own: ssh\.multiplexed_channel:[0-9a-f]+\)\.$/,
    );
  });

  it('does not escalate an ansible run with ControlPersist and become on two hosts', () => {
    const { findings, cases } = scan('ansible-become');
    expect(findings.length).toBeGreaterThan(0);
    expect(findings.every((f) => f.severity === 'low')).toBe(true);
    expect(cases.length).toBeGreaterThan(0);
    for (const c of cases) {
      expect(c.escalate).toBe(false);
      const actions = c.containment.map((s) => s.action);
      expect(actions).not.toContain('isolate_host');
      expect(actions).not.toContain('revoke_key');
      expect(actions).not.toContain('reset_credentials');
    }
  });

  it('still escalates a root shell after a guessed password, corroborated by the brute force', () => {
    const { cases } = scan('guessed-password-sudo');
    expect(cases).toHaveLength(1);
    const [c] = cases;
    expect(c?.escalate).toBe(true);
    const rule = c === undefined ? undefined : corroboration(c);
    expect(rule?.met).toBe(true);
    expect(rule?.reason).toMatch(
      /^ssh\.privilege_escalation \(ssh\.privilege_escalation:[0-9a-f]+\) corroborated by ssh\.brute_force_success \(ssh\.brute_force_success:[0-9a-f]+\)\.$/,
    );
    expect(c?.containment.map((s) => s.action)).toContain('isolate_host');
  });
});

describe('scan: triage is told which sources were read', () => {
  const FIXTURES = path.join(ROOT, 'test/fixtures/triage');
  const answersOf = (run: Scan) => {
    expect(run.cases).toHaveLength(1);
    const answers = run.cases[0]?.answers;
    if (answers === undefined) throw new Error('no case');
    return answers;
  };

  it('answers from the audit socket records and the Zeek joins it read', () => {
    const answers = answersOf(scan('ansible-become'));
    expect(answers.key_or_socket_access).toMatchObject({
      answer: 'no',
      detail:
        'Audit rules on agent sockets and key files of jump01 recorded no foreign access. No such records from web01, web02.',
    });
    expect(answers.key_or_socket_access.missing).toBeUndefined();
    expect(answers.network_correlation.answer).toBe('yes');
    expect(answers.network_correlation.detail).toContain(
      'as CWeb1b2 (10.50.0.5:39110 -> 10.50.0.31:22 at sensor)',
    );
    expect(answers.network_correlation.evidence.map((e) => e.text)).toContain(
      'Nov 27 13:00:31 web01 sshd-session[6101]: Accepted publickey for ops from 10.50.0.5 port 39110 ssh2: ED25519 SHA256:Pl3Ok7Ij1Uh5Yg9Tf3Rd7Es1Wa5Qz9Xs3Cd7Vf1Bg5N',
    );
    expect(answers.agent_forwarding.missing).toBe(
      'enable sshd LogLevel DEBUG1 (the audit socket rules in place record agent use, not forwarding itself)',
    );
    // Neither an intel list nor a baseline was given.
    expect(answers.suspected_source_ip.answer).toBe('unknown');
    expect(answers.usual_login_behavior.answer).toBe('unknown');
  });

  it('quotes the baseline given with --baseline', () => {
    const baseline = path.join(FIXTURES, 'ansible-become-baseline.json');
    const answers = answersOf(scan('ansible-become', ['--baseline', baseline]));
    expect(answers.usual_login_behavior).toMatchObject({
      answer: 'no',
      detail:
        'Times and sources within the baseline. Baseline — ops: usual hours 12:00-14:59 UTC (learned from 40 sessions), usual sources 10.50.0.0/24, 10.60.1.0/24.',
    });
    expect(answers.usual_login_behavior.missing).toBeUndefined();
    expect(answers.suspected_source_ip).toMatchObject({
      answer: 'no',
      detail: 'No source address departed from the baseline of ops.',
    });
  });

  it('says unknown, not no, when the baseline has too few sessions to judge', () => {
    const baseline = path.join(FIXTURES, 'ansible-become-baseline-thin.json');
    const answers = answersOf(scan('ansible-become', ['--baseline', baseline]));
    expect(answers.usual_login_behavior).toMatchObject({
      answer: 'unknown',
      detail:
        'The baseline has too few sessions of ops (3) to judge: the detectors need 5. Baseline — ops: usual hours 13:00-13:59 UTC (learned from 3 sessions), usual sources 10.50.0.0/24, 10.60.1.0/24 (too few sessions to judge).',
    });
    expect(answers.usual_login_behavior.missing).toContain('longer history');
    expect(answers.suspected_source_ip.answer).toBe('unknown');
    // A baseline was given: the answer must not say none was, nor ask for scan --baseline.
    expect(answers.suspected_source_ip.detail).toBe(
      'No threat-intel list was given and the baseline has too few sessions of ops (3) to judge sources (the detectors need 5), so no address could be judged.',
    );
    expect(answers.suspected_source_ip.missing).toBe(
      'a threat-intel list (config intel) or a baseline learned over a longer history (at least 5 sessions per user)',
    );
  });

  it('judges sources against the intel list of --config', () => {
    const config = path.join(FIXTURES, 'estate-intel.json');
    const answers = answersOf(scan('ansible-become', ['--config', config]));
    expect(answers.suspected_source_ip).toMatchObject({
      answer: 'no',
      detail: 'No source address matched the intel lists.',
    });
  });

  it('still says unknown, with what is missing, when only auth logs were read', () => {
    const answers = answersOf(scan('own-channel-sudo'));
    for (const key of ['key_or_socket_access', 'network_correlation'] as const) {
      expect(answers[key].answer).toBe('unknown');
      expect(answers[key].missing).toBeDefined();
    }
    expect(answers.network_correlation.detail).toBe(
      'No network logs (Zeek) were read, so auth logs could not be correlated with them.',
    );
    // These auth logs are at VERBOSE (User child is on pid, Starting session): not INFO.
    expect(answers.agent_forwarding).toMatchObject({
      answer: 'unknown',
      detail:
        'The logs do not say whether agent forwarding was requested: sshd logs the request only at LogLevel DEBUG1, not at INFO or VERBOSE.',
    });
  });
});

describe('scan: containment steps', () => {
  it('names each detector once in why a host is to be isolated', () => {
    const { cases } = scan('agent-hijack-hop');
    const isolate = cases.flatMap((c) => c.containment).filter((s) => s.action === 'isolate_host');
    expect(isolate.map((s) => s.target)).toEqual(['db02', 'jump01']);
    expect(isolate[0]?.why).toMatch(
      /^ssh\.key_misuse \(ssh\.key_misuse:[0-9a-f]{16}\) on db02: isolate it for forensic analysis \(residual binaries, scripts, agent sockets\)\.$/,
    );
    for (const s of isolate) expect(s.why).not.toMatch(/:[0-9a-f]{16} ssh\./);
  });
});

describe('scan: containment follows the actor', () => {
  const CM = path.join(ROOT, 'test/fixtures/scenarios/control-master-hijack');
  const containmentOf = (run: Scan) => {
    expect(run.cases).toHaveLength(1);
    return run.cases[0]?.containment ?? [];
  };
  const ids = (run: Scan, pick: (f: Finding) => boolean) =>
    run.findings.filter(pick).map((f) => f.id);

  it('resets the person behind root, citing the hijacks they acted in, not root', () => {
    // root (audit login uid eve) rode alice’s ControlMaster; root never logged in.
    for (const run of [
      scan('../../scenarios/control-master-hijack', [
        '--config',
        path.join(CM, 'sshtrail.config.json'),
      ]),
      scan('control-master-hijack-victim-online', [
        '--config',
        path.join(CM, 'sshtrail.config.json'),
      ]),
      scan('agent-hijack-hop'),
    ]) {
      const reset = containmentOf(run).filter((s) => s.action === 'reset_credentials');
      expect(reset.map((s) => s.command)).toEqual(['passwd alice', 'passwd eve']);
      const eve = reset.find((s) => s.command === 'passwd eve');
      expect(eve?.target).toBe('account eve (seen on jump01)');
      const acted = ids(run, (f) => f.actor?.user === 'eve' || f.user === 'eve');
      expect(acted.length).toBeGreaterThan(1);
      expect([...(eve?.findings ?? [])].sort()).toEqual([...acted].sort());
    }
  });

  it('disables ControlMaster only on the client holding the socket, citing its own findings', () => {
    for (const run of [
      scan('../../scenarios/control-master-hijack', [
        '--config',
        path.join(CM, 'sshtrail.config.json'),
      ]),
      scan('control-master-hijack-victim-online', [
        '--config',
        path.join(CM, 'sshtrail.config.json'),
      ]),
    ]) {
      const master = containmentOf(run).filter((s) => s.action === 'disable_control_master');
      expect(master.map((s) => s.host)).toEqual(['jump01']);
      const all = ids(run, (f) => f.detector === 'ssh.control_master_hijack');
      expect([...(master[0]?.findings ?? [])].sort()).toEqual([...all].sort());
    }
  });

  it('isolates the server the hijacked channel ran on, whether or not the victim is still logged in', () => {
    // b: alice logged out of jump01; b2: she stays. In both, db02 ran `cat ~alice/.pgpass`.
    for (const name of [
      '../../scenarios/control-master-hijack',
      'control-master-hijack-victim-online',
    ]) {
      const run = scan(name, ['--config', path.join(CM, 'sshtrail.config.json')]);
      const isolate = containmentOf(run).filter((s) => s.action === 'isolate_host');
      expect(isolate.map((s) => s.target)).toEqual(['db02', 'jump01']);
      const critical = run.findings.find(
        (f) => f.detector === 'ssh.control_master_hijack' && f.severity === 'critical',
      );
      if (critical === undefined) throw new Error('fixture');
      expect(critical.sessionIds.some((id) => id.startsWith('db02/'))).toBe(true);
      expect(isolate[0]?.findings.length).toBeGreaterThan(0);
    }
    const b2 = scan('control-master-hijack-victim-online', [
      '--config',
      path.join(CM, 'sshtrail.config.json'),
    ]);
    const db02 = containmentOf(b2).find((s) => s.action === 'isolate_host' && s.host === 'db02');
    expect(db02?.why).toMatch(
      /^ssh\.control_master_hijack \(ssh\.control_master_hijack:[0-9a-f]{16}\) on jump01 reached db02 \(session db02\/4410\/\d+\): isolate it for forensic analysis/,
    );
  });
});

describe('scan: simultaneous sessions', () => {
  it('does not call a jump host’s hop chain simultaneous logins', () => {
    const [c] = scan('ansible-become').cases;
    expect(c?.answers.simultaneous_sessions).toMatchObject({
      answer: 'no',
      detail:
        '3 sessions of ops overlap, but from one origin (hop chain jump01 -> web01, jump01 -> web02; from one address 10.50.0.5), not separate logins.',
    });
  });

  it('still answers yes when the user’s key logs in while the user is on another host, citing the logins', () => {
    const [c] = scan('agent-hijack-hop').cases;
    const answer = c?.answers.simultaneous_sessions;
    expect(answer?.answer).toBe('yes');
    expect(answer?.detail).toBe('2 sessions of alice overlap in time.');
    expect(answer?.evidence.map((e) => e.text)).toEqual([
      'Nov 26 14:00:02 jump01 sshd[21410]: Accepted publickey for alice from 10.60.1.14 port 53122 ssh2: ED25519 SHA256:Jf3mYq0Lk8Rz2Wc5Tb7Nv1Xp4Hs6Ud9Ga0Ee3Ki5Oo7',
      'Nov 26 14:08:41 db02 sshd-session[3390]: Accepted publickey for alice from 10.50.0.5 port 51880 ssh2: ED25519 SHA256:Jf3mYq0Lk8Rz2Wc5Tb7Nv1Xp4Hs6Ud9Ga0Ee3Ki5Oo7',
    ]);
  });
});

describe('scan: what the case sessions did', () => {
  const texts = (lines: readonly { readonly text: string }[]) => lines.map((e) => e.text);
  const PG_DUMPALL =
    'Nov 26 14:10:12 db02 sudo:    alice : TTY=pts/0 ; PWD=/home/alice ; USER=postgres ; COMMAND=/usr/bin/pg_dumpall';

  it('answers privilege_escalation with the sudo run in the hijacked session, not only the flagged one', () => {
    const { cases } = scan('agent-hijack-hop');
    expect(cases).toHaveLength(1);
    const answer = cases[0]?.answers.privilege_escalation;
    expect(answer?.answer).toBe('yes');
    expect(answer?.detail).toMatch(
      /^Privilege escalation on jump01 \(ssh\.privilege_escalation:[0-9a-f]{16}\)\. 2 sudo\/su change\(s\) inside the case sessions: eve sudo to root: \/bin\/bash \(allowed\) on jump01; sudo to postgres: \/usr\/bin\/pg_dumpall \(allowed\) on db02 as alice, in a session the case attributes to eve's hijack\.$/,
    );
    expect(texts(answer?.evidence ?? []).slice(0, 2)).toEqual([
      'Nov 26 14:06:31 jump01 sudo:      eve : TTY=pts/3 ; PWD=/home/eve ; USER=root ; COMMAND=/bin/bash',
      PG_DUMPALL,
    ]);
  });

  it('puts the hijacked session’s actions in the timeline, each citing its line, and leaves a bystander’s session out', () => {
    const { cases } = scan('agent-hijack-bystander-sudo');
    expect(cases).toHaveLength(1);
    const [c] = cases;
    const actions = (c?.timeline ?? []).filter((t) => t.kind === 'session_action');
    expect(actions.map((t) => [t.time.slice(11, 19), t.host, t.sessionId, t.text])).toEqual([
      [
        '14:00:02',
        'jump01',
        'jump01/21410/1795701602000',
        'alice started a shell channel on pts/2 id 0 on jump01 in session jump01/21410/1795701602000',
      ],
      [
        '14:05:10',
        'jump01',
        'jump01/21502/1795701910000',
        'eve started a shell channel on pts/3 id 0 on jump01 in session jump01/21502/1795701910000',
      ],
      [
        '14:08:41',
        'db02',
        'db02/3390/1795702121000',
        "a shell channel on pts/0 id 0 started on db02 as alice, in a session the case attributes to eve's hijack in session db02/3390/1795702121000",
      ],
      [
        '14:10:12',
        'db02',
        'db02/3390/1795702121000',
        "sudo to postgres: /usr/bin/pg_dumpall (allowed) on db02 as alice, in a session the case attributes to eve's hijack in session db02/3390/1795702121000",
      ],
      [
        '14:10:58',
        'db02',
        'db02/3390/1795702121000',
        "sudo to root: /usr/bin/cat /etc/shadow (bad_password) on db02 as alice, in a session the case attributes to eve's hijack in session db02/3390/1795702121000",
      ],
    ]);
    expect(actions.map((t) => t.evidence.map((e) => e.line))).toEqual([
      [6],
      [12],
      [12],
      [16],
      [18],
    ]);
    expect(actions[3]?.evidence[0]?.text).toBe(PG_DUMPALL);
    // eve's root shell is told once, by the finding that flagged it.
    expect(
      c?.timeline.filter((t) => t.evidence.some((e) => e.text.includes('COMMAND=/bin/bash'))),
    ).toHaveLength(1);
    // bob's sudo in his own session on db02 is not part of the case.
    const all = JSON.stringify(c);
    expect(all).not.toContain('systemctl status postgresql');
    expect(all).not.toContain('db02/3371/');
    // The refused attempt is an action, not a privilege change granted.
    const answer = c?.answers.privilege_escalation;
    // The log shows the account the session authenticated as, not who typed: no 'alice sudo'.
    expect(answer?.detail).toContain(
      "sudo to postgres: /usr/bin/pg_dumpall (allowed) on db02 as alice, in a session the case attributes to eve's hijack",
    );
    expect(answer?.detail).not.toContain('alice sudo');
    expect(answer?.detail).not.toContain('/etc/shadow');
    expect(texts(answer?.evidence ?? [])).toContain(
      'Nov 26 14:10:12 db02 sudo:    alice : TTY=pts/0 ; PWD=/home/alice ; USER=postgres ; COMMAND=/usr/bin/pg_dumpall',
    );
  });
});

describe('scan: case names', () => {
  it('names an agent hijack case after the critical hijack, not the low sudo before it', () => {
    const { findings, cases } = scan('agent-hijack-hop');
    const critical = findings.filter((f) => f.severity === 'critical');
    expect(critical.map((f) => f.detector)).toEqual(['ssh.agent_socket_hijack']);
    expect(cases.map((c) => c.id)).toEqual([`case-${critical[0]?.id ?? ''}`]);
    expect(cases[0]?.start).toBe('2026-11-26T14:06:31.000Z');
  });
});

describe('scan: indicators to sweep for', () => {
  const sweepOf = (run: Scan) =>
    run.cases.flatMap((c) => c.containment).find((s) => s.action === 'sweep_indicators')?.target;

  it('names the hijacked ControlMaster socket and the actor’s address', () => {
    const set = path.join(ROOT, 'test/fixtures/scenarios/control-master-hijack');
    const target = sweepOf(
      scan('../../scenarios/control-master-hijack', [
        '--config',
        path.join(set, 'sshtrail.config.json'),
      ]),
    );
    expect(target).toContain('sockets /home/alice/.ssh/cm-alice@db02:22');
    expect(target).toMatch(/^addresses 10\.50\.0\.5, 10\.60\.1\.77;/);
  });

  it('adds no program file of the audit records to an agent hijack’s sockets', () => {
    expect(sweepOf(scan('agent-hijack-hop'))).toBe(
      'addresses 10.50.0.5, 10.60.1.14, 10.60.1.77; fingerprints SHA256:Jf3mYq0Lk8Rz2Wc5Tb7Nv1Xp4Hs6Ud9Ga0Ee3Ki5Oo7, SHA256:Qw8Er2Ty6Ui0Op4As8Df2Gh6Jk0Lz4Xc8Vb2Nm6Qa0W; sockets /tmp/ssh-Xk29fLq0Za/agent.21418',
    );
  });
});
