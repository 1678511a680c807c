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

  // Audit records of `ssh -S /home/alice/.ssh/cm-alice@db02:22 ...` run by root (login uid eve)
  // on jump01: test/fixtures/scenarios/control-master-hijack/jump01/audit.log.
  const CM = '/home/alice/.ssh/cm-alice@db02:22';
  const controlMaster = {
    ...base,
    detector: 'ssh.control_master_hijack',
    actor: {
      user: 'eve',
      uid: 1005,
      sessionId: 'jump01/22502/1795771500000',
      sourceIp: '10.60.1.77',
    },
    evidence: [
      {
        source: 'jump01/audit.log',
        line: 46,
        text: `type=EXECVE msg=audit(1795771602.000:9012): argc=6 a0="ssh" a1="-S" a2="${CM}" a3="-O" a4="check" a5="db02"`,
      },
      {
        source: 'jump01/audit.log',
        line: 48,
        text: 'type=PATH msg=audit(1795771602.000:9012): item=0 name="/usr/bin/ssh" inode=1835530 dev=fd:01 mode=0100755 ouid=0 ogid=0 rdev=00:00 nametype=NORMAL cap_fp=0 cap_fi=0 cap_fe=0 cap_fver=0 cap_frootid=0',
      },
      {
        source: 'jump01/audit.log',
        line: 68,
        text: `type=PATH msg=audit(1795771610.010:9015): item=0 name="${CM}" inode=9022533 dev=fd:01 mode=0140600 ouid=1001 ogid=1001 rdev=00:00 nametype=NORMAL cap_fp=0 cap_fi=0 cap_fe=0 cap_fver=0 cap_frootid=0`,
      },
    ],
  };

  it('names a hijacked ControlMaster socket and the actor’s address', () => {
    const { actor, ...spec } = controlMaster;
    // The client-side finding names no source address of its own: only its actor has one.
    const f = { ...finding(spec), sourceIp: undefined, actor };
    const iocs = collectIndicators([f], []);
    expect(iocs.socketPaths).toEqual([CM]);
    expect(iocs.addresses).toEqual(['10.60.1.77']);
  });

  it('reads the socket from either record alone, hex-encoded too, but not a program file or a ControlPath template', () => {
    const [execve, program, connect] = controlMaster.evidence;
    if (execve === undefined || program === undefined || connect === undefined)
      throw new Error('fixture');
    const only = (...evidence: (typeof execve)[]) =>
      collectIndicators([finding({ ...base, evidence })], []).socketPaths;
    expect(only(execve)).toEqual([CM]);
    expect(only(connect)).toEqual([CM]);
    // `/home/alice/.ssh/cm a` has a space, so auditd hex-encodes it.
    expect(
      only({
        ...connect,
        text: 'type=PATH msg=audit(1.2:3): item=0 name=2F686F6D652F616C6963652F2E7373682F636D2061 inode=5 dev=fd:01 mode=0140600 ouid=1001',
      }),
    ).toEqual(['/home/alice/.ssh/cm a']);
    expect(only(program)).toEqual([]);
    expect(
      only({
        ...execve,
        text: 'type=EXECVE msg=audit(1.2:3): argc=4 a0="ssh" a1="-S" a2="~/.ssh/cm-%r@%h:%p" a3="db02"',
      }),
    ).toEqual([]);
    expect(
      only({
        ...execve,
        text: 'type=EXECVE msg=audit(1.2:3): argc=3 a0="ssh" a1="-Snone" a2="db02"',
      }),
    ).toEqual([]);
  });

  it('stays linear on long adversarial evidence', () => {
    const text = `${'/tmp/ssh-'.repeat(20_000)}${'SHA256:'.repeat(20_000)}${'/.ssh/agent/s.'.repeat(20_000)}`;
    const execve = `type=EXECVE ${'a1="-S" a2='.repeat(20_000)}${'="-S/'.repeat(20_000)}`;
    const path = `type=PATH name=${'2F'.repeat(200_000)} mode=0140600`;
    const f = finding({
      ...base,
      evidence: [
        { source: 'a', line: 1, text },
        { source: 'a', line: 2, text: execve },
        { source: 'a', line: 3, text: path },
      ],
    });
    const started = performance.now();
    collectIndicators([f], []);
    expect(performance.now() - started).toBeLessThan(500);
  });
});
