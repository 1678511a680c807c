import { describe, expect, it } from 'vitest';
import type { PrivilegeChange, SshSession } from '../../src/model/session.js';
import { buildCase } from '../../src/triage/build-case.js';
import { collectSessionActions } from '../../src/triage/session-actions.js';
import { at, finding, session } from '../fixtures/triage/scenarios.js';

// alice's ControlMaster connection on db02 (as in the nu4 set b): the interactive shell (id 0)
// closes, then a command channel reuses id 0 through the master; the second line is what a
// hijacker sent through the socket.
const SOURCE = 'db02/auth.log';
const LINES = [
  'Nov 27 09:01:00 db02 sshd-session[4417]: Starting session: shell on pts/1 for alice from 10.50.0.5 port 48822 id 0',
  'Nov 27 09:09:00 db02 sshd-session[4417]: Close session: user alice from 10.50.0.5 port 48822 id 0',
  'Nov 27 09:26:50 db02 sshd-session[4417]: Starting session: command for alice from 10.50.0.5 port 48822 id 0',
];
const base = session({
  host: 'db02',
  pid: 4410,
  user: 'alice',
  ip: '10.50.0.5',
  port: 48822,
  start: at(9, 1),
  line: 1,
});
const master: SshSession = {
  ...base,
  evidence: [...base.evidence, ...LINES.map((text, i) => ({ source: SOURCE, line: 6 + i, text }))],
  channels: [
    {
      number: 0,
      type: 'shell',
      subsystem: undefined,
      tty: 'pts/1',
      startTime: at(9, 1),
      endTime: at(9, 9),
      multiplexed: false,
    },
    {
      number: 0,
      type: 'command',
      subsystem: undefined,
      tty: undefined,
      startTime: at(9, 26, 50),
      endTime: undefined,
      multiplexed: true,
    },
  ],
};

function sudo(
  s: SshSession,
  minute: number,
  command: string,
  outcome = 'allowed',
): PrivilegeChange {
  return {
    time: at(9, minute),
    kind: 'sudo',
    user: s.user,
    target: 'root',
    command,
    tty: 'pts/1',
    outcome,
    pid: 5000 + minute,
    attachedBy: 'tty',
    evidence: {
      source: SOURCE,
      line: 100 + minute,
      text: `Nov 27 09:${String(minute).padStart(2, '0')}:00 db02 sudo:    ${s.user ?? ''} : TTY=pts/1 ; PWD=/home/alice ; USER=root ; COMMAND=${command}`,
    },
  };
}

describe('collectSessionActions', () => {
  it('cites each channel by its own Starting session line when sshd reuses the channel id', () => {
    const { actions, omitted } = collectSessionActions([master], 50);
    expect(actions.map((a) => [a.text, a.evidence.line])).toEqual([
      ['alice started a shell channel on pts/1 id 0 on db02', 6],
      ['alice started a command channel id 0, multiplexed on the existing connection on db02', 8],
    ]);
    expect(omitted).toBe(0);
  });

  it('counts a channel whose line the session evidence cap dropped instead of citing nothing', () => {
    const capped: SshSession = { ...master, evidence: master.evidence.slice(0, -1) };
    const { actions, omitted, uncited } = collectSessionActions([capped], 50);
    expect(actions.map((a) => a.evidence.line)).toEqual([6]);
    expect([omitted, uncited]).toEqual([0, 1]);
  });

  it('keeps sudo/su before channels at the cap, in time order, and counts the rest', () => {
    const s: SshSession = {
      ...master,
      privilegeChanges: [
        sudo(master, 27, '/usr/bin/cat /home/alice/.pgpass'),
        sudo(master, 30, '/usr/bin/id', 'not_in_sudoers'),
      ],
    };
    const { actions, omitted } = collectSessionActions([s], 3);
    expect(actions.map((a) => a.evidence.line)).toEqual([6, 127, 130]);
    expect(omitted).toBe(1);
    expect(actions[2]?.text).toBe('alice sudo to root: /usr/bin/id (not_in_sudoers) on db02');
  });
});

