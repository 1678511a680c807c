import { describe, expect, it } from 'vitest';
import { multiplexedChannel } from '../../../src/detectors/index.js';
import { run, summary } from '../harness.js';
import { exampleConfig } from './config.js';

describe('multiplexedChannel', () => {
  it('reports session id 1 on an authenticated connection with no new Accepted line', () => {
    const { findings } = run(['multiplexed-channel.log'], { detectors: [multiplexedChannel()] });
    expect(summary(findings)).toEqual(['low alice@web3 from 10.0.0.5']);
    expect(findings[0]?.evidence.map((e) => e.text)).toEqual([
      expect.stringContaining('Accepted publickey for alice from 10.0.0.5 port 51400'),
      expect.stringContaining('Starting session: command for alice from 10.0.0.5 port 51400 id 1'),
    ]);
    expect(findings[0]?.time).toBe('2024-03-12T09:01:01.000Z');
  });

  it('stays quiet for separate connections that each authenticated', () => {
    const { findings, sessions } = run(['multiplexed-channel.log'], {
      detectors: [multiplexedChannel()],
    });
    expect(sessions.filter((s) => s.user === 'bob')).toHaveLength(2);
    expect(findings.some((f) => f.user === 'bob')).toBe(false);
  });

  it('is low for service accounts (Ansible ControlPersist)', () => {
    const lines = [
      'Mar 12 09:00:00 web3 sshd[10]: Accepted publickey for deploy from 10.0.9.9 port 1 ssh2: ED25519 SHA256:Vq2Xo7tOe1t8pQ4b1b7kq0Q2c9kP8m3yQm5sJmGm0xA',
      'Mar 12 09:00:00 web3 sshd[10]: User child is on pid 11',
      'Mar 12 09:00:01 web3 sshd[11]: Starting session: command for deploy from 10.0.9.9 port 1 id 0',
      'Mar 12 09:00:05 web3 sshd[11]: Starting session: command for deploy from 10.0.9.9 port 1 id 1',
    ];
    const { findings } = run([{ source: 'a.log', lines }], {
      detectors: [multiplexedChannel()],
      config: exampleConfig(),
    });
    expect(summary(findings)).toEqual(['low deploy@web3 from 10.0.9.9']);
  });
});
