import { describe, expect, it } from 'vitest';
import type { AuditLoginEvent, ProcessExecEvent } from '../../../src/events/host.js';
import { createHopGraph } from '../../../src/model/hops/index.js';
import type { SshSession } from '../../../src/model/session.js';
import { identity, processExec } from '../join/network-scenario.js';
import { sessionOf } from '../join/session-builder.js';

// bastion (10.0.1.5): alice logged in first, eve later; eve runs `sudo /bin/bash`, then
// `ssh alice@app1` with alice's forwarded agent. app1 logs alice's key from 10.0.1.5.
const T = Date.UTC(2026, 10, 26, 14);
const ALICE = { pid: 21410, child: 21418, tty: 'pts/2', ses: 112, bash: 21419 };
const EVE = { pid: 21502, child: 21509, tty: 'pts/3', ses: 113, bash: 21510, rootBash: 21622 };

function bastion(user: string, who: typeof ALICE, start: number, info = false): SshSession {
  return sessionOf({
    id: `bastion/${who.pid}/${start}`,
    host: 'bastion',
    user,
    sourceIp: '198.51.100.23',
    startTime: start,
    endTime: undefined,
    // At LogLevel INFO sshd logs neither the child pid nor the terminal.
    pids: { monitor: who.pid, child: info ? undefined : who.child, listener: undefined },
    tty: info ? undefined : who.tty,
  });
}

const app1 = sessionOf({
  id: `app1/3390/${T + 521_000}`,
  host: 'app1',
  user: 'alice',
  sourceIp: '10.0.1.5',
  startTime: T + 521_000,
  endTime: undefined,
});

function exec(
  time: number,
  exe: string,
  argv: string[],
  p: { pid: number; ppid: number; ses: number; tty: string; uid: number },
): ProcessExecEvent {
  const base = processExec('bastion', time, exe, argv, p.pid);
  return { ...base, ppid: p.ppid, ses: p.ses, tty: p.tty, uid: p.uid, euid: p.uid };
}

function login(
  time: number,
  pid: number,
  ses: number,
  auid: number,
  acct: string,
): AuditLoginEvent {
  const text = `type=USER_START msg=audit(${time / 1000}:9005): pid=${pid} uid=0 auid=${auid} ses=${ses} msg='op=PAM:session_open acct="${acct}" exe="/usr/sbin/sshd" hostname=198.51.100.23 addr=198.51.100.23 terminal=ssh res=success'`;
  const source = { source: 'bastion/audit.log', line: 2, text };
  return {
    kind: 'audit.login',
    time,
    timeBasis: { year: 'line', zone: 'line' },
    host: 'bastion',
    program: 'auditd',
    pid,
    repeat: 1,
    source,
    serial: 9005,
    evidence: [source],
    recordType: 'USER_START',
    uid: 0,
    auid,
    ses,
    oldAuid: undefined,
    oldSes: undefined,
    acct,
    id: undefined,
    exe: '/usr/sbin/sshd',
    hostname: '198.51.100.23',
    addr: '198.51.100.23',
    terminal: 'ssh',
    res: 'success',
    op: 'PAM:session_open',
    cmd: undefined,
  };
}

/** Both logins, eve's shell and root shell; then `ssh` from the login session given. */
function graphWith(sshBy: 'eve' | 'alice', info = false) {
  const graph = createHopGraph({ identity });
  graph.addSession(bastion('alice', ALICE, T, info));
  graph.addSession(bastion('eve', EVE, T + 308_000, info));
  if (info) {
    graph.addLogin(login(T + 1_000, ALICE.pid, ALICE.ses, 1001, 'alice'));
    graph.addLogin(login(T + 308_000, EVE.pid, EVE.ses, 1005, 'eve'));
  }
  graph.addProcess(
    exec(T + 1_000, '/usr/bin/bash', ['-bash'], {
      pid: ALICE.bash,
      ppid: ALICE.child,
      ses: ALICE.ses,
      tty: 'pts2',
      uid: 1001,
    }),
  );
  graph.addProcess(
    exec(T + 308_400, '/usr/bin/bash', ['-bash'], {
      pid: EVE.bash,
      ppid: EVE.child,
      ses: EVE.ses,
      tty: 'pts3',
      uid: 1005,
    }),
  );
  graph.addProcess(
    exec(T + 389_250, '/usr/bin/bash', ['/bin/bash'], {
      pid: EVE.rootBash,
      ppid: 21621,
      ses: EVE.ses,
      tty: 'pts3',
      uid: 0,
    }),
  );
  const ssh = ['ssh', '-o', 'StrictHostKeyChecking=accept-new', 'alice@10.0.2.9'];
  graph.addProcess(
    sshBy === 'eve'
      ? exec(T + 520_900, '/usr/bin/ssh', ssh, {
          pid: 21640,
          ppid: EVE.rootBash,
          ses: EVE.ses,
          tty: 'pts3',
          uid: 0,
        })
      : exec(T + 520_900, '/usr/bin/ssh', ssh, {
          pid: 21470,
          ppid: ALICE.bash,
          ses: ALICE.ses,
          tty: 'pts2',
          uid: 1001,
        }),
  );
  graph.addSession(app1);
  return graph;
}

describe('createHopGraph: the session a hop came from', () => {
  it('is the session whose login ran the ssh client, not the same user’s (a borrowed agent)', () => {
    const hop = graphWith('eve').chainOf(app1.id)?.hops[0];
    expect(hop).toMatchObject({
      parentId: `bastion/${EVE.pid}/${T + 308_000}`,
      parentUser: 'eve',
      childUser: 'alice',
      sameUser: false,
      method: 'ssh_client',
      attribution: 'process',
      openSessions: 2,
    });
  });

  it('is the user’s own session when the user ran the ssh client (look-alike)', () => {
    const hop = graphWith('alice').chainOf(app1.id)?.hops[0];
    expect(hop).toMatchObject({ parentId: `bastion/${ALICE.pid}/${T}`, attribution: 'process' });
  });

  it('ties the login session to sshd by the audit login record when sshd logs at INFO', () => {
    const hop = graphWith('eve', true).chainOf(app1.id)?.hops[0];
    expect(hop).toMatchObject({ parentUser: 'eve', attribution: 'process' });
  });

  it('says it guessed when no telemetry ties the client to a session', () => {
    const graph = createHopGraph({ identity });
    graph.addSession(bastion('alice', ALICE, T));
    expect(graph.chainOf(app1.id)).toBeUndefined();
    graph.addSession(app1);
    expect(graph.chainOf(app1.id)?.hops[0]).toMatchObject({
      parentUser: 'alice',
      attribution: 'only_session',
      openSessions: 1,
    });
    graph.addSession(bastion('eve', EVE, T + 308_000));
    expect(graph.chainOf(app1.id)?.hops[0]).toMatchObject({
      parentUser: 'alice',
      attribution: 'same_user',
      openSessions: 2,
    });
  });
});
