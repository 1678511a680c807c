import { describe, expect, it } from 'vitest';
import type { SocketConnectEvent } from '../../../src/events/host.js';
import { createSessionJoin } from '../../../src/model/processes/index.js';
import { createSocketRegistry } from '../../../src/model/sockets/index.js';
import { hostEvents, run, sessionOf } from '../processes/host-scenario.js';

const events = hostEvents('agent-hijack-auth.log', 'agent-hijack-audit.log');

describe('createSocketRegistry over auth.log VERBOSE + audit.log', () => {
  const r = run(events);
  const alice = sessionOf(r, 'alice');
  const mallory = sessionOf(r, 'mallory');
  const agent = '/tmp/ssh-AbCdEf1234/agent.4242';
  const cm = '/home/alice/.ssh/cm-alice@db1:22';

  it("resolves root's connect to alice's forwarded agent and flags the uid crossing", () => {
    const hijack = r.uses.find((u) => u.via === 'connect' && u.pid === 5188);
    expect(hijack).toMatchObject({
      path: agent,
      uid: 0,
      auid: 1001,
      ses: 7,
      crossUid: true,
      owner: {
        kind: 'forwarded_agent',
        ownerPid: 4242,
        ownerUid: 1000,
        ownerUser: 'alice',
        sessionId: alice.id,
      },
    });
    expect(hijack?.owner.basis).toEqual(['path', 'session_pid', 'inode_owner']);
    // ...while the join places the actor in mallory's session: actor and owner sessions differ.
    const actor = r.joined.find((j) => j.event.kind === 'socket.connect' && j.event.pid === 5188);
    expect(actor?.match?.sessionId).toBe(mallory.id);
  });

  it("treats alice's own ssh-add on her own socket as a same-uid use", () => {
    const own = r.uses.find((u) => u.via === 'connect' && u.pid === 4310);
    expect(own?.crossUid).toBe(false);
    expect(own?.owner.sessionId).toBe(alice.id);
    const actor = r.joined.find((j) => j.event.kind === 'socket.connect' && j.event.pid === 4310);
    expect(actor?.match?.sessionId).toBe(alice.id);
  });

  it('learns the ControlPath of `ssh -M -S` and resolves its reuse by another uid', () => {
    expect(r.sockets.size().controlPaths).toBe(1);
    const reuse = r.uses.filter((u) => u.pid === 5230);
    expect(reuse.map((u) => u.via)).toEqual(['argv', 'connect']);
    for (const u of reuse) {
      expect(u.crossUid).toBe(true);
      expect(u.owner).toMatchObject({
        path: cm,
        kind: 'control_master',
        ownerPid: 4320,
        ownerUid: 1000,
        ownerUser: 'alice',
        sessionId: alice.id,
      });
      expect(u.owner.basis).toContain('control_path');
    }
  });

  it('does not report the master’s own exec as a use', () => {
    expect(r.uses.filter((u) => u.pid === 4320)).toEqual([]);
  });

  it('answers ownerOf for paths never used', () => {
    expect(r.sockets.ownerOf('bastion', '/tmp/tmux-1000/default', 0)).toMatchObject({
      kind: 'tmux',
      ownerUid: 1000,
      ownerUser: 'alice',
    });
    expect(r.sockets.ownerOf('bastion', '/var/run/nscd/socket', 0)).toMatchObject({
      kind: 'other',
      ownerUid: undefined,
      basis: [],
    });
  });
});

