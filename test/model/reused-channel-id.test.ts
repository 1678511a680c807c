import { describe, expect, it } from 'vitest';
import { createSessionTracker, type SshSession } from '../../src/model/index.js';
import { parseLines } from './parse-lines.js';

// From the real lab run: root reused bob's ControlMaster connection after bob's first channel had
// closed, and sshd numbered the new channel `id 0` again.
const LINES = [
  'Mar 10 09:06:00 db1 sshd[7401]: Connection from 10.20.0.11 port 41900 on 10.20.0.13 port 22',
  'Mar 10 09:06:00 db1 sshd[7401]: Accepted publickey for bob from 10.20.0.11 port 41900 ssh2: ED25519 SHA256:b0bKeyb0bKeyb0bKeyb0bKeyb0bKeyb0bKeyb0bKey1',
  'Mar 10 09:06:00 db1 sshd[7401]: User child is on pid 7408',
  'Mar 10 09:06:01 db1 sshd[7408]: Starting session: command for bob from 10.20.0.11 port 41900 id 0',
  'Mar 10 09:06:02 db1 sshd[7408]: Close session: user bob from 10.20.0.11 port 41900 id 0',
  'Mar 10 09:06:40 db1 sshd[7408]: Starting session: shell on pts/1 for bob from 10.20.0.11 port 41900 id 0',
];

describe('multiplexed channels', () => {
  it('marks a second channel multiplexed even when sshd reuses id 0', () => {
    const tracker = createSessionTracker();
    let latest: SshSession | undefined;
    for (const event of parseLines(LINES)) {
      for (const change of tracker.push(event))
        if (change.kind !== 'diagnostic') latest = change.session;
    }
    expect(latest?.channels.map((c) => [c.number, c.type, c.multiplexed])).toEqual([
      [0, 'command', false],
      [0, 'shell', true],
    ]);
  });
});
