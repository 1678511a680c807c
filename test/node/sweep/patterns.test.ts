import { checkSync } from 'recheck';
import { describe, expect, it } from 'vitest';
import * as sniff from '../../../src/node/sniff/patterns.js';
import * as sweep from '../../../src/node/sweep/patterns.js';

const entries = [...Object.entries(sniff), ...Object.entries(sweep)];

describe('node patterns (sniffing and sweep)', () => {
  it('exports only RegExp constants', () => {
    expect(entries.map(([name]) => name).sort()).toEqual([
      'HOME_AGENT_SOCKET_NAME',
      'SSHD_TITLE',
      'TMP_AGENT_SOCKET',
      'ZEEK_SEPARATOR_HEADER',
    ]);
    for (const [, value] of entries) expect(value).toBeInstanceOf(RegExp);
  });

  it.each(entries)('%s is anchored at both ends', (_name, pattern) => {
    expect(pattern.source.startsWith('^')).toBe(true);
    expect(pattern.source.endsWith('$')).toBe(true);
  });

  it.each(entries)('%s is linear-time (recheck, automaton checker)', (_name, pattern) => {
    const result = checkSync(pattern.source, pattern.flags, { checker: 'automaton' });
    expect(result.status).toBe('safe');
  });

  it.each([
    ['/tmp/ssh-XXXXabcd12/agent.1234', true],
    ['/tmp/ssh-XXXX/agent.12/x', false],
    ['/tmp/ssh-/agent.1', false],
  ])('TMP_AGENT_SOCKET on %s is %s', (path, expected) => {
    expect(sweep.TMP_AGENT_SOCKET.test(path)).toBe(expected);
  });

  it.each([
    ['sshd: alice@pts/0', ['sshd', 'alice', 'pts/0', undefined]],
    ['sshd-session: bob [priv]', ['sshd-session', 'bob', undefined, 'priv']],
    ['sshd: /usr/sbin/sshd -D [listener] 0 of 10-100 startups', null],
  ])('SSHD_TITLE reads %s', (title, expected) => {
    expect(sweep.SSHD_TITLE.exec(title)?.slice(1) ?? null).toEqual(expected);
  });
});