describe('createSocketRegistry learning from templates and environments', () => {
  const t0 = Date.UTC(2024, 5, 10, 16);
  const base = {
    timeBasis: { year: 'line', zone: 'line' },
    program: 'auditd',
    repeat: 1,
    source: { source: 'audit.log', line: 1, text: '' },
    evidence: [],
    serial: 1,
    ppid: 1,
    key: undefined,
    success: true,
    exit: 0,
    cwd: '/home/bob',
    paths: [],
    comm: 'ssh',
    exe: '/usr/bin/ssh',
    tty: undefined,
  } as const;

  it('matches a `%r@%h:%p` ControlPath template expanded from the master command line', () => {
    const sockets = createSocketRegistry({ join: createSessionJoin() });
    sockets.addEvent({
      ...base,
      kind: 'process.exec',
      time: t0,
      host: 'h',
      pid: 700,
      uid: 1002,
      euid: 1002,
      auid: 1002,
      ses: 9,
      syscall: 'execve',
      argv: [
        'ssh',
        '-o',
        'ControlMaster=auto',
        '-o',
        'ControlPath=/tmp/ssh_mux_%h_%p_%r',
        'deploy@app1',
      ],
      argvTruncated: false,
    });
    const owner = sockets.ownerOf('h', '/tmp/ssh_mux_app1_22_deploy', t0 + 1000);
    expect(owner).toMatchObject({ kind: 'control_master', ownerPid: 700, ownerUid: 1002 });
    expect(sockets.ownerOf('h', '/tmp/ssh_mux_app2_22_deploy', t0 + 1000).ownerPid).toBeUndefined();
    expect(
      sockets.ownerOf('h', '/tmp/ssh_mux_app1_22_deploy', t0 - 60_000).ownerPid,
    ).toBeUndefined();
  });

  it('reads SSH_AUTH_SOCK from an environment snapshot and from a sudo argument', () => {
    const sockets = createSocketRegistry();
    const env = sockets.addEvent({
      kind: 'env.snapshot',
      time: t0,
      host: 'h',
      pid: 900,
      uid: 0,
      key: 'SSH_AUTH_SOCK',
      value: '/run/user/1000/ssh-agent.socket',
    });
    expect(env).toMatchObject([
      { via: 'env', crossUid: true, owner: { kind: 'ssh_agent', ownerUid: 1000 } },
    ]);
    const argv = sockets.addEvent({
      ...base,
      kind: 'process.exec',
      time: t0,
      host: 'h',
      pid: 901,
      uid: 0,
      euid: 0,
      auid: 1001,
      ses: 7,
      comm: 'sudo',
      exe: '/usr/bin/sudo',
      syscall: 'execve',
      argv: ['sudo', 'SSH_AUTH_SOCK=/tmp/ssh-QwErTy0987/agent.3111', 'ssh', 'alice@10.0.4.20'],
      argvTruncated: false,
    });
    expect(argv).toMatchObject([
      { via: 'argv', path: '/tmp/ssh-QwErTy0987/agent.3111', owner: { ownerPid: 3111 } },
    ]);
  });

  it('records a bind as the creator, not as a use, and trusts the inode owner', () => {
    const sockets = createSocketRegistry();
    const bind: SocketConnectEvent = {
      ...base,
      kind: 'socket.connect',
      time: t0,
      host: 'h',
      pid: 4242,
      uid: 1000,
      euid: 1000,
      auid: 1000,
      ses: 3,
      comm: 'sshd',
      exe: '/usr/sbin/sshd',
      syscall: 'bind',
      family: 'unix',
      path: '/home/alice/.ssh/agent/s.Xy9fQ2.sshd.aBcDeFgHiJ',
      address: undefined,
      port: undefined,
    };
    expect(sockets.addEvent(bind)).toEqual([]);
    const owner = sockets.ownerOf('h', bind.path ?? '', t0 + 1);
    expect(owner).toMatchObject({ kind: 'forwarded_agent', ownerPid: 4242, ownerUid: 1000 });
    expect(owner.basis).toEqual(['path', 'creator']);
  });

  it('keeps at most maxControlPaths learned templates and maxPaths paths per host', () => {
    const sockets = createSocketRegistry({ maxControlPaths: 2, maxPaths: 3 });
    for (let i = 0; i < 10; i += 1) {
      sockets.addEvent({
        ...base,
        kind: 'process.exec',
        time: t0 + i,
        host: 'h',
        pid: 1000 + i,
        uid: 1000,
        euid: 1000,
        auid: 1000,
        ses: 3,
        syscall: 'execve',
        argv: ['ssh', '-MS', `/tmp/cm${i}`, 'x'],
        argvTruncated: false,
      });
      sockets.addEvent({
        ...base,
        kind: 'socket.connect',
        time: t0 + i,
        host: 'h',
        pid: 2000 + i,
        uid: 0,
        euid: 0,
        auid: 1000,
        ses: 3,
        syscall: 'connect',
        family: 'unix',
        path: `/tmp/tmux-1000/s${i}`,
        address: undefined,
        port: undefined,
        paths: [
          {
            path: `/tmp/tmux-1000/s${i}`,
            inode: 1,
            mode: 0o140600,
            ouid: 1000,
            ogid: 1000,
            nametype: 'NORMAL',
          },
        ],
      });
    }
    expect(sockets.size()).toEqual({ paths: 3, controlPaths: 2, sessions: 0 });
    expect(sockets.ownerOf('h', '/tmp/cm9', t0 + 20).ownerPid).toBe(1009);
    expect(sockets.ownerOf('h', '/tmp/cm0', t0 + 20).ownerPid).toBeUndefined();
  });
});

describe('createSocketRegistry over osquery results', () => {
  it('resolves process_envs and socket_events rows and takes ids from process_events', async () => {
    const { readFileSync } = await import('node:fs');
    const { createOsqueryParser } = await import('../../../src/parsers/osquery/index.js');
    const text = readFileSync(
      new URL('../../fixtures/osquery/bastion-results.log', import.meta.url),
      'utf8',
    );
    const parser = createOsqueryParser({ source: 'osqueryd.results.log' });
    const lines = text.split('\n').filter((l) => l !== '');
    const events = [...lines.flatMap((l) => parser.push(l)), ...parser.flush()]
      .flatMap((o) => (o.kind === 'event' ? [o.event] : []))
      .sort((a, b) => a.time - b.time);
    const join = createSessionJoin();
    const sockets = createSocketRegistry({ join });
    const uses = events.flatMap((e) => {
      join.addEvent(e as never);
      return sockets.addEvent(e as never);
    });
    const root = uses.filter((u) => u.pid === 5120 && u.path === '/tmp/ssh-AbCdEf1234/agent.4242');
    expect(new Set(root.map((u) => u.via))).toEqual(new Set(['env', 'connect']));
    for (const u of root) {
      expect(u.owner).toMatchObject({ kind: 'forwarded_agent', ownerPid: 4242 });
      expect(u.auid).toBe(1001);
    }
    expect(root.some((u) => u.via === 'env' && u.euid === 0)).toBe(true);
    const keyring = uses.find((u) => u.pid === 3911);
    expect(keyring?.owner).toMatchObject({ kind: 'ssh_agent', ownerUid: 1001 });
  });
});
