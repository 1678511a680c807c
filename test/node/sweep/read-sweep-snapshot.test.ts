import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeSweep } from '../../../src/node/sweep/analyze-sweep.js';
import { readSweepSnapshot } from '../../../src/node/sweep/read-sweep-snapshot.js';
import type { SocketFile } from '../../../src/node/sweep/sweep-types.js';

const FIXTURE = path.resolve(import.meta.dirname, '../../fixtures/cli');
const OWNERS: Record<string, number> = {
  '/tmp/ssh-XYZabc1234/agent.42': 1000,
  '/home/alice/.ssh/cm-alice@db:22': 1000,
};

async function fixtureSnapshot(withPeers: boolean) {
  return readSweepSnapshot({
    procRoot: path.join(FIXTURE, 'proc'),
    passwd: path.join(FIXTURE, 'passwd'),
    utmp: path.join(FIXTURE, 'no-utmp'),
    host: 'bastion',
    now: Date.UTC(2024, 2, 4, 9, 30),
    statSocket: async (p): Promise<SocketFile | undefined> =>
      OWNERS[p] === undefined ? undefined : { path: p, uid: OWNERS[p], isSocket: true },
    readPeers: async () =>
      withPeers ? readFileSync(path.join(FIXTURE, 'ss-xanH.txt'), 'utf8') : undefined,
  });
}

describe('readSweepSnapshot', () => {
  it('reads status, command line, environment and socket inodes of every pid directory', async () => {
    const snapshot = await fixtureSnapshot(true);
    expect(snapshot.processes.map((p) => p.pid)).toEqual([1, 41, 42, 43, 50, 69, 70, 77, 1234]);
    const addKey = snapshot.processes.find((p) => p.pid === 1234);
    expect(addKey).toMatchObject({
      name: 'ssh-add',
      uid: 0,
      ppid: 1200,
      cmdline: 'ssh-add -l',
      authSock: '/tmp/ssh-XYZabc1234/agent.42',
      sshConnection: '198.51.100.77 50100 10.0.0.1 22',
      socketInodes: [23459],
    });
    expect(snapshot.processes.find((p) => p.pid === 42)?.socketInodes).toEqual([23456, 23460]);
    expect(snapshot.users).toEqual({ '0': 'root', '1000': 'alice' });
    expect(snapshot.peers).toContainEqual({ inode: 23460, peer: 23459 });
    expect(snapshot.logins).toBeUndefined();
    expect(snapshot.notes.some((n) => n.includes('no-utmp does not exist'))).toBe(true);
  });

  it('gives an empty snapshot with a note when the proc directory is missing', async () => {
    const snapshot = await readSweepSnapshot({
      procRoot: path.join(FIXTURE, 'missing-proc'),
      readPeers: async () => undefined,
    });
    expect(snapshot.processes).toEqual([]);
    expect(snapshot.notes[0]).toMatch(/missing-proc is not readable/);
  });
});

describe('analyzeSweep on the fake /proc tree', () => {
  it('reports the root process set up with alice\u2019s forwarded agent, citing environ and net/unix', async () => {
    const report = analyzeSweep(await fixtureSnapshot(true));
    const foreign = report.findings.filter((f) => f.detector === 'sweep.foreign_agent_socket');
    expect(foreign).toHaveLength(1);
    const f = foreign[0];
    expect(f).toMatchObject({
      type: 'finding',
      severity: 'high',
      host: 'bastion',
      user: 'alice',
      sourceIp: '198.51.100.77',
      techniques: ['T1563.001'],
      time: '2024-03-04T09:30:00.000Z',
    });
    expect(f?.evidence[0]).toEqual({
      source: `proc:${path.join(FIXTURE, 'proc')}/1234/environ`,
      line: 1,
      text: 'SSH_AUTH_SOCK=/tmp/ssh-XYZabc1234/agent.42 (owner alice uid 1000; process uid 0 ssh-add)',
    });
    expect(f?.evidence[1]).toMatchObject({ line: 3 });
    expect(f?.evidence[1]?.text).toContain('23456 /tmp/ssh-XYZabc1234/agent.42');
    expect(f?.explanation).toContain('sshd pid 42 (sshd: alice@pts/0)');
  });

  it('reports the live connection of another uid to the agent when ss names the peer', async () => {
    const report = analyzeSweep(await fixtureSnapshot(true));
    const live = report.findings.filter((f) => f.detector === 'sweep.foreign_agent_connection');
    expect(live.map((f) => f.severity)).toEqual(['critical']);
    expect(live[0]?.explanation).toMatch(/^ssh-add pid 1234 \(uid 0\) holds an open connection/);
  });

  it('reports a same-user shell reusing the agent of another session, not the session\u2019s own shell', async () => {
    const report = analyzeSweep(await fixtureSnapshot(true));
    const cross = report.findings.filter((f) => f.detector === 'sweep.cross_session_agent_socket');
    expect(cross.map((f) => f.id)).toEqual([
      'sweep:bastion:cross_session_agent_socket:77:/tmp/ssh-XYZabc1234/agent.42',
    ]);
    expect(cross[0]?.sourceIp).toBe('203.0.113.9');
  });

  it('inventories agent and ControlMaster sockets, their holders, connections and users', async () => {
    const { inventory } = analyzeSweep(await fixtureSnapshot(true));
    const agent = inventory.agentSockets.find((s) => s.path === '/tmp/ssh-XYZabc1234/agent.42');
    expect(agent).toMatchObject({
      kind: 'forwarded-agent',
      owner: 'alice',
      sshdPid: 42,
      listeningInode: 23456,
      connections: 1,
    });
    expect(agent?.holders.map((h) => h.pid)).toEqual([42]);
    expect(agent?.peers?.map((p) => p.pid)).toEqual([1234]);
    expect(agent?.usedBy.map((p) => p.pid)).toEqual([43, 77, 1234]);
    const master = inventory.agentSockets.find((s) => s.path.includes('cm-alice'));
    expect(master).toMatchObject({ kind: 'control-master', holders: [{ pid: 50, name: 'ssh' }] });
    expect(inventory.sshdProcesses).toContainEqual({
      pid: 41,
      program: 'sshd',
      user: 'alice',
      tty: undefined,
      role: 'monitor',
    });
    expect(inventory.sshdProcesses.filter((s) => s.role === 'user').map((s) => s.tty)).toEqual([
      'pts/0',
      'pts/1',
    ]);
    expect(inventory).toMatchObject({ type: 'sweep', host: 'bastion', processes: 9, findings: 3 });
  });

  it('says peers are unknown, and reports no live connection, without ss', async () => {
    const report = analyzeSweep(await fixtureSnapshot(false));
    expect(report.findings.map((f) => f.detector).sort()).toEqual([
      'sweep.cross_session_agent_socket',
      'sweep.foreign_agent_socket',
    ]);
    expect(report.inventory.agentSockets[0]?.peers).toBeUndefined();
    expect(report.inventory.notes.some((n) => n.startsWith('peers of agent sockets unknown'))).toBe(
      true,
    );
  });
});
