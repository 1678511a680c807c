import { describe, expect, it } from 'vitest';
import { collectIndicators } from '../../src/triage/indicators.js';
import { finding } from '../fixtures/triage/scenarios.js';

const base = {
  id: 'f-1',
  detector: 'ssh.agent_socket_hijack',
  title: 't',
  severity: 'high' as const,
  techniques: ['T1563.001'],
  time: 0,
  host: 'h1',
  user: 'u',
  ip: '203.0.113.5',
  explanation: 'x',
};

describe('collectIndicators', () => {
  it('finds agent sockets of both OpenSSH layouts and SHA256 fingerprints in evidence', () => {
    const f = finding({
      ...base,
      evidence: [
        {
          source: 'audit.log',
          line: 1,
          text: 'type=PATH msg=audit(1709544298.117:9921): item=0 name="/tmp/ssh-Xy12AbCdEf/agent.2210" inode=131090',
        },
        {
          source: 'audit.log',
          line: 2,
          text: 'type=PATH msg=audit(1.2:3): item=0 name="/home/alice/.ssh/agent/s.Q2Vx9.sshd.aB3dE5fG7h" inode=5',
        },
        {
          source: 'auth.log',
          line: 3,
          text: 'Mar  4 09:25:40 web1 sshd[3100]: Accepted publickey for alice from 10.0.0.5 port 43122 ssh2: ED25519 SHA256:Vq2Xo7tOe1t8pQ4b1b7kq0Q2c9kP8m3yQm5sJmGm0xA',
        },
      ],
    });
    expect(collectIndicators([f], [])).toEqual({
      addresses: ['203.0.113.5'],
      fingerprints: ['SHA256:Vq2Xo7tOe1t8pQ4b1b7kq0Q2c9kP8m3yQm5sJmGm0xA'],
      socketPaths: [
        '/home/alice/.ssh/agent/s.Q2Vx9.sshd.aB3dE5fG7h',
        '/tmp/ssh-Xy12AbCdEf/agent.2210',
      ],
    });
  });

  it('ignores truncated fingerprints and socket-like text that is not a socket path', () => {
    const f = finding({
      ...base,
      evidence: [
        {
          source: 'a',
          line: 1,
          text: 'key SHA256:short and /tmp/ssh-/agent.1 and /tmp/ssh-abc/agent. end',
        },
        {
          source: 'a',
          line: 2,
          text: 'SHA256:Vq2Xo7tOe1t8pQ4b1b7kq0Q2c9kP8m3yQm5sJmGm0xAB (44 chars)',
        },
      ],
    });
    const iocs = collectIndicators([f], []);
    expect(iocs.fingerprints).toEqual([]);
    expect(iocs.socketPaths).toEqual([]);
  });

  it('stays linear on long adversarial evidence', () => {
    const text = `${'/tmp/ssh-'.repeat(20_000)}${'SHA256:'.repeat(20_000)}${'/.ssh/agent/s.'.repeat(20_000)}`;
    const f = finding({ ...base, evidence: [{ source: 'a', line: 1, text }] });
    const started = performance.now();
    collectIndicators([f], []);
    expect(performance.now() - started).toBeLessThan(500);
  });
});