describe('actions in a session a hijack reached', () => {
  // root (login eve, session jump01/22502/...) rode alice’s master at 09:26:42; db02’s
  // connection is alice’s, so after that moment its log names alice, not who typed.
  const eveId = 'jump01/22502/1795771500000';
  const aliceJump = session({
    host: 'jump01',
    pid: 22410,
    user: 'alice',
    ip: '10.60.1.14',
    port: 55010,
    start: at(9, 0, 5),
  });
  const hijack = {
    ...finding({
      id: 'f-cm2',
      detector: 'ssh.control_master_hijack',
      title: 'ControlMaster socket used by another user',
      severity: 'critical',
      techniques: ['T1563.001'],
      time: at(9, 26, 42),
      host: 'jump01',
      user: 'alice',
      sessions: [aliceJump, master],
      evidence: [{ source: SOURCE, line: 8, text: LINES[2] ?? '' }],
      explanation: 'root (logged in as eve) used alice’s ControlMaster socket.',
    }),
    sessionIds: [aliceJump.id, eveId, master.id],
    actor: { user: 'eve', effectiveUser: 'root', sessionId: eveId, pid: 22533 },
  };
  const s: SshSession = {
    ...master,
    privilegeChanges: [
      sudo(master, 5, '/usr/bin/systemctl status postgresql'),
      sudo(master, 27, '/usr/bin/cat /home/alice/.pgpass'),
    ],
  };
  const own: SshSession = { ...aliceJump, privilegeChanges: [sudo(aliceJump, 28, '/usr/bin/id')] };

  it('says the account and the attribution, not that the account’s owner ran it', () => {
    const texts = collectSessionActions([s, own], 50, [hijack]).actions.map((a) => a.text);
    expect(texts).toEqual([
      // Before the hijack: alice’s own.
      'alice started a shell channel on pts/1 id 0 on db02',
      'alice sudo to root: /usr/bin/systemctl status postgresql (allowed) on db02',
      // After it, on the host it reached: attributed, not claimed.
      "a command channel id 0, multiplexed on the existing connection started on db02 as alice, in a session the case attributes to eve's hijack",
      "sudo to root: /usr/bin/cat /home/alice/.pgpass (allowed) on db02 as alice, in a session the case attributes to eve's hijack",
      // alice’s own session on the hijacker’s host (the master’s owner) stays hers.
      'alice sudo to root: /usr/bin/id (allowed) on jump01',
    ]);
  });
});

describe('case timeline with session actions', () => {
  const hijack = finding({
    id: 'f-cm',
    detector: 'ssh.control_master_hijack',
    title: 'ControlMaster socket used by another user',
    severity: 'critical',
    techniques: ['T1563.001'],
    time: at(9, 26, 50),
    host: 'db02',
    user: 'alice',
    ip: '10.50.0.5',
    sessions: [master],
    evidence: [{ source: SOURCE, line: 8, text: LINES[2] ?? '' }],
    explanation: 'A new channel on alice’s connection while alice was logged out.',
  });
  const withSudo: SshSession = {
    ...master,
    privilegeChanges: [
      sudo(master, 27, '/usr/bin/cat /home/alice/.pgpass'),
      sudo(master, 28, '/usr/bin/id'),
    ],
  };

  it('lists what the session did, leaving out a line a finding entry already shows', () => {
    const { timeline } = buildCase([hijack], [withSudo]);
    expect(
      timeline.map((t) => [
        t.time.slice(11, 19),
        t.kind,
        t.findingId ?? t.sessionId,
        t.evidence.map((e) => e.line),
      ]),
    ).toEqual([
      ['09:01:00', 'session_start', master.id, [1]],
      ['09:01:00', 'session_action', master.id, [6]],
      ['09:26:50', 'finding', 'f-cm', [8]],
      ['09:27:00', 'session_action', master.id, [127]],
      ['09:28:00', 'session_action', master.id, [128]],
    ]);
  });

  it('ends with a count of the actions the per-case cap left out', () => {
    const { timeline, answers } = buildCase([hijack], [withSudo], { maxSessionActions: 1 });
    const actions = timeline.filter((t) => t.kind === 'session_action');
    expect(actions.map((t) => [t.text, t.sessionId])).toEqual([
      [
        `alice sudo to root: /usr/bin/cat /home/alice/.pgpass (allowed) on db02 in session ${master.id}`,
        master.id,
      ],
      ['3 more action(s) of the case sessions not listed (cap 1, sudo/su first)', undefined],
    ]);
    expect(answers.privilege_escalation.detail).toBe(
      '2 sudo/su change(s) inside the case sessions: alice sudo to root: /usr/bin/cat /home/alice/.pgpass (allowed) on db02; 1 more not listed.',
    );
  });

  it('leaves out a bystander session on the same host that no finding cites', () => {
    const bob = session({
      host: 'db02',
      pid: 3371,
      user: 'bob',
      ip: '10.60.1.22',
      port: 60114,
      start: at(9, 0),
      line: 300,
    });
    const bystander: SshSession = {
      ...bob,
      privilegeChanges: [sudo(bob, 29, '/usr/bin/systemctl status postgresql')],
    };
    const c = buildCase([hijack], [withSudo, bystander]);
    const all = JSON.stringify([c.timeline, c.answers]);
    expect(all).not.toContain('systemctl status postgresql');
    expect(all).not.toContain(bystander.id);
    expect(c.answers.privilege_escalation.answer).toBe('yes');
  });

  it('rejects a cap that is not a positive number', () => {
    expect(() => buildCase([hijack], [withSudo], { maxSessionActions: 0 })).toThrow(RangeError);
  });
});
