import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classifySocketPath } from '../../../src/model/sockets/index.js';

describe('classifySocketPath', () => {
  it.each([
    ['/tmp/ssh-AbCdEf1234/agent.4242', 'forwarded_agent', 4242, undefined, undefined],
    ['/tmp/ssh-XXXXabcdef/agent.1', 'forwarded_agent', 1, undefined, undefined],
    [
      '/home/alice/.ssh/agent/s.Xy9fQ2bZ.sshd.aBcDeFgHiJ',
      'forwarded_agent',
      undefined,
      undefined,
      'alice',
    ],
    [
      '/home/alice/.ssh/agent/s.Xy9fQ2bZ.agent.aBcDeFgHiJ',
      'ssh_agent',
      undefined,
      undefined,
      'alice',
    ],
    ['/run/user/1000/ssh-agent.socket', 'ssh_agent', undefined, 1000, undefined],
    ['/run/user/1000/keyring/ssh', 'ssh_agent', undefined, 1000, undefined],
    ['/run/user/1000/gcr/ssh', 'ssh_agent', undefined, 1000, undefined],
    ['/home/bob/.1password/agent.sock', 'ssh_agent', undefined, undefined, 'bob'],
    ['/run/user/1000/gnupg/S.gpg-agent.ssh', 'gpg_agent', undefined, 1000, undefined],
    ['/home/alice/.gnupg/S.gpg-agent.ssh', 'gpg_agent', undefined, undefined, 'alice'],
    ['/home/alice/.ssh/cm-alice@db1:22', 'control_master', undefined, undefined, 'alice'],
    ['/home/alice/.ssh/master-alice@db1:22', 'control_master', undefined, undefined, 'alice'],
    ['/home/alice/.ssh/sockets/alice@db1-22', 'control_master', undefined, undefined, 'alice'],
    ['/root/.ansible/cp/5c1f6a8d0e', 'control_master', undefined, undefined, 'root'],
    ['/tmp/ssh_mux_db1_22_alice', 'control_master', undefined, undefined, undefined],
    ['/tmp/tmux-1000/default', 'tmux', undefined, 1000, undefined],
    ['/run/screen/S-alice/12345.pts-0.bastion', 'screen', 12345, undefined, 'alice'],
    ['/var/run/screen/S-bob/777.work', 'screen', 777, undefined, 'bob'],
    ['/var/run/nscd/socket', 'other', undefined, undefined, undefined],
    ['/run/systemd/journal/stdout', 'other', undefined, undefined, undefined],
    ['@/tmp/.X11-unix/X0', 'other', undefined, undefined, undefined],
    ['relative/agent.12', 'other', undefined, undefined, undefined],
    ['/tmp/ssh-AbCdEf1234/agent.4242x', 'other', undefined, undefined, undefined],
    ['/tmp/not-ssh/agent.4242', 'other', undefined, undefined, undefined],
  ])('classifies %s as %s', (path, kind, ownerPid, ownerUid, ownerUser) => {
    expect(classifySocketPath(path)).toEqual({ kind, ownerPid, ownerUid, ownerUser });
  });

  it('never throws and keeps the owner pid numeric', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (tail) => {
        const c = classifySocketPath(`/tmp/${tail}`);
        expect(c.ownerPid === undefined || Number.isInteger(c.ownerPid)).toBe(true);
      }),
    );
  });

  it('reads an attacker-made long path in linear time', () => {
    const path = `/tmp/ssh-${'a'.repeat(3000)}/agent.${'9'.repeat(1000)}`;
    const t = performance.now();
    expect(classifySocketPath(path).kind).toBe('other');
    expect(performance.now() - t).toBeLessThan(50);
  });
});
