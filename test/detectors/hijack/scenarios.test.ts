import { describe, expect, it } from 'vitest';
import { createHijackDetectors } from '../../../src/detectors/index.js';
import type { Finding } from '../../../src/findings/finding.js';
import {
  parseFiles,
  present,
  runPipeline,
  runScenario,
  scenarioConfig,
  scenarioFiles,
} from './pipeline.js';

// Multi-host, multi-source scenarios (test/fixtures/scenarios/<name>/README.md says what happened).
const root = new URL('../../fixtures/scenarios/', import.meta.url).pathname;
const RANK = { low: 0, medium: 1, high: 2, critical: 3 } as const;

function findings(name: string): readonly Finding[] {
  return runScenario(`${root}${name}`, createHijackDetectors()).findings;
}

function one(list: readonly Finding[], detector: string, severity: Finding['severity']): Finding {
  const f = list.find((x) => x.detector === detector && x.severity === severity);
  if (f === undefined) {
    throw new Error(
      `no ${severity} ${detector}: ${list.map((x) => `${x.detector}/${x.severity}`).join(', ')}`,
    );
  }
  return f;
}

const texts = (f: Finding): string[] => f.evidence.map((e) => e.text);

describe.skipIf(!present(root))('incident scenarios', () => {
  it('agent-hijack: root (login mallory) uses alice’s forwarded agent, then app1 accepts alice’s key', () => {
    const list = findings('agent-hijack');
    const high = one(list, 'ssh.agent_socket_hijack', 'high');
    expect(high.user).toBe('alice');
    expect(high.explanation).toContain('logged in as mallory');
    expect(
      texts(high).some(
        (t) => t.includes('name="/tmp/ssh-Hq3kWz81Lp/agent.5108"') && t.includes('ouid=1001'),
      ),
    ).toBe(true);
    expect(texts(high).some((t) => t.includes('a1="/proc/5110/environ"'))).toBe(true);
    const critical = one(list, 'ssh.agent_socket_hijack', 'critical');
    expect(
      texts(critical).some((t) =>
        t.includes(' app1 sshd[7301]: Accepted publickey for alice from 10.20.0.11'),
      ),
    ).toBe(true);
    expect(texts(critical).some((t) => t.includes('a1="alice@app1"'))).toBe(true);
    expect(critical.sessionIds).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^bastion\/5101\//),
        expect.stringMatching(/^app1\/7301\//),
      ]),
    );
    const misuse = one(list, 'ssh.key_misuse', 'high');
    expect(misuse.host).toBe('app1');
    expect(texts(misuse).some((t) => t.includes('a1="alice@app1"'))).toBe(true);
    // The ssh client that used alice's key (root, login mallory) is the actor, in her session.
    expect(misuse.user).toBe('alice');
    expect(misuse.actor).toMatchObject({ user: 'mallory', effectiveUser: 'root', pid: 5250 });
    expect(misuse.sessionIds).toEqual([
      expect.stringMatching(/^bastion\/5201\//),
      expect.stringMatching(/^app1\/7301\//),
    ]);
  });

  it('agent-hijack-probe-first: the critical cites the ssh client that logged in, not the ssh-add probe', () => {
    const list = findings('agent-hijack-probe-first');
    const critical = one(list, 'ssh.agent_socket_hijack', 'critical');
    // pid 21640's own connect to alice's socket (audit.log lines 64-68) sorts after db02's
    // second-stamped Accepted: the finding waits for it and is timed by it.
    expect(critical.time).toBe('2026-11-26T14:08:41.012Z');
    const lines = critical.evidence.filter((e) => e.source.endsWith('jump01/audit.log'));
    expect(lines.map((e) => e.line)).toEqual(expect.arrayContaining([53, 54, 60, 64, 67]));
    expect(texts(critical)).toContain(
      'Nov 26 14:08:41 db02 sshd-session[3390]: Accepted publickey for alice from 10.50.0.5 port 51880 ssh2: ED25519 SHA256:Jf3mYq0Lk8Rz2Wc5Tb7Nv1Xp4Hs6Ud9Ga0Ee3Ki5Oo7',
    );
    // The ssh-add probe stays as context, named as the first use.
    expect(lines.map((e) => e.line)).toEqual(expect.arrayContaining([40, 47]));
    expect(critical.explanation).toContain(
      'at 2026-11-26T14:08:41Z from its ssh client (pid 21640), after a first use at 2026-11-26T14:08:39Z (pid 21633)',
    );
    const high = one(list, 'ssh.agent_socket_hijack', 'high');
    expect(high.time).toBe('2026-11-26T14:08:39.704Z');
  });

  it('agent-hijack-probe-first without the client’s own socket connect: the critical still comes, timed by the login', () => {
    const dir = `${root}agent-hijack-probe-first`;
    // As if pid 21640 had signed with a key file: no connect of its own (audit.log lines 64-69).
    const events = parseFiles(scenarioFiles(dir), 2026).filter(
      (e) => !(e.source.source.endsWith('jump01/audit.log') && e.source.line >= 64),
    );
    const list = runPipeline(events, createHijackDetectors(), scenarioConfig(dir)).findings;
    const critical = one(list, 'ssh.agent_socket_hijack', 'critical');
    expect(critical.time).toBe('2026-11-26T14:08:41.000Z');
    expect(critical.explanation).toContain(
      'at 2026-11-26T14:08:39Z (pid 21633), its ssh client (pid 21640) started at 2026-11-26T14:08:40Z',
    );
  });

  it('agent-hijack-client-first: the ssh client is the first to use the socket, after db02’s second-stamped login', () => {
    const list = findings('agent-hijack-client-first');
    expect(one(list, 'ssh.agent_socket_hijack', 'high').time).toBe('2026-11-26T14:08:41.012Z');
    // db02's Accepted (14:08:41, to the second) sorts before pid 21640's connect (14:08:41.012),
    // which is the first use of alice's socket: the login is linked when that use arrives.
    const critical = one(list, 'ssh.agent_socket_hijack', 'critical');
    expect(critical.time).toBe('2026-11-26T14:08:41.012Z');
    const lines = critical.evidence.filter((e) => e.source.endsWith('jump01/audit.log'));
    // Its exec (40-41), its TCP connect to db02 (47-48), its connect to alice's socket (51-54).
    expect(lines.map((e) => e.line)).toEqual(expect.arrayContaining([40, 41, 47, 48, 51, 54]));
    expect(texts(critical)).toContain(
      'Nov 26 14:08:41 db02 sshd-session[3390]: Accepted publickey for alice from 10.50.0.5 port 51880 ssh2: ED25519 SHA256:Jf3mYq0Lk8Rz2Wc5Tb7Nv1Xp4Hs6Ud9Ga0Ee3Ki5Oo7',
    );
    expect(critical.explanation).toContain(
      "at 2026-11-26T14:08:41Z from its ssh client (pid 21640), then db02 accepted alice's key",
    );
    expect(critical.sessionIds).toEqual([
      expect.stringMatching(/^jump01\/21410\//),
      expect.stringMatching(/^jump01\/21502\//),
      expect.stringMatching(/^db02\/3390\//),
    ]);
    expect(critical.actor).toMatchObject({
      user: 'eve',
      uid: 1005,
      effectiveUser: 'root',
      effectiveUid: 0,
      pid: 21640,
      exe: '/usr/bin/ssh',
    });
  });

  it('agent-hijack-client-first with the client bound for web01: db02’s login in that second is not its doing', () => {
    const dir = `${root}agent-hijack-client-first`;
    // As if pid 21640 had connected to web01 (10.50.0.31): db02's login from jump01 in the same
    // second (alice's own, say) must not be pinned on it.
    const events = parseFiles(scenarioFiles(dir), 2026).map((e) =>
      e.kind === 'socket.connect' && e.address === '10.50.0.21'
        ? { ...e, address: '10.50.0.31' }
        : e,
    );
    const list = runPipeline(events, createHijackDetectors(), scenarioConfig(dir)).findings;
    expect(one(list, 'ssh.agent_socket_hijack', 'high').actor).toMatchObject({ pid: 21640 });
    expect(list.filter((f) => f.severity === 'critical')).toEqual([]);
  });

  it('agent-hijack-client-first with the connect made by an earlier program under pid 21640: not the client’s', () => {
    const dir = `${root}agent-hijack-client-first`;
    // The TCP connect to db02 moved before pid 21640's exec of ssh (14:08:40.900): it was made by
    // the program that had that pid before, so the ssh client never connected anywhere audited.
    const events = parseFiles(scenarioFiles(dir), 2026)
      .map((e) =>
        e.kind === 'socket.connect' && e.address === '10.50.0.21'
          ? { ...e, time: Date.UTC(2026, 10, 26, 14, 8, 40, 800) }
          : e,
      )
      .sort((a, b) => a.time - b.time);
    const list = runPipeline(events, createHijackDetectors(), scenarioConfig(dir)).findings;
    expect(one(list, 'ssh.agent_socket_hijack', 'high').actor).toMatchObject({ pid: 21640 });
    expect(list.filter((f) => f.severity === 'critical')).toEqual([]);
  });

  it('agent-hijack-sudo-u-shell: an ssh client run as alice (login eve) from a sudo -u shell logs in onward', () => {
    const list = findings('agent-hijack-sudo-u-shell');
    const critical = one(list, 'ssh.agent_socket_hijack', 'critical');
    expect(critical.time).toBe('2026-11-26T14:08:41.012Z');
    const lines = critical.evidence.filter((e) => e.source.endsWith('jump01/audit.log'));
    expect(lines.map((e) => e.line)).toEqual(expect.arrayContaining([32, 39, 43, 46]));
    expect(critical.sessionIds).toEqual(
      expect.arrayContaining([expect.stringMatching(/^db02\/3390\//)]),
    );
    expect(critical.actor).toMatchObject({
      user: 'eve',
      uid: 1005,
      effectiveUser: 'alice',
      effectiveUid: 1001,
      pid: 21640,
    });
  });

  it('agent-hijack-sudo-u-env: the critical is pinned on the ssh client (as alice), not on sudo that set the variable', () => {
    const list = findings('agent-hijack-sudo-u-env');
    const high = one(list, 'ssh.agent_socket_hijack', 'high');
    expect(high.actor).toMatchObject({ user: 'eve', effectiveUser: 'eve', pid: 21621 });
    const critical = one(list, 'ssh.agent_socket_hijack', 'critical');
    // Its own connect to alice's socket (audit.log lines 37-40) times and backs the finding.
    expect(critical.time).toBe('2026-11-26T14:08:41.012Z');
    const lines = critical.evidence.filter((e) => e.source.endsWith('jump01/audit.log'));
    expect(lines.map((e) => e.line)).toEqual(expect.arrayContaining([26, 33, 37, 38, 40]));
    expect(critical.actor).toMatchObject({
      user: 'eve',
      uid: 1005,
      effectiveUser: 'alice',
      effectiveUid: 1001,
      pid: 21640,
      exe: '/usr/bin/ssh',
    });
    expect(critical.explanation).toContain(
      'at 2026-11-26T14:08:41Z from its ssh client (pid 21640), after pid 21621 set SSH_AUTH_SOCK to it at 2026-11-26T14:08:40Z',
    );
  });

  it('control-master-server-side: a new channel on bob’s connection after bob left the client host', () => {
    const f = one(findings('control-master-server-side'), 'ssh.control_master_hijack', 'high');
    expect(f.host).toBe('db1');
    expect(texts(f)).toContain(
      'Mar 10 09:06:40 db1 sshd[8108]: Starting session: shell on pts/3 for bob from 10.20.0.11 port 40110 id 0',
    );
    expect(
      texts(f).some((t) => t.includes('Accepted publickey for bob from 10.20.0.11 port 40110')),
    ).toBe(true);
  });

  it('control-master-hijack: the findings about root (login eve) riding alice’s master cite eve’s session', () => {
    const list = findings('control-master-hijack');
    const eve = expect.stringMatching(/^jump01\/22502\//);
    const client = list.filter(
      (f) => f.detector === 'ssh.control_master_hijack' && f.host === 'jump01',
    );
    expect(client.map((f) => f.severity).sort()).toEqual(['critical', 'high']);
    for (const f of client) expect(f.sessionIds).toEqual(expect.arrayContaining([eve]));
    const critical = one(list, 'ssh.control_master_hijack', 'critical');
    expect(critical.sessionIds).toEqual(
      expect.arrayContaining([expect.stringMatching(/^db02\/4410\//)]),
    );
    const clients = list.filter((f) => f.detector === 'ssh.unexpected_ssh_client');
    expect(clients).toHaveLength(2);
    for (const f of clients)
      expect(f.sessionIds).toEqual([expect.stringMatching(/^jump01\/22502\//)]);
    // db02's channel came from pid 22533 (`ssh -S ... x 'cat ...'`), not from the `-O check`
    // (pid 22530) before it: the critical cites and times 22533, the probe stays as context.
    expect(critical.time).toBe('2026-11-27T09:26:50.010Z');
    expect(texts(critical)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/ pid=22533 .*syscall|syscall=59 .* pid=22533 /),
        expect.stringContaining('a3="x" a4=636174'),
        expect.stringContaining('inode=9022533'),
        expect.stringContaining('a3="-O" a4="check"'),
        'Nov 27 09:26:50 db02 sshd-session[4417]: Starting session: command for alice from 10.50.0.5 port 48822 id 0',
      ]),
    );
    expect(critical.explanation).toContain(
      'at 2026-11-27T09:26:50Z (pid 22533), after a first use at 2026-11-27T09:26:42Z',
    );
    // alice's own master (her exec in her own session) is no finding of its own.
    expect(list.filter((f) => f.user === 'alice' && f.severity === 'low')).toEqual([]);
  });

  it('control-master-hijack: the findings name eve (as root, in her session, from her address) as the actor, alice stays the user', () => {
    const list = findings('control-master-hijack');
    const eve = {
      user: 'eve',
      uid: 1005,
      effectiveUser: 'root',
      effectiveUid: 0,
      sessionId: expect.stringMatching(/^jump01\/22502\//),
      sourceIp: '10.60.1.77',
    };
    const high = list.find(
      (f) =>
        f.detector === 'ssh.control_master_hijack' && f.severity === 'high' && f.host === 'jump01',
    );
    expect(high?.user).toBe('alice');
    expect(high?.actor).toEqual({ ...eve, pid: 22530, exe: '/usr/bin/ssh' });
    const critical = one(list, 'ssh.control_master_hijack', 'critical');
    expect(critical.user).toBe('alice');
    expect(critical.actor).toEqual({ ...eve, pid: 22533, exe: '/usr/bin/ssh' });
    // The server alone cannot tell who rode the connection.
    const server = list.find(
      (f) => f.detector === 'ssh.control_master_hijack' && f.host === 'db02',
    );
    expect(server?.actor).toBeUndefined();
    const clients = list.filter((f) => f.detector === 'ssh.unexpected_ssh_client');
    expect(clients.map((f) => [f.user, f.actor?.user, f.actor?.pid])).toEqual([
      ['root', 'eve', 22530],
      ['root', 'eve', 22533],
    ]);
  });

  it('agent-hijack-probe-first: the high finding’s actor is the ssh-add probe, the critical’s the ssh client', () => {
    const list = findings('agent-hijack-probe-first');
    expect(one(list, 'ssh.agent_socket_hijack', 'high').actor).toMatchObject({
      user: 'eve',
      effectiveUser: 'root',
      pid: 21633,
      exe: '/usr/bin/ssh-add',
      sourceIp: '10.60.1.77',
    });
    expect(one(list, 'ssh.agent_socket_hijack', 'critical').actor).toMatchObject({
      user: 'eve',
      pid: 21640,
      exe: '/usr/bin/ssh',
      sessionId: expect.stringMatching(/^jump01\/21502\//),
    });
  });

  it('control-master-hijack without the command: a lone `-O check` opened no channel, so no critical', () => {
    const dir = `${root}control-master-hijack`;
    // Drop pid 22533 (audit.log lines 58-70): what is left cannot have started db02's channel.
    const events = parseFiles(scenarioFiles(dir), 2026).filter(
      (e) => !(e.source.source.endsWith('jump01/audit.log') && e.source.line >= 58),
    );
    const list = runPipeline(events, createHijackDetectors(), scenarioConfig(dir)).findings;
    expect(
      list
        .filter((f) => f.detector === 'ssh.control_master_hijack')
        .map((f) => `${f.host} ${f.severity}`)
        .sort(),
    ).toEqual(['db02 high', 'jump01 high']);
  });

  it('key-misuse: carol’s key from a host she is not on (high), alice’s key for deploy (medium)', () => {
    const list = findings('key-misuse');
    const carol = one(list, 'ssh.key_misuse', 'high');
    expect(carol.user).toBe('carol');
    expect(carol.explanation).toContain('carol had no session on bastion');
    const deploy = one(list, 'ssh.key_misuse', 'medium');
    expect(deploy.user).toBe('deploy');
    expect(
      texts(deploy).some((t) => t.includes('Accepted publickey for alice from 10.20.0.10')),
    ).toBe(true);
  });

  it('www-data-ssh: an ssh client under nginx’s worker uid', () => {
    const f = one(findings('www-data-ssh'), 'ssh.unexpected_ssh_client', 'high');
    expect(f.host).toBe('web1');
    expect(
      texts(f).some((t) => t.includes('a0="ssh"') && t.includes('a7="deploy@10.20.0.13"')),
    ).toBe(true);
    expect(texts(f).some((t) => t.includes('a2="ssh -o StrictHostKeyChecking=no'))).toBe(true);
  });

  it('key-tampering: alice’s authorized_keys written and bob’s private key read by root (login mallory)', () => {
    const list = findings('key-tampering').filter((f) => f.detector === 'ssh.key_tampering');
    const high = list.filter((f) => f.severity === 'high');
    expect(high.map((f) => f.user).sort()).toEqual(['alice', 'bob']);
    expect(
      high.every((f) =>
        texts(f).some(
          (t) => t.includes('type=SYSCALL') && t.includes(' uid=0 ') && t.includes('auid=1003'),
        ),
      ),
    ).toBe(true);
    expect(list.find((f) => f.user === 'mallory')?.severity).toBe('low');
    // The files' owners stay the users; mallory (root through sudo, in her session) is the actor.
    for (const f of high) {
      expect(f.actor).toMatchObject({ user: 'mallory', uid: 1003, effectiveUser: 'root' });
      expect(f.sessionIds).toEqual([expect.stringMatching(/^bastion\/5301\//)]);
      expect(f.actor?.sessionId).toBe(f.sessionIds[0]);
    }
  });

  it('three-hop-chain: mallory’s chain to web1 across four monitored hosts', () => {
    const list = findings('three-hop-chain').filter(
      (f) => f.detector === 'ssh.lateral_movement_chain',
    );
    const longest = list.find((f) => f.sessionIds.length === 4);
    expect(longest?.severity).toBe('high');
    expect(longest?.evidence.filter((e) => e.text.includes('Accepted '))).toHaveLength(4);
  });
});

describe.skipIf(!present(root))('legitimate look-alikes stay below medium', () => {
  it.each([
    'lookalike-own-agent-hop',
    'lookalike-proxyjump',
    'lookalike-own-controlmaster',
    'lookalike-sudo-own-agent',
    'lookalike-sudo-own-agent-hop',
    'lookalike-tmux-parallel-scp',
    'lookalike-automation',
  ])('%s', (name) => {
    const loud = findings(name).filter((f) => RANK[f.severity] >= RANK.medium);
    expect(loud.map((f) => `${f.detector} ${f.severity}: ${f.explanation}`)).toEqual([]);
  });

  it('the automation account’s options are still inventoried at low', () => {
    const list = findings('lookalike-automation').filter(
      (f) => f.detector === 'ssh.unexpected_ssh_client',
    );
    expect(list.length).toBeGreaterThan(0);
    expect(list.every((f) => f.severity === 'low')).toBe(true);
  });
});
