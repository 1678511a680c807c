import { describe, expect, it } from 'vitest';
import {
  compileControlPath,
  matchControlPath,
  socketArguments,
} from '../../../src/model/sockets/index.js';

describe('socketArguments', () => {
  it('reads a master with -M -S and the destination', () => {
    expect(socketArguments(['ssh', '-M', '-S', '/home/alice/.ssh/cm-alice@db1:22', 'db1'])).toEqual(
      {
        program: 'ssh',
        master: true,
        controlPath: '/home/alice/.ssh/cm-alice@db1:22',
        remoteUser: undefined,
        remoteHost: 'db1',
        port: 22,
        tmuxSocket: undefined,
        authSock: undefined,
      },
    );
  });

  it('reads -o ControlMaster/ControlPath/Port, glued flags and -l', () => {
    const a = socketArguments([
      'ssh',
      '-fNMS/tmp/m',
      '-oControlPersist=yes',
      '-o',
      'ControlPath=~/.ssh/cm-%r@%h:%p',
      '-p',
      '2222',
      '-l',
      'deploy',
      'app1',
    ]);
    expect(a).toMatchObject({
      master: true,
      controlPath: '~/.ssh/cm-%r@%h:%p',
      remoteUser: 'deploy',
      remoteHost: 'app1',
      port: 2222,
    });
  });

  it('takes options placed after the destination but not inside the remote command', () => {
    const a = socketArguments(['ssh', 'alice@db1', '-S', '/tmp/cm', 'tmux', '-S', '/tmp/x']);
    expect(a).toMatchObject({ controlPath: '/tmp/cm', remoteUser: 'alice', remoteHost: 'db1' });
  });

  it('drops ControlPath=none (SSH-Snake) and is not a master without -M', () => {
    const a = socketArguments(['ssh', '-oControlPath=none', '-oBatchMode=yes', 'u@t', 'true']);
    expect(a.controlPath).toBeUndefined();
    expect(a.master).toBe(false);
  });

  it('reads tmux -S and SSH_AUTH_SOCK= arguments', () => {
    expect(socketArguments(['tmux', '-S', '/tmp/tmux-1000/default', 'attach']).tmuxSocket).toBe(
      '/tmp/tmux-1000/default',
    );
    expect(
      socketArguments(
        ['env', 'SSH_AUTH_SOCK=/tmp/ssh-a1b2c3d4e5/agent.9', 'ssh', 'x'],
        '/usr/bin/env',
      ).authSock,
    ).toBe('/tmp/ssh-a1b2c3d4e5/agent.9');
  });

  it('never throws on a dangling option', () => {
    expect(socketArguments(['ssh', '-S']).controlPath).toBeUndefined();
    expect(socketArguments([]).program).toBe('');
  });
});

describe('compileControlPath / matchControlPath', () => {
  it('expands known tokens and ~', () => {
    const m = compileControlPath('~/.ssh/cm-%r@%h:%p', {
      remoteUser: 'alice',
      remoteHost: 'db1',
      port: 22,
      home: '/home/alice',
    });
    expect(matchControlPath(m, '/home/alice/.ssh/cm-alice@db1:22')).toBe(true);
    expect(matchControlPath(m, '/home/alice/.ssh/cm-alice@db2:22')).toBe(false);
  });

  it('lets unknown tokens and an unknown home match one path segment only', () => {
    const m = compileControlPath('~/.ssh/cm-%C');
    expect(matchControlPath(m, '/home/bob/.ssh/cm-5c1f6a8d0e')).toBe(true);
    expect(matchControlPath(m, '/root/.ssh/cm-5c1f6a8d0e')).toBe(true);
    expect(matchControlPath(m, '/home/bob/.ssh/cm-a/b')).toBe(false);
    expect(matchControlPath(m, '/home/bob/x/.ssh/cm-a')).toBe(false);
  });

  it('treats regex metacharacters in templates as text', () => {
    const m = compileControlPath('/tmp/(a+)+$%%');
    expect(matchControlPath(m, '/tmp/(a+)+$%')).toBe(true);
    expect(matchControlPath(m, '/tmp/aaaa')).toBe(false);
  });

  it('stays fast on many wildcards against a long segment', () => {
    const m = compileControlPath(`/tmp/${'%C'.repeat(30)}x`);
    const t = performance.now();
    expect(matchControlPath(m, `/tmp/${'a'.repeat(4000)}`)).toBe(false);
    expect(performance.now() - t).toBeLessThan(2000);
  });
});
