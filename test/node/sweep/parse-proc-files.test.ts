import { describe, expect, it } from 'vitest';
import {
  parseEnviron,
  parsePasswd,
  parseProcStatus,
  parseSsUnix,
  socketInode,
} from '../../../src/node/sweep/parse-proc-files.js';
import { parseProcNetUnix } from '../../../src/node/sweep/parse-proc-net-unix.js';

describe('parseProcNetUnix', () => {
  const text = [
    'Num       RefCount Protocol Flags    Type St Inode Path',
    '00000000e943a12e: 00000002 00000000 00010000 0001 01 119793 /tmp/probe-agent.sock',
    '0000000073894094: 00000003 00000000 00000000 0001 03 120939 /tmp/probe-agent.sock',
    '0000000092e0d031: 00000003 00000000 00000000 0001 03 119941',
    '0000000000000000: 00000002 00000000 00010000 0001 01 30002 /run/a path with spaces',
    '0000000000000000: 00000002 00000000 00010000 0005 01 18000 @/tmp/.X11-unix/X0',
    'garbage line',
    '',
  ].join('\n');

  it('reads listening, accepted and unbound sockets with their line numbers', () => {
    const sockets = parseProcNetUnix(text);
    expect(sockets.map((s) => [s.line, s.inode, s.listening, s.connected, s.path])).toEqual([
      [2, 119793, true, false, '/tmp/probe-agent.sock'],
      [3, 120939, false, true, '/tmp/probe-agent.sock'],
      [4, 119941, false, true, undefined],
      [5, 30002, true, false, '/run/a path with spaces'],
      [6, 18000, true, false, '@/tmp/.X11-unix/X0'],
    ]);
    expect(sockets[4]?.type).toBe(5);
  });

  it('never throws on arbitrary text', () => {
    expect(parseProcNetUnix('\0\n: : : :\nx y z w v u t s r')).toEqual([]);
  });
});

describe('parseProcStatus', () => {
  it('reads the name, parent pid and real uid (not the effective one)', () => {
    const status = 'Name:\tsudo\nState:\tS (sleeping)\nPPid:\t4321\nUid:\t1000\t0\t0\t0\n';
    expect(parseProcStatus(status)).toEqual({ name: 'sudo', ppid: 4321, uid: 1000 });
  });
});

describe('parseEnviron', () => {
  it('splits NUL-separated entries on the first = only', () => {
    const env = parseEnviron('A=b=c\0SSH_AUTH_SOCK=/tmp/ssh-x/agent.9\0NOEQUALS\0');
    expect(env.get('A')).toBe('b=c');
    expect(env.get('SSH_AUTH_SOCK')).toBe('/tmp/ssh-x/agent.9');
    expect(env.has('NOEQUALS')).toBe(false);
  });
});

describe('socketInode', () => {
  it.each([
    ['socket:[120938]', 120938],
    ['pipe:[5]', undefined],
    ['socket:[x]', undefined],
    ['/dev/pts/0', undefined],
  ])('reads %s as %s', (link, inode) => {
    expect(socketInode(link)).toBe(inode);
  });
});

describe('parseSsUnix', () => {
  it('pairs each connected socket with its peer and skips listeners', () => {
    const out = [
      'u_str LISTEN 0      128    /tmp/probe-agent.sock 119793 * 0     ',
      'u_str ESTAB  0      0      /tmp/probe-agent.sock 120939 * 120938',
      'u_str ESTAB 0      0      * 119941 * 119940',
    ].join('\n');
    expect(parseSsUnix(out)).toEqual([
      { inode: 120939, peer: 120938 },
      { inode: 119941, peer: 119940 },
    ]);
  });
});

describe('parsePasswd', () => {
  it('maps uids to the first name that has them', () => {
    expect(parsePasswd('root:x:0:0::/root:/bin/sh\ntoor:x:0:0::/:/bin/sh\nbad line\n')).toEqual({
      '0': 'root',
    });
  });
});
