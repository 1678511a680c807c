import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweepHost } from '../../../src/node/sweep/sweep-host.js';

// A real agent of one user and a process of another uid using it, on this host (root only).
const which = (cmd: string): boolean => {
  try {
    execFileSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};
const isRoot = process.platform === 'linux' && process.getuid?.() === 0;
const haveAgent = which('ssh-agent');
const haveTools = which('useradd') && which('userdel') && which('runuser');
const reason = !isRoot
  ? 'not root on Linux'
  : !haveAgent
    ? 'ssh-agent not installed (Debian package openssh-client)'
    : !haveTools
      ? 'useradd/userdel/runuser not installed (package passwd, util-linux)'
      : '';
if (reason !== '') console.warn(`sweep live test skipped: ${reason}`);

describe.skipIf(reason !== '')('sweepHost on this host (root)', () => {
  const user = `sshtrail${randomBytes(4).toString('hex')}`;
  const sock = `/home/${user}/agent.sock`;
  let agentPid: number | undefined;
  let victim: ChildProcess | undefined;
  let client: Socket | undefined;
  let userCreated = false;

  beforeAll(() => {
    execFileSync('useradd', ['-m', '-s', '/bin/sh', user], { stdio: 'ignore' });
    userCreated = true;
    const out = execFileSync('runuser', ['-u', user, '--', 'ssh-agent', '-s', '-a', sock], {
      encoding: 'utf8',
    });
    const pid = /SSH_AGENT_PID=(\d+)/.exec(out)?.[1];
    if (pid === undefined) throw new Error(`ssh-agent printed no pid: ${out}`);
    agentPid = Number(pid);
    // A root process set up with the user's agent, as an attacker would.
    victim = spawn('sleep', ['30'], {
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', SSH_AUTH_SOCK: sock },
      stdio: 'ignore',
    });
  });

  afterAll(() => {
    client?.destroy();
    if (victim?.pid !== undefined) victim.kill('SIGKILL');
    if (agentPid !== undefined) {
      try {
        process.kill(agentPid, 'SIGTERM');
      } catch {
        // Already gone.
      }
    }
    if (userCreated) execFileSync('userdel', ['-r', '-f', user], { stdio: 'ignore' });
  });

  it('names the root process, the socket and its owner', async () => {
    expect(existsSync(sock)).toBe(true);
    const report = await sweepHost();
    const finding = report.findings.find(
      (f) =>
        f.detector === 'sweep.foreign_agent_socket' &&
        f.evidence[0]?.source === `proc:/proc/${victim?.pid}/environ`,
    );
    expect(finding).toBeDefined();
    expect(finding?.user).toBe(user);
    expect(finding?.evidence[0]?.text).toMatch(
      new RegExp(`^SSH_AUTH_SOCK=${sock} \\(owner ${user} uid \\d+; process uid 0 sleep\\)$`),
    );
    expect(finding?.explanation).toContain(`sleep pid ${victim?.pid} runs as uid 0`);
    const inventory = report.inventory.agentSockets.find((s) => s.path === sock);
    expect(inventory?.holders.map((h) => h.pid)).toEqual([agentPid]);
    expect(inventory?.kind).toBe('ssh-agent');
    expect(report.inventory.root).toBe(true);
  });

  it.skipIf(!which('ss'))('reports a root process connected to the agent right now', async () => {
    client = connect(sock);
    await new Promise<void>((resolve, reject) => {
      client?.once('connect', resolve);
      client?.once('error', reject);
    });
    const report = await sweepHost();
    const live = report.findings.find(
      (f) =>
        f.detector === 'sweep.foreign_agent_connection' &&
        f.evidence[0]?.source === `proc:/proc/${process.pid}/fd`,
    );
    expect(live?.severity).toBe('critical');
    expect(live?.user).toBe(user);
    const inventory = report.inventory.agentSockets.find((s) => s.path === sock);
    expect(inventory?.connections).toBeGreaterThanOrEqual(1);
    expect(inventory?.peers?.map((p) => p.pid)).toContain(process.pid);
  });
});
