import { describe, expect, it } from 'vitest';
import {
  agentSocketHijack,
  createDetectorContext,
  createDetectorSet,
  createLogGapBuffer,
  keyMisuse,
  logGapView,
  missingLogs,
  unexpectedSshClient,
} from '../../../src/detectors/index.js';
import type { MissingLoginGap } from '../../../src/model/gaps/index.js';
import { createSessionTracker } from '../../../src/model/index.js';
import { createSourceParser } from '../../../src/parsers/create-source-parser.js';

function auditEvents(host: string, lines: readonly string[]) {
  const parser = createSourceParser({ source: 'audit.log', format: 'auditd', host });
  const out = [...lines.flatMap((l) => parser.push(l)), ...parser.flush()];
  return out.flatMap((o) => (o.kind === 'event' ? [o.event] : []));
}

describe('unexpectedSshClient', () => {
  it('reports root (login mallory) attaching to alice’s sshd-session with ptrace as high', () => {
    const events = auditEvents('bastion', [
      'type=SYSCALL msg=audit(1773133300.120:5001): arch=c000003e syscall=101 success=yes exit=0 a0=10 a1=1466 a2=0 a3=0 items=0 ppid=5232 pid=5260 auid=1003 uid=0 gid=0 euid=0 suid=0 fsuid=0 egid=0 sgid=0 fsgid=0 tty=pts1 ses=32 comm="gdb" exe="/usr/bin/gdb" key="tracing"',
      'type=OBJ_PID msg=audit(1773133300.120:5001): opid=5222 oauid=1001 ouid=1001 oses=31 obj=unconfined ocomm="sshd-session"',
      'type=EOE msg=audit(1773133300.120:5001): ',
    ]);
    expect(events.map((e) => e.kind)).toEqual(['process.ptrace']);
    const set = createDetectorSet([unexpectedSshClient()]);
    const context = createDetectorContext({ sessions: createSessionTracker() });
    const [f] = events.flatMap((event) => set.push({ kind: 'event', event }, context));
    expect(f?.severity).toBe('high');
    expect(f?.title).toBe('ptrace of sshd-session');
    expect(f?.evidence.map((e) => e.line)).toEqual([1, 2]);
  });

  it('rejects unknown options', () => {
    expect(() => unexpectedSshClient({ maxSystemUid: -1 })).toThrow(RangeError);
    expect(() => agentSocketHijack({ window: 5 } as never)).toThrow(TypeError);
    expect(() => keyMisuse({ owners: { 'SHA256:x': 5 } } as never)).toThrow(TypeError);
  });
});

describe('missingLogs', () => {
  it('turns a network-seen login missing from the host log into a high finding with its lines', () => {
    const buffer = createLogGapBuffer(4);
    const zeek = {
      source: 'ssh.log',
      line: 9,
      text: '1773133285.102\tCk3pZx1\t10.20.0.11\t41822\t10.20.0.12\t22\t2\tT\t1\tINBOUND\tSSH-2.0-OpenSSH_9.2p1\tSSH-2.0-OpenSSH_9.2p1',
    };
    const gap: MissingLoginGap = {
      kind: 'gap.missing_login',
      host: 'app1',
      time: 1773133285102,
      network: {
        uid: 'Ck3pZx1',
        sensor: undefined,
        time: 1773133285102,
        origIp: '10.20.0.11',
        origPort: 41822,
        respIp: '10.20.0.12',
        respPort: 22,
        clientBanner: 'SSH-2.0-OpenSSH_9.2p1',
        serverBanner: 'SSH-2.0-OpenSSH_9.2p1',
        authSuccess: true,
        authAttempts: 1,
        hostKeyFingerprint: undefined,
      } as MissingLoginGap['network'],
      explanation:
        'Zeek saw a successful SSH login from 10.20.0.11 to app1 that app1 never logged.',
      evidence: [zeek],
    };
    const context = createDetectorContext({
      sessions: createSessionTracker(),
      gaps: logGapView(buffer),
    });
    const set = createDetectorSet([missingLogs({ checkEveryMs: 0 })]);
    expect(set.flush(0, context)).toEqual([]);
    buffer.add([gap]);
    const [f] = set.flush(gap.time, context);
    expect(f?.severity).toBe('high');
    expect(f?.sourceIp).toBe('10.20.0.11');
    expect(f?.evidence).toEqual([zeek]);
    expect(set.flush(gap.time, context)).toEqual([]);
  });
});
