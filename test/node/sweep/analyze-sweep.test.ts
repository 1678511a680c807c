import { describe, expect, it } from 'vitest';
import { analyzeSweep } from '../../../src/node/sweep/analyze-sweep.js';
import type { SweepProcess, SweepSnapshot } from '../../../src/node/sweep/sweep-types.js';

const HOME_SOCK = '/home/alice/.ssh/agent/s.Qm9vYmFy.sshd.AbC123xyz';

function proc(pid: number, uid: number, name: string, authSock?: string): SweepProcess {
  return {
    pid,
    ppid: 1,
    uid,
    name,
    cmdline: name,
    environReadable: true,
    authSock,
    sshConnection: undefined,
    socketInodes: [],
  };
}

function snapshot(processes: SweepProcess[], owners: Record<string, number>): SweepSnapshot {
  return {
    host: 'jump1',
    time: Date.UTC(2025, 5, 1),
    procRoot: '/proc',
    euid: 0,
    processes,
    unixSockets: [],
    socketFiles: Object.fromEntries(
      Object.entries(owners).map(([path, uid]) => [path, { path, uid, isSocket: true }]),
    ),
    users: { '0': 'root', '1000': 'alice', '1001': 'bob' },
    peers: [],
    logins: [{ user: 'alice', tty: 'pts/0', remoteHost: '10.0.0.5', pid: 900, time: 0 }],
    notes: [],
  };
}

describe('analyzeSweep', () => {
  it('knows OpenSSH 10.1 forwarded-agent sockets under ~/.ssh/agent', () => {
    const report = analyzeSweep(
      snapshot([proc(5000, 1001, 'ssh', HOME_SOCK)], { [HOME_SOCK]: 1000 }),
    );
    expect(report.findings.map((f) => [f.detector, f.user])).toEqual([
      ['sweep.foreign_agent_socket', 'alice'],
    ]);
    expect(report.findings[0]?.explanation).toContain('runs as uid 1001 (bob)');
    expect(report.inventory.agentSockets[0]).toMatchObject({
      path: HOME_SOCK,
      kind: 'forwarded-agent',
    });
    expect(report.inventory.logins).toHaveLength(1);
  });

  it('reports nothing for a process using its own user\u2019s agent, or a socket it cannot stat', () => {
    const report = analyzeSweep(
      snapshot([proc(5001, 1000, 'bash', HOME_SOCK), proc(5002, 0, 'sleep', '/tmp/gone.sock')], {
        [HOME_SOCK]: 1000,
      }),
    );
    expect(report.findings).toEqual([]);
    expect(report.inventory.agentSockets.map((s) => [s.path, s.ownerUid])).toEqual([
      [HOME_SOCK, 1000],
      ['/tmp/gone.sock', undefined],
    ]);
  });

  it('is deterministic: the same snapshot gives the same report', () => {
    const s = snapshot([proc(5000, 0, 'ssh', HOME_SOCK)], { [HOME_SOCK]: 1000 });
    expect(JSON.stringify(analyzeSweep(s))).toBe(JSON.stringify(analyzeSweep(s)));
  });
});
