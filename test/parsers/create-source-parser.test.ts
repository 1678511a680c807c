import { describe, expect, it } from 'vitest';
import { createSourceParser } from '../../src/parsers/create-source-parser.js';
import type { LineOutcome } from '../../src/parsers/outcome.js';

const AUDIT = [
  'type=SYSCALL msg=audit(1709542931.371:100): arch=c000003e syscall=42 success=yes exit=0 a0=3 a1=7ffd a2=6e a3=0 items=1 ppid=2300 pid=2301 auid=1001 uid=0 gid=0 euid=0 suid=0 fsuid=0 egid=0 sgid=0 fsgid=0 tty=pts1 ses=7 comm="ssh" exe="/usr/bin/ssh" key="agent_socket"',
  'type=SOCKADDR msg=audit(1709542931.371:100): saddr=01002F746D702F7373682D4162436445663132332F6167656E742E3432343200',
  'type=EOE msg=audit(1709542931.371:100): ',
  'not an audit line',
];

describe('createSourceParser', () => {
  it('reads syslog and journald lines with the line parser by default', () => {
    const parser = createSourceParser({ source: 'auth.log', year: 2024 });
    const [out] = parser.push(
      'Mar  4 09:02:11 bastion sshd[1]: Server listening on 0.0.0.0 port 22.',
    );
    expect(out?.kind === 'event' && out.event.kind).toBe('ssh.server');
    expect(parser.stats()).toMatchObject({ lines: 1, events: 1 });
  });

  it('assembles auditd records into events and accounts for every line', () => {
    const parser = createSourceParser({ source: 'audit.log', format: 'auditd', host: 'bastion' });
    const out: LineOutcome[] = [];
    for (const line of AUDIT) out.push(...parser.push(line));
    out.push(...parser.flush());
    const event = out.find((o) => o.kind === 'event');
    expect(event?.kind === 'event' && event.event).toMatchObject({
      kind: 'socket.connect',
      host: 'bastion',
      path: '/tmp/ssh-AbCdEf123/agent.4242',
      uid: 0,
      auid: 1001,
    });
    const s = parser.stats();
    expect(s.lines).toBe(AUDIT.length);
    expect(s.events + s.ignored + s.unrecognized + s.malformed).toBe(s.lines);
    expect(out.filter((o) => o.kind === 'malformed')).toHaveLength(1);
  });

  it('reads Zeek JSON ssh.log records as net.ssh events', () => {
    const parser = createSourceParser({ source: 'ssh.log', format: 'zeek', host: 'sensor1' });
    const [out] = parser.push(
      JSON.stringify({
        _path: 'ssh',
        ts: 1709542931.4,
        uid: 'CAbc123',
        'id.orig_h': '198.51.100.23',
        'id.orig_p': 51514,
        'id.resp_h': '10.0.0.10',
        'id.resp_p': 22,
        auth_success: true,
        auth_attempts: 1,
        client: 'SSH-2.0-OpenSSH_9.6',
        server: 'SSH-2.0-OpenSSH_9.8',
      }),
    );
    expect(out?.kind === 'event' && out.event).toMatchObject({
      kind: 'net.ssh',
      time: 1709542931400,
    });
  });
});
