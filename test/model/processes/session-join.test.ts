import { describe, expect, it } from 'vitest';
import { createSessionJoin } from '../../../src/model/processes/index.js';
import { hostEvents, run, sessionOf } from './host-scenario.js';

const events = hostEvents('agent-hijack-auth.log', 'agent-hijack-audit.log');

describe('createSessionJoin over auth.log VERBOSE + audit.log', () => {
  const r = run(events);
  const alice = sessionOf(r, 'alice');
  const mallory = sessionOf(r, 'mallory');

  it('rebuilds both sessions with their sshd pids', () => {
    expect(alice.pids).toMatchObject({ monitor: 4240, child: 4242 });
    expect(mallory.pids).toMatchObject({ monitor: 5069, child: 5071 });
  });

  it("attributes root's agent-socket connect to mallory's session by audit ses", () => {
    const connect = r.joined.find((j) => j.event.kind === 'socket.connect' && j.event.pid === 5188);
    expect(connect?.match).toEqual({
      sessionId: mallory.id,
      user: 'mallory',
      method: 'audit_session',
    });
  });

  it("attributes alice's own processes to alice's session", () => {
    const own = r.joined.filter((j) => j.event.ses === 3);
    expect(own.length).toBeGreaterThanOrEqual(4);
    for (const j of own) expect(j.match?.sessionId).toBe(alice.id);
  });

  it('learns uids of the session users from the login records', () => {
    expect(r.join.userOf('bastion', 1000)).toBe('alice');
    expect(r.join.uidOf('bastion', 'mallory')).toBe(1001);
  });

  it('walks the process tree from the root shell up to mallory’s sshd', () => {
    const chain = r.join.processes.ancestors('bastion', 5188).map((p) => p.pid);
    expect(chain).toEqual([5121, 5120, 5119, 5080, 5071, 5069]);
    expect(r.join.processes.sessionOf('bastion', 5188, events.at(-1)?.time ?? 0)).toBe(mallory.id);
  });

  it('falls back to pid ancestry when the audit session is unknown', () => {
    expect(r.join.sessionFor('bastion', { pid: 5230, ses: 99, time: 1718035230305 })).toEqual({
      sessionId: mallory.id,
      user: 'mallory',
      method: 'pid_ancestry',
    });
  });

  it('falls back to the terminal, then to the login uid', () => {
    const t = 1718035300000;
    expect(r.join.sessionFor('bastion', { tty: 'pts0', time: t })?.method).toBe('tty');
    expect(r.join.sessionFor('bastion', { tty: 'pts0', time: t })?.sessionId).toBe(alice.id);
    expect(r.join.sessionFor('bastion', { auid: 1001, time: t })).toEqual({
      sessionId: mallory.id,
      user: 'mallory',
      method: 'uid_only',
    });
  });

  it('finds nothing for a daemon without session keys or on another host', () => {
    expect(r.join.sessionFor('bastion', { pid: 812, time: 1718035300000 })).toBeUndefined();
    expect(r.join.sessionFor('web9', { ses: 7, pid: 5188, time: 1718035200123 })).toBeUndefined();
  });
});

describe('createSessionJoin with journald _AUDIT_SESSION', () => {
  it('joins by a session id taught from a journald sshd record', () => {
    const events = hostEvents('agent-hijack-auth.log', 'agent-hijack-audit.log').filter(
      (e) => e.kind !== 'audit.login',
    );
    const withoutLogins = run(events);
    const alice = sessionOf(withoutLogins, 'alice');
    // Without the audit login records the ses is unknown: only ancestry or fallbacks could help.
    expect(
      withoutLogins.join.sessionFor('bastion', { ses: 3, time: 1718035130014 }),
    ).toBeUndefined();
    const join = createSessionJoin();
    join.addSession(alice);
    join.addAuditSession('bastion', { ses: 3, pid: 4240, auid: 1000, time: 1718035100190 });
    expect(join.sessionFor('bastion', { ses: 3, pid: 77777, time: 1718035130014 })).toEqual({
      sessionId: alice.id,
      user: 'alice',
      method: 'audit_session',
    });
  });

  it('rejects bad options with RangeError', () => {
    expect(() => createSessionJoin({ clockSkewMs: -1 })).toThrow(RangeError);
  });
});
