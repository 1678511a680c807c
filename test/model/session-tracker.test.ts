import { describe, expect, it } from 'vitest';
import type { SshtrailEvent } from '../../src/events/index.js';
import type { SessionChange, SshSession } from '../../src/model/index.js';
import { createSessionTracker, restoreSessionTracker } from '../../src/model/index.js';
import { at, logOf } from './builders.js';

function run(events: readonly SshtrailEvent[], options = {}) {
  const tracker = createSessionTracker(options);
  const changes: SessionChange[] = [];
  for (const e of events) changes.push(...tracker.push(e));
  return { tracker, changes };
}

function sessionChanges(
  changes: readonly SessionChange[],
  kind: 'open' | 'update' | 'close' | 'evict',
) {
  return changes.flatMap((c) => (c.kind === kind ? [c.session] : []));
}

/** The latest version of every session, by id. */
function latest(changes: readonly SessionChange[]): Map<string, SshSession> {
  const byId = new Map<string, SshSession>();
  for (const c of changes) if (c.kind !== 'diagnostic') byId.set(c.session.id, c.session);
  return byId;
}

const IP = '198.51.100.7';

describe('INFO level, OpenSSH <= 9.7 (sshd, no P1->P2 link)', () => {
  const log = logOf('/var/log/auth.log');
  const h = { host: 'web1' };
  const p1 = { ...h, pid: 4242 };
  const p2 = { ...h, pid: 4250 };
  const events = [
    log.accepted({ ...p1, t: at(0) }, 'alice', IP, 50022),
    log.pamSession({ ...p1, t: at(0) }, 'open', 'alice'),
    log.logind({ ...h, pid: 612, t: at(0) }, 'new', '12', 'alice'),
    log.disconnect({ ...p2, t: at(300) }, 'received_disconnect', IP, 50022),
    log.disconnect({ ...p2, t: at(300) }, 'disconnected', IP, 50022, {
      user: 'alice',
      userState: 'authenticated',
    }),
    log.pamSession({ ...p1, t: at(300) }, 'close', 'alice'),
    log.logind({ ...h, pid: 612, t: at(300) }, 'logged_out', '12'),
    log.logind({ ...h, pid: 612, t: at(301) }, 'removed', '12'),
  ];

  it('reports one session: opened at Accepted, closed at the first end line, late lines as updates', () => {
    const { changes } = run(events);
    const opened = sessionChanges(changes, 'open');
    const closed = sessionChanges(changes, 'close');
    expect(opened).toHaveLength(1);
    expect(closed).toHaveLength(1);
    expect(opened[0]).toMatchObject({
      id: 'web1/4242/1717243200000',
      host: 'web1',
      state: 'open',
      user: 'alice',
      sourceIp: IP,
      sourcePort: 50022,
      authMethod: 'publickey',
      key: { type: 'ED25519' },
      failedAttempts: 0,
      partial: { start: false, end: false },
    });
    expect(closed[0]).toMatchObject({
      state: 'closed',
      endReason: 'received_disconnect',
      endTime: at(300),
      durationMs: 300_000,
      pids: { monitor: 4242, child: 4250 },
      logindSessionId: '12',
    });
    const final = latest(changes).get('web1/4242/1717243200000');
    // Every line contributed: the evidence cites all eight, in order.
    expect(final?.evidence.map((p) => p.line)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(final?.evidence[0]?.text).toBe(
      'Jun  1 12:00:00 web1 sshd[4242]: Accepted publickey for alice from 198.51.100.7 port 50022 ssh2: ED25519 SHA256:Jb3Rw4uM0wXfKc1ZyTQpXH2Pl3cC1nEAnh7ioD1bU7A',
    );
    // The end stays the first definitive line even though pam/logind came later.
    expect(final).toMatchObject({
      state: 'closed',
      endTime: at(300),
      endReason: 'received_disconnect',
    });
  });

  it('keeps no state for the session beyond the grace window and its history', () => {
    const { tracker } = run([
      ...events,
      log.failed({ host: 'web1', pid: 9, t: at(1000) }, 'x', '203.0.113.9', 1),
    ]);
    expect(tracker.size()).toMatchObject({ open: 0, closing: 0, historySessions: 1 });
    expect(tracker.recentSessions('alice').map((s) => s.endReason)).toEqual([
      'received_disconnect',
    ]);
  });
});

describe('VERBOSE, OpenSSH 9.8/9.9 (sshd-session), multiplexing and sudo', () => {
  const log = logOf('/var/log/secure');
  const h = { host: 'db1', program: 'sshd-session' };
  const p1 = { ...h, pid: 2124 };
  const p2 = { ...h, pid: 2131 };
  const events = [
    log.connection({ ...p1, t: at(0) }, IP, 41000),
    log.acceptedKey(
      { ...p1, t: at(1) },
      'SHA256:kzfjfps/WFgXAdNgzvHBLuI072Y+f+91rpinXJAAvkM',
      '/home/bob/.ssh/authorized_keys:3',
    ),
    log.accepted(
      { ...p1, t: at(1) },
      'bob',
      IP,
      41000,
      'publickey',
      'SHA256:kzfjfps/WFgXAdNgzvHBLuI072Y+f+91rpinXJAAvkM',
    ),
    log.pamSession({ ...p1, t: at(1) }, 'open', 'bob'),
    log.logind({ host: 'db1', pid: 700, t: at(1) }, 'new', '7', 'bob'),
    log.child({ ...p1, t: at(1) }, 2131),
    log.startSession({ ...p2, t: at(2) }, 'bob', IP, 41000, 0, 'pts/0'),
    log.sudo(
      { host: 'db1', pid: 2200, t: at(60) },
      'bob',
      'pts/0',
      '/usr/bin/systemctl restart postgresql',
    ),
    log.startSession({ ...p2, t: at(120) }, 'bob', IP, 41000, 1, undefined, 'command'),
    log.closeSession({ ...p2, t: at(125) }, 'bob', IP, 41000, 1),
    log.closeSession({ ...p2, t: at(600) }, 'bob', IP, 41000, 0),
    log.disconnect({ ...p2, t: at(600) }, 'closed', IP, 41000),
    log.transfer({ ...p2, t: at(600) }, 5280, 3904),
    log.pamSession({ ...p1, t: at(600) }, 'close', 'bob'),
  ];

  it('links P1 and P2, records channels, multiplexing, the key location and sudo', () => {
    const { changes } = run(events);
    expect(sessionChanges(changes, 'open')).toHaveLength(1);
    const session = latest(changes).get('db1/2124/1717243200000');
    expect(session).toMatchObject({
      state: 'closed',
      user: 'bob',
      localIp: '10.0.0.5',
      localPort: 22,
      startTime: at(0),
      authTime: at(1),
      endTime: at(600),
      endReason: 'closed',
      keyLocation: '/home/bob/.ssh/authorized_keys:3',
      key: { fingerprint: 'SHA256:kzfjfps/WFgXAdNgzvHBLuI072Y+f+91rpinXJAAvkM' },
      pids: { monitor: 2124, child: 2131 },
      tty: 'pts/0',
      logindSessionId: '7',
      bytes: { sent: 5280, received: 3904 },
      agentForwarding: undefined,
    });
    expect(session?.channels).toEqual([
      {
        number: 0,
        type: 'shell',
        subsystem: undefined,
        tty: 'pts/0',
        startTime: at(2),
        endTime: at(600),
        multiplexed: false,
      },
      {
        number: 1,
        type: 'command',
        subsystem: undefined,
        tty: undefined,
        startTime: at(120),
        endTime: at(125),
        multiplexed: true,
      },
    ]);
    expect(session?.privilegeChanges).toHaveLength(1);
    expect(session?.privilegeChanges[0]).toMatchObject({
      kind: 'sudo',
      user: 'bob',
      target: 'root',
      command: '/usr/bin/systemctl restart postgresql',
      attachedBy: 'tty',
      evidence: { line: 8 },
    });
    expect(session?.evidence).toHaveLength(events.length);
  });

  it('marks agent forwarding from DEBUG channel requests, and false when DEBUG shows none', () => {
    const withAgent = run([
      ...events.slice(0, 7),
      log.channelRequest({ ...p2, t: at(2) }, 0, 'pty'),
      log.channelRequest({ ...p2, t: at(2) }, 0, 'agent'),
    ]);
    expect(withAgent.tracker.openSessions()[0]).toMatchObject({
      agentForwarding: true,
      x11Forwarding: false,
      portForwarding: false,
    });
    const without = run([
      ...events.slice(0, 7),
      log.channelRequest({ ...p2, t: at(2) }, 0, 'shell'),
    ]);
    expect(without.tracker.openSessions()[0]?.agentForwarding).toBe(false);
    expect(run(events.slice(0, 7)).tracker.openSessions()[0]?.agentForwarding).toBeUndefined();
  });
});

describe('OpenSSH 10.0+ (sshd-auth): brute force then success, pre-auth state dropped', () => {
  const log = logOf('/var/log/auth.log');
  const h = { host: 'bastion', program: 'sshd-session' };
  const attacker = '203.0.113.50';
  const events: SshtrailEvent[] = [];
  for (let i = 0; i < 6; i += 1) {
    const o = { ...h, pid: 3000 + i, t: at(i * 10) };
    events.push(
      log.invalidUser(o, `admin${i}`, attacker, 40000 + i),
      log.failed({ ...o, t: at(i * 10 + 2) }, `admin${i}`, attacker, 40000 + i, true),
      log.disconnect({ ...o, t: at(i * 10 + 3) }, 'closed', attacker, 40000 + i, {
        user: `admin${i}`,
        userState: 'invalid',
        preauth: true,
      }),
    );
  }
  const win = { ...h, pid: 3100 };
  events.push(
    log.failed({ ...win, t: at(70) }, 'deploy', attacker, 41000),
    log.failed({ ...win, t: at(72) }, 'deploy', attacker, 41000),
    log.accepted({ ...win, t: at(75) }, 'deploy', attacker, 41000, 'password'),
  );

  it('counts failures on the connection and from the source within the window', () => {
    const { tracker, changes } = run(events);
    const [session] = sessionChanges(changes, 'open');
    expect(session).toMatchObject({
      user: 'deploy',
      authMethod: 'password',
      failedAttemptsOnConnection: 2,
      failedAttempts: 8,
      startTime: at(70),
    });
    // Every failed pre-auth connection's state went away at its disconnect.
    expect(tracker.size().pending).toBe(0);
  });

  it('counts only the connection when the source failures are older than the window', () => {
    // Failures at +2 s, +12 s ... +52 s (one per connection), then +70 s and +72 s; success at +75 s.
    const narrow = run(events, { failureWindowMs: 20_000 });
    expect(sessionChanges(narrow.changes, 'open')[0]?.failedAttempts).toBe(2);
    const wider = run(events, { failureWindowMs: 25_000 });
    expect(sessionChanges(wider.changes, 'open')[0]?.failedAttempts).toBe(3);
  });

  it('drops a pending connection named by the listener (9.8+ `pid = N`)', () => {
    const { tracker } = run([
      log.connection({ ...h, pid: 5000, t: at(0) }, attacker, 50000),
      log.disconnect(
        { host: 'bastion', program: 'sshd', pid: 900, t: at(120) },
        'preauth_timeout',
        attacker,
        0,
        {
          monitorPid: 5000,
        },
      ),
    ]);
    expect(tracker.size().pending).toBe(0);
  });
});

describe('partial sessions across a log rotation', () => {
  const log = logOf('/var/log/auth.log.1');
  const h = { host: 'web2' };

  it('an end without a start creates one partial-at-start session (P2 and P1 lines joined)', () => {
    const { changes } = run([
      log.disconnect({ ...h, pid: 811, t: at(5) }, 'received_disconnect', IP, 51515),
      log.disconnect({ ...h, pid: 811, t: at(5) }, 'disconnected', IP, 51515, {
        user: 'carol',
        userState: 'authenticated',
      }),
      log.pamSession({ ...h, pid: 802, t: at(5) }, 'close', 'carol'),
    ]);
    const opened = sessionChanges(changes, 'open');
    expect(opened).toHaveLength(1);
    const session = latest(changes).get(opened[0]?.id ?? '');
    expect(session).toMatchObject({
      user: 'carol',
      state: 'closed',
      sourceIp: IP,
      sourcePort: 51515,
      partial: { start: true, end: false },
      pids: { monitor: 802, child: 811 },
      endReason: 'disconnected',
      durationMs: 0,
    });
  });

  it('a start without an end is reported open and partial-at-end by flush, and stays open', () => {
    const { tracker, changes } = run([
      log.accepted({ ...h, pid: 900, t: at(0) }, 'dave', IP, 52000),
      log.pamSession({ ...h, pid: 900, t: at(0) }, 'open', 'dave'),
    ]);
    expect(sessionChanges(changes, 'close')).toHaveLength(0);
    const flushed = tracker.flush();
    expect(flushed).toHaveLength(1);
    expect(flushed[0]).toMatchObject({
      kind: 'update',
      session: { user: 'dave', state: 'open', partial: { start: false, end: true } },
    });
    expect(tracker.openSessions({ host: 'web2' })).toHaveLength(1);
    // Input continues (follow mode): the session ends normally and is no longer partial.
    const later = tracker.push(log.pamSession({ ...h, pid: 900, t: at(50) }, 'close', 'dave'));
    expect(later[0]).toMatchObject({ kind: 'close', session: { partial: { end: false } } });
  });

  it('a pam `session opened` whose Accepted line was lost opens a partial-at-start session', () => {
    const { changes } = run([log.pamSession({ ...h, pid: 901, t: at(0) }, 'open', 'erin')]);
    expect(sessionChanges(changes, 'open')[0]).toMatchObject({
      user: 'erin',
      pids: { monitor: 901 },
      partial: { start: true, end: false },
    });
  });
});

describe('pid reuse', () => {
  const log = logOf();
  const h = { host: 'web3', pid: 500 };

  it('a new Accepted on a pid whose session ended starts a new session', () => {
    const { changes } = run([
      log.accepted({ ...h, t: at(0) }, 'alice', IP, 1001),
      log.pamSession({ ...h, t: at(10) }, 'close', 'alice'),
      log.accepted({ ...h, t: at(4000) }, 'bob', '192.0.2.9', 2002),
    ]);
    const opened = sessionChanges(changes, 'open');
    expect(opened.map((s) => s.user)).toEqual(['alice', 'bob']);
    expect(new Set(opened.map((s) => s.id)).size).toBe(2);
  });

  it('an Accepted on a pid whose session is still open closes it as pid_reused (end partial)', () => {
    const { changes } = run([
      log.accepted({ ...h, t: at(0) }, 'alice', IP, 1001),
      log.pamSession({ ...h, t: at(0) }, 'open', 'alice'),
      log.accepted({ ...h, t: at(9000) }, 'bob', '192.0.2.9', 2002),
    ]);
    expect(sessionChanges(changes, 'close')).toEqual([
      expect.objectContaining({
        user: 'alice',
        endReason: 'pid_reused',
        endTime: at(0),
        partial: { start: false, end: true },
      }),
    ]);
    expect(sessionChanges(changes, 'open').map((s) => s.user)).toEqual(['alice', 'bob']);
  });

  it('the same Accepted line seen twice is not a second session', () => {
    const line = log.accepted({ ...h, t: at(0) }, 'alice', IP, 1001);
    expect(sessionChanges(run([line, line]).changes, 'open')).toHaveLength(1);
  });
});

describe('privilege changes', () => {
  const log = logOf();
  const h = { host: 'app1' };

  it('attaches su by the only open session of the user, merging su and its pam line', () => {
    const { tracker } = run([
      log.accepted({ ...h, pid: 700, t: at(0) }, 'alice', IP, 3000),
      log.su({ ...h, pid: 750, t: at(30) }, 'alice', 'root', 'pts/3'),
      log.pamSession({ ...h, pid: 750, t: at(30), program: 'su' }, 'open', 'root', 'su', {
        user: 'alice',
        uid: 1000,
      }),
    ]);
    const [session] = tracker.openSessions();
    expect(session?.privilegeChanges).toEqual([
      expect.objectContaining({
        kind: 'su',
        user: 'alice',
        target: 'root',
        attachedBy: 'user',
        pid: 750,
      }),
    ]);
    expect(session?.evidence).toHaveLength(3);
  });

  it('leaves sudo unattached when the user has two open sessions and the tty is unknown', () => {
    const { tracker } = run([
      log.accepted({ ...h, pid: 700, t: at(0) }, 'alice', IP, 3000),
      log.accepted({ ...h, pid: 701, t: at(1) }, 'alice', IP, 3001),
      log.sudo({ ...h, t: at(30) }, 'alice', 'pts/9', '/bin/true'),
    ]);
    expect(tracker.openSessions().flatMap((s) => s.privilegeChanges)).toEqual([]);
  });

  it('does not attach sudo from another host', () => {
    const { tracker } = run([
      log.accepted({ ...h, pid: 700, t: at(0) }, 'alice', IP, 3000),
      log.sudo({ host: 'app2', t: at(30) }, 'alice', undefined, '/bin/true'),
    ]);
    expect(tracker.openSessions()[0]?.privilegeChanges).toEqual([]);
  });
});

describe('bounded state', () => {
  const log = logOf();

  it('drops pre-auth connections beyond the cap, oldest first, and reports counts', () => {
    const events: SshtrailEvent[] = [];
    for (let i = 0; i < 1000; i += 1) {
      events.push(
        log.connection({ host: 'h', pid: 10_000 + i, t: at(i) }, '203.0.113.7', 20_000 + i),
      );
    }
    const { tracker, changes } = run(events, { maxPendingConnections: 10 });
    expect(tracker.size().pending).toBe(10);
    const diagnostics = changes.flatMap((c) => (c.kind === 'diagnostic' ? [c] : []));
    expect(diagnostics.length).toBeGreaterThan(0);
    const reported = diagnostics.reduce((n, d) => n + d.counts.pendingOverflow, 0);
    const flushed = tracker
      .flush()
      .flatMap((c) => (c.kind === 'diagnostic' ? [c.counts.pendingOverflow] : []));
    expect(reported + (flushed[0] ?? 0)).toBe(990);
    expect(tracker.evictions().pendingOverflow).toBe(990);
  });

  it('expires stale pre-auth connections by event time', () => {
    const { tracker } = run([
      log.connection({ host: 'h', pid: 1, t: at(0) }, '203.0.113.7', 1),
      log.connection({ host: 'h', pid: 2, t: at(100) }, '203.0.113.7', 2),
      log.connection({ host: 'h', pid: 3, t: at(700) }, '203.0.113.7', 3),
    ]);
    expect(tracker.size().pending).toBe(2);
    expect(tracker.evictions().pendingExpired).toBe(1);
  });

  it('evicts idle open sessions and beyond the cap, reporting them as evict changes', () => {
    const { changes, tracker } = run(
      [
        log.accepted({ host: 'h', pid: 1, t: at(0) }, 'a', IP, 1),
        log.accepted({ host: 'h', pid: 2, t: at(10) }, 'b', IP, 2),
        log.accepted({ host: 'h', pid: 3, t: at(20) }, 'c', IP, 3),
        log.accepted({ host: 'h', pid: 4, t: at(5000) }, 'd', IP, 4),
      ],
      { maxOpenSessions: 2, idleTimeoutMs: 3_600_000 },
    );
    expect(sessionChanges(changes, 'evict').map((s) => s.user)).toEqual(['a', 'b', 'c']);
    expect(tracker.evictions()).toMatchObject({ sessionsOverflow: 1, sessionsIdle: 2 });
    expect(tracker.openSessions().map((s) => s.user)).toEqual(['d']);
  });

  it('caps evidence per session, keeping the latest line', () => {
    const events: SshtrailEvent[] = [log.accepted({ host: 'h', pid: 1, t: at(0) }, 'a', IP, 1)];
    for (let i = 0; i < 20; i += 1)
      events.push(log.sudo({ host: 'h', t: at(i + 1) }, 'a', undefined, `/bin/echo ${i}`));
    const [session] = run(events, {
      maxEvidence: 5,
      maxPrivilegeChanges: 3,
    }).tracker.openSessions();
    expect(session?.evidence).toHaveLength(5);
    expect(session?.evidence[4]?.text).toContain('/bin/echo 19');
    expect(session?.truncated).toEqual({ evidence: 16, channels: 0, privilegeChanges: 17 });
  });

  it('rejects invalid options', () => {
    expect(() => createSessionTracker({ maxOpenSessions: 0 })).toThrow(RangeError);
    expect(() => createSessionTracker({ idleTimeoutMs: 1.5 })).toThrow(RangeError);
  });
});

describe('views', () => {
  const log = logOf();
  const events = [
    log.accepted({ host: 'a', pid: 1, t: at(0) }, 'alice', IP, 1),
    log.accepted({ host: 'b', pid: 1, t: at(10) }, 'alice', '192.0.2.1', 2),
    log.accepted({ host: undefined, pid: 1, t: at(20) }, 'bob', '192.0.2.2', 3),
    log.pamSession({ host: 'a', pid: 1, t: at(100) }, 'close', 'alice'),
  ];

  it('answers who is logged in where, now and at a past time', () => {
    const { tracker } = run(events);
    expect(tracker.openSessions().map((s) => s.host)).toEqual(['b', undefined]);
    expect(tracker.openSessions({ host: undefined }).map((s) => s.user)).toEqual(['bob']);
    expect(tracker.openSessions({ host: 'b' }).map((s) => s.user)).toEqual(['alice']);
    expect(tracker.sessionsOfUser('alice').map((s) => s.host)).toEqual(['b']);
    expect(tracker.loggedInAt(at(50)).map((s) => `${s.user}@${s.host}`)).toEqual([
      'alice@a',
      'alice@b',
      'bob@undefined',
    ]);
    expect(tracker.loggedInAt(at(150), { host: 'a' })).toEqual([]);
    expect(tracker.recentSessions('alice').map((s) => s.host)).toEqual(['a']);
  });

  it('keeps the last N closed sessions per user and the most recent users', () => {
    const more: SshtrailEvent[] = [];
    for (let i = 0; i < 5; i += 1) {
      more.push(
        log.accepted({ host: 'h', pid: 100 + i, t: at(i * 10) }, i < 4 ? 'u1' : 'u2', IP, 100 + i),
        log.pamSession(
          { host: 'h', pid: 100 + i, t: at(i * 10 + 5) },
          'close',
          i < 4 ? 'u1' : 'u2',
        ),
      );
    }
    more.push(
      log.accepted({ host: 'h', pid: 200, t: at(60) }, 'u3', IP, 200),
      log.pamSession({ host: 'h', pid: 200, t: at(61) }, 'close', 'u3'),
    );
    const { tracker } = run(more, { historyPerUser: 2, maxHistoryUsers: 2 });
    expect(tracker.recentSessions('u1')).toEqual([]);
    expect(tracker.recentSessions('u2')).toHaveLength(1);
    expect(tracker.recentSessions('u3')).toHaveLength(1);
    const two = run(more.slice(0, 8), { historyPerUser: 2 }).tracker.recentSessions('u1');
    expect(two.map((s) => s.pids.monitor)).toEqual([102, 103]);
  });
});

describe('more end and start shapes', () => {
  const log = logOf();
  const h = { host: 'web4', program: 'sshd-session' };

  it('a 9.8+ listener line naming the session process closes the open session', () => {
    const { changes } = run([
      log.accepted({ ...h, pid: 7000, t: at(0) }, 'alice', IP, 6000),
      log.disconnect({ host: 'web4', program: 'sshd', pid: 1, t: at(90) }, 'killed', IP, 6000, {
        monitorPid: 7000,
      }),
    ]);
    expect(sessionChanges(changes, 'close')).toEqual([
      expect.objectContaining({
        endReason: 'killed',
        endTime: at(90),
        pids: expect.objectContaining({ listener: 1 }),
      }),
    ]);
  });

  it('a `Close session` with no known connection opens a partial session holding the ended channel', () => {
    const { changes } = run([log.closeSession({ ...h, pid: 7101, t: at(3) }, 'bob', IP, 6100, 2)]);
    expect(sessionChanges(changes, 'open')[0]).toMatchObject({
      user: 'bob',
      state: 'open',
      partial: { start: true },
      pids: { child: 7101 },
      channels: [
        { number: 2, type: undefined, startTime: undefined, endTime: at(3), multiplexed: true },
      ],
    });
  });

  it('10.0+ pre-auth lines carry the monitor pid: failures before success on one connection', () => {
    const p1 = { ...h, pid: 7200 };
    const { changes, tracker } = run([
      log.connection({ ...p1, t: at(0) }, IP, 6200),
      log.failed({ ...p1, t: at(2) }, 'carol', IP, 6200),
      log.failed({ ...p1, t: at(4) }, 'carol', IP, 6200),
      log.accepted({ ...p1, t: at(6) }, 'carol', IP, 6200, 'password'),
    ]);
    expect(sessionChanges(changes, 'open')[0]).toMatchObject({
      failedAttemptsOnConnection: 2,
      failedAttempts: 2,
      startTime: at(0),
      authTime: at(6),
    });
    expect(tracker.size().pending).toBe(0);
  });

  it('a late line after the grace window starts nothing and changes nothing', () => {
    const p1 = { host: 'web5', pid: 7300 };
    const { changes } = run(
      [
        log.accepted({ ...p1, t: at(0) }, 'dan', IP, 6300),
        log.disconnect({ host: 'web5', pid: 7301, t: at(10) }, 'received_disconnect', IP, 6300),
        log.transfer({ host: 'web5', pid: 7301, t: at(11) }, 10, 20),
        log.failed({ host: 'web5', pid: 9, t: at(500) }, 'x', '192.0.2.1', 1),
        log.transfer({ host: 'web5', pid: 7301, t: at(501) }, 30, 40),
      ],
      { closeGraceMs: 60_000 },
    );
    const updates = sessionChanges(changes, 'update');
    // The first transfer (within the grace window) reached the session; the second did not.
    expect(updates.map((s) => s.bytes)).toEqual([{ sent: 10, received: 20 }]);
  });

  it('links logind by the journald LEADER pid when two sessions of the user start together', () => {
    const { tracker } = run([
      log.accepted({ host: 'web6', pid: 8001, t: at(0) }, 'eve', IP, 7001),
      log.accepted({ host: 'web6', pid: 8002, t: at(0) }, 'eve', IP, 7002),
      log.logind({ host: 'web6', pid: 600, t: at(1) }, 'new', '31', 'eve', 8001),
      log.logind({ host: 'web6', pid: 600, t: at(1) }, 'new', '32', 'eve', 8002),
    ]);
    expect(tracker.openSessions().map((s) => [s.pids.monitor, s.logindSessionId])).toEqual([
      [8001, '31'],
      [8002, '32'],
    ]);
  });

  it('refuses a snapshot it did not write', () => {
    expect(() =>
      restoreSessionTracker({ format: 'sshtrail.session-tracker', version: 2 as 1, state: {} }),
    ).toThrow(TypeError);
  });
});
