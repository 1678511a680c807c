import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createAuditAssembler } from '../../../src/parsers/auditd/index.js';
import { haveCorpora } from './corpora.js';
import { assemble, only, reconciles } from './helpers.js';

const GS = '\u001d';
const fixture = readFileSync(new URL('./fixtures/agent-hijack.log', import.meta.url), 'utf8');

// laurel record-nscd.txt (ENRICHED): a failed AF_UNIX connect by `ls`.
const NSCD = [
  `type=SYSCALL msg=audit(1705071450.879:29498378): arch=c000003e syscall=42 success=no exit=-2 a0=4 a1=7ffeabb1aa00 a2=6e a3=0 items=1 ppid=1064378 pid=3736674 auid=1000 uid=1000 gid=1000 euid=1000 suid=1000 fsuid=1000 egid=1000 sgid=1000 fsgid=1000 tty=pts9 ses=2 comm="ls" exe="/usr/bin/ls" subj=unconfined key=(null)${GS}ARCH=x86_64 SYSCALL=connect AUID="user" UID="user" GID="user" EUID="user" SUID="user" FSUID="user" EGID="user" SGID="user" FSGID="user"`,
  `type=SOCKADDR msg=audit(1705071450.879:29498378): saddr=01002F7661722F72756E2F6E7363642F736F636B6574000000000000000000000000000000000000000000000000000038530200000000003853020000000000001000000000000001000000050000000060020000000000006002000000000000600200000000003C4C15000000${GS}SADDR={ saddr_fam=local path=/var/run/nscd/socket }`,
  'type=CWD msg=audit(1705071450.879:29498378): cwd="/home/user"',
  'type=PATH msg=audit(1705071450.879:29498378): item=0 name="/var/run/nscd/socket" nametype=UNKNOWN cap_fp=0 cap_fi=0 cap_fe=0 cap_fver=0 cap_frootid=0',
  'type=EOE msg=audit(1705071450.879:29498378):',
];

describe('createAuditAssembler', () => {
  it('hands each push its own results (an empty answer is shared, so frozen)', () => {
    const a = createAuditAssembler();
    const open = a.push(NSCD.slice(0, 4).join('\n'), { source: 't', line: 1 });
    expect(open).toEqual([]);
    expect(Object.isFrozen(open)).toBe(true);
    const done = a.push(NSCD[4] ?? '', { source: 't', line: 5 });
    expect(done.map((r) => r.kind)).toEqual(['event']);
    const late = a.push('type=EOE msg=audit(1705071450.879:29498378):', { source: 't', line: 6 });
    expect(late.map((r) => r.kind === 'ignored' && r.reason)).toEqual(['late_record']);
    expect(done.map((r) => r.kind)).toEqual(['event']);
    expect(a.flush()).toEqual([]);
  });

  it('orders PATH items by item number, stably, whatever order they arrive in', () => {
    const id = 'msg=audit(1700000000.000:9):';
    const path = (item: string, name: string): string =>
      `type=PATH ${id} item=${item} name="${name}" inode=1 dev=fd:01 mode=0100644 ouid=0 ogid=0 rdev=00:00 nametype=NORMAL`;
    const e = only(
      [
        `type=SYSCALL ${id} arch=c000003e syscall=257 success=yes exit=3 a0=ffffff9c a1=1 a2=0 a3=0 items=4 ppid=1 pid=2 auid=0 uid=0 gid=0 euid=0 suid=0 fsuid=0 egid=0 sgid=0 fsgid=0 tty=(none) ses=1 comm="cat" exe="/usr/bin/cat" key=(null)`,
        path('2', '/c'),
        path('0', '/a'),
        path('x', '/none'),
        path('1', '/b1'),
        path('1', '/b2'),
        `type=EOE ${id}`,
      ].join('\n'),
    );
    expect(e.kind === 'file.access' && e.paths.map((p) => p.path)).toEqual([
      '/a',
      '/b1',
      '/b2',
      '/c',
      '/none',
    ]);
  });

  describe('agent-socket hijack fixture', () => {
    const { events, stats } = assemble(fixture);

    it("reports root (auid 1001, ses 7) connecting to alice's agent socket", () => {
      const connect = events.find((e) => e.kind === 'socket.connect' && e.family === 'unix');
      expect(connect).toMatchObject({
        kind: 'socket.connect',
        host: 'bastion',
        pid: 5188,
        ppid: 5120,
        uid: 0,
        euid: 0,
        auid: 1001,
        ses: 7,
        exe: '/usr/bin/ssh-add',
        comm: 'ssh-add',
        syscall: 'connect',
        success: true,
        key: 'unix_connect_tmp',
        family: 'unix',
        path: '/tmp/ssh-XXXXabcdef/agent.4242',
        address: undefined,
        port: undefined,
        time: 1718035200123,
        serial: 4821,
      });
      expect(connect?.kind === 'socket.connect' && connect.paths).toEqual([
        {
          path: '/tmp/ssh-XXXXabcdef/agent.4242',
          inode: 393228,
          mode: 0o140600,
          ouid: 1000,
          ogid: 1000,
          nametype: 'NORMAL',
        },
      ]);
    });

    it('cites every record line of the connect event, EOE included', () => {
      const connect = events.find((e) => e.kind === 'socket.connect' && e.family === 'unix');
      expect(connect?.evidence.map((p) => p.line)).toEqual([9, 10, 11, 12, 13, 14]);
      expect(connect?.source.line).toBe(9);
      expect(connect?.evidence[1]?.text.startsWith('node=bastion type=SOCKADDR')).toBe(true);
    });

    it("ties alice's login to session 3 and mallory's to session 7", () => {
      const logins = events.filter((e) => e.kind === 'audit.login');
      expect(logins.map((e) => [e.recordType, e.auid, e.ses])).toEqual([
        ['USER_AUTH', undefined, undefined],
        ['LOGIN', 1000, 3],
        ['USER_START', 1000, 3],
        ['USER_LOGIN', 1001, 7],
        ['USER_CMD', 1001, 7],
      ]);
      const login = logins[1];
      expect(login).toMatchObject({ oldAuid: undefined, exe: '/usr/sbin/sshd', res: 'success' });
      expect(logins[3]).toMatchObject({ addr: '198.51.100.7', id: 1001, terminal: '/dev/pts/1' });
      expect(logins[4]).toMatchObject({ cmd: 'su -', exe: '/usr/bin/sudo' });
    });

    it('follows with the ssh exec and its TCP connect to the next hop', () => {
      const exec = events.find((e) => e.kind === 'process.exec');
      expect(exec).toMatchObject({
        argv: ['ssh', '-A', 'alice@10.0.4.20'],
        argvTruncated: false,
        cwd: '/root',
        auid: 1001,
      });
      const tcp = events.find((e) => e.kind === 'socket.connect' && e.family === 'inet');
      expect(tcp).toMatchObject({ address: '10.0.4.20', port: 22, success: false, exit: -115 });
    });

    it('accounts for every line', () => {
      expect(stats).toMatchObject({ lines: 25, consumed: 25, events: 8, pending: 0 });
      expect(reconciles(stats)).toBe(true);
    });
  });

  it('decodes the ENRICHED nscd connect: path up to the NUL, PATH without owner', () => {
    const e = only(NSCD.join('\n'));
    expect(e).toMatchObject({
      kind: 'socket.connect',
      syscall: 'connect',
      family: 'unix',
      path: '/var/run/nscd/socket',
      success: false,
      exit: -2,
      uid: 1000,
      auid: 1000,
      ses: 2,
      tty: 'pts9',
      host: undefined,
      program: 'auditd',
      timeBasis: { year: 'line', zone: 'line' },
    });
    expect(e.kind === 'socket.connect' && e.paths[0]).toMatchObject({
      path: '/var/run/nscd/socket',
      ouid: undefined,
      nametype: 'UNKNOWN',
    });
  });

  it('uses the host option when records carry no node=', () => {
    expect(only(NSCD.join('\n'), { host: 'web1' }).host).toBe('web1');
  });

  it('resolves a relative AF_UNIX path against the CWD record (go-libaudit postfix)', () => {
    const lines = [
      'type=SYSCALL msg=audit(1492037298.883:61): arch=c000003e syscall=42 success=yes exit=0 a0=15 a1=7ffd83722200 a2=6e a3=0 items=1 ppid=1 pid=1229 auid=4294967295 uid=0 gid=0 euid=0 suid=0 fsuid=0 egid=0 sgid=0 fsgid=0 tty=(none) ses=4294967295 comm="master" exe="/usr/libexec/postfix/master" key="net"',
      'type=SOCKADDR msg=audit(1492037298.883:61): saddr=01007075626C69632F7069636B7570000000000000000000000000000000',
      'type=CWD msg=audit(1492037298.883:61):  cwd="/var/spool/postfix"',
      'type=PATH msg=audit(1492037298.883:61): item=0 name="public/pickup" inode=34151428 dev=08:01 mode=0140666 ouid=89 ogid=89 rdev=00:00 nametype=NORMAL',
      'type=EOE msg=audit(1492037298.883:61):',
    ];
    const e = only(lines.join('\n'));
    expect(e).toMatchObject({
      kind: 'socket.connect',
      path: '/var/spool/postfix/public/pickup',
      auid: undefined,
      ses: undefined,
      tty: undefined,
    });
    expect(e.kind === 'socket.connect' && e.paths[0]?.ouid).toBe(89);
  });

  it('rebuilds chunked EXECVE arguments across records (aN_len, aN[i])', () => {
    const lines = [
      'type=SYSCALL msg=audit(1.000:7): arch=c000003e syscall=59 success=yes exit=0 items=0 ppid=1 pid=2 auid=1000 uid=1000 euid=1000 ses=3 comm="x" exe="/bin/x" key=(null)',
      'type=EXECVE msg=audit(1.000:7): argc=3 a0="x" a1_len=8 a1[0]=C3A9',
      'type=EXECVE msg=audit(1.000:7): a1[1]=C3A9 a1[2]="ab" a2=2D2D',
      'type=EOE msg=audit(1.000:7):',
    ];
    expect(only(lines.join('\n'))).toMatchObject({
      kind: 'process.exec',
      argv: ['x', 'ééab', '--'],
      argvTruncated: false,
    });
  });

  it.skipIf(!haveCorpora)(
    'rebuilds argv of laurel record-execve-long (one 2-argument EXECVE split over records)',
    () => {
      const text = readFileSync(
        new URL('../../../../shared/corpora/auditd/laurel/record-execve-long.txt', import.meta.url),
      ).toString('utf8');
      const e = only(text);
      expect(e.kind).toBe('process.exec');
      if (e.kind !== 'process.exec') return;
      expect(e.argv.length).toBeGreaterThan(1);
      expect(e.evidence.length).toBe(9);
    },
  );

  it('falls back to PROCTITLE for argv and marks a 128-byte title truncated', () => {
    const title = '2F7573722F62696E2F7065726C002D6500'.padEnd(256, '41');
    const lines = [
      'type=SYSCALL msg=audit(1.000:9): arch=c000003e syscall=59 success=yes exit=0 items=0 ppid=1 pid=2 auid=0 uid=0 euid=0 ses=1 comm="perl" exe="/usr/bin/perl" key=(null)',
      `type=PROCTITLE msg=audit(1.000:9): proctitle=${title}`,
      'type=EOE msg=audit(1.000:9):',
    ];
    const e = only(lines.join('\n'));
    expect(e).toMatchObject({ kind: 'process.exec', argvTruncated: true });
    expect(e.kind === 'process.exec' && e.argv.slice(0, 2)).toEqual(['/usr/bin/perl', '-e']);
  });

  it('maps an openat for reading to file.access read with the non-PARENT path', () => {
    const lines = [
      'type=SYSCALL msg=audit(1700000000.500:77): arch=c000003e syscall=257 success=yes exit=3 a0=ffffff9c a1=7ffc2b1e a2=0 a3=0 items=1 ppid=5120 pid=5300 auid=1001 uid=0 gid=0 euid=0 suid=0 fsuid=0 egid=0 sgid=0 fsgid=0 tty=pts1 ses=7 comm="cat" exe="/usr/bin/cat" key="ssh_keys"',
      'type=CWD msg=audit(1700000000.500:77): cwd="/home/alice"',
      'type=PATH msg=audit(1700000000.500:77): item=0 name=".ssh/id_ed25519" inode=400 dev=fd:01 mode=0100600 ouid=1000 ogid=1000 rdev=00:00 nametype=NORMAL',
      'type=EOE msg=audit(1700000000.500:77):',
    ];
    expect(only(lines.join('\n'))).toMatchObject({
      kind: 'file.access',
      op: 'read',
      syscall: 'openat',
      path: '/home/alice/.ssh/id_ed25519',
      euid: 0,
      key: 'ssh_keys',
    });
  });

  it('maps the laurel strace PTRACE_SEIZE with its OBJ_PID target', () => {
    const lines = [
      'type=SYSCALL msg=audit(1739218487.007:22145057): arch=c000003e syscall=101 success=yes exit=0 a0=4206 a1=29b07b a2=0 a3=51 items=0 ppid=1922034 pid=2732828 auid=0 uid=0 uid=0 euid=0 suid=0 fsuid=0 euid=0 suid=0 fsuid=0 tty=pts10 ses=2 comm="strace" exe="/usr/bin/strace" subj=unconfined key=(null)',
      'type=OBJ_PID msg=audit(1739218487.007:22145057): opid=2732155 oauid=0 ouid=0 oses=2 obj=unconfined ocomm="sleep"',
      'type=EOE msg=audit(1739218487.007:22145057):',
    ];
    expect(only(lines.join('\n'))).toMatchObject({
      kind: 'process.ptrace',
      request: 0x4206,
      requestName: 'seize',
      targetPid: 2732155,
      targetComm: 'sleep',
      targetSes: 2,
      exe: '/usr/bin/strace',
    });
  });

  it('maps ANOM_PROMISCUOUS with its SYSCALL to audit.anomaly', () => {
    const lines = [
      `type=ANOM_PROMISCUOUS msg=audit(1708689989.768:339749193): dev=veth5f40f62 prom=256 old_prom=0 auid=4294967295 uid=0 gid=0 ses=4294967295${GS}AUID="unset" UID="root" GID="root"`,
      'type=SYSCALL msg=audit(1708689989.768:339749193): arch=c000003e syscall=44 success=yes exit=40 a0=e a1=c002e50000 a2=28 a3=0 items=0 ppid=1 pid=13877 auid=4294967295 uid=0 gid=0 euid=0 suid=0 fsuid=0 egid=0 sgid=0 fsgid=0 tty=(none) ses=4294967295 comm="dockerd" exe="/usr/bin/dockerd" key=(null)',
      'type=EOE msg=audit(1708689989.768:339749193): ',
    ];
    const e = only(lines.join('\n'));
    expect(e).toMatchObject({
      kind: 'audit.anomaly',
      recordType: 'ANOM_PROMISCUOUS',
      pid: 13877,
      uid: 0,
      auid: undefined,
      exe: '/usr/bin/dockerd',
      comm: 'dockerd',
    });
    expect(e.kind === 'audit.anomaly' && e.fields.slice(0, 2)).toEqual([
      { key: 'dev', value: 'veth5f40f62' },
      { key: 'prom', value: '256' },
    ]);
  });

  it('decodes a hex acct of a failed sshd login (go-libaudit ubuntu-16.10)', () => {
    const line =
      'type=USER_LOGIN msg=audit(1492896301.818:19955): pid=12635 uid=0 auid=4294967295 ses=4294967295 msg=\'op=login acct=28696E76616C6964207573657229 exe="/usr/sbin/sshd" hostname=? addr=179.38.151.221 terminal=sshd res=failed\'';
    expect(only(line)).toMatchObject({
      kind: 'audit.login',
      acct: '(invalid user)',
      addr: '179.38.151.221',
      hostname: undefined,
      res: 'failed',
      op: 'login',
    });
  });

  it('reads addr, terminal and res from the right when a host name carries injected fields', () => {
    // hostname= is written unencoded; text injected into it can only add fields before the
    // real addr= terminal= res= that libaudit appends.
    const line =
      'type=USER_LOGIN msg=audit(1492896301.818:19956): pid=12635 uid=0 auid=4294967295 ses=4294967295 msg=\'op=login acct="alice" exe="/usr/sbin/sshd" hostname=evil.example addr=10.9.9.9 terminal=x res=success addr=203.0.113.50 terminal=ssh res=failed\'';
    expect(only(line)).toMatchObject({ addr: '203.0.113.50', terminal: 'ssh', res: 'failed' });
  });

  it('maps an unnamed syscall number by its records (i386 execve with EXECVE)', () => {
    const lines = [
      'type=SYSCALL msg=audit(3.000:1): arch=40000003 syscall=11 success=yes exit=0 items=1 ppid=1 pid=77 auid=1000 uid=1000 euid=1000 ses=2 comm="id" exe="/usr/bin/id" key=(null)',
      'type=EXECVE msg=audit(3.000:1): argc=1 a0="id"',
      'type=EOE msg=audit(3.000:1):',
    ];
    expect(only(lines.join('\n'))).toMatchObject({
      kind: 'process.exec',
      syscall: 'syscall_11',
      argv: ['id'],
    });
  });

  it('reads the legacy PAM phrasing (audit-userspace test.log)', () => {
    const line =
      'type=USER_START msg=audit(1170021601.344:297): user pid=13015 uid=0 auid=0 subj=system_u:system_r:crond_t:s0-s0:c0.c1023 msg=\'PAM: session open acct=root : exe="/usr/sbin/crond" (hostname=?, addr=?, terminal=cron res=success)\'';
    expect(only(line)).toMatchObject({
      kind: 'audit.login',
      op: 'PAM: session open',
      acct: 'root',
      terminal: 'cron',
      res: 'success',
      pid: 13015,
    });
  });

  it("does not take a msg=' inside a kernel value for a user-space record", () => {
    const lines = [
      `type=SYSCALL msg=audit(5.000:1): arch=c000003e syscall=42 success=yes exit=0 items=0 ppid=1 pid=9 auid=1 uid=0 euid=0 ses=4 comm="msg='" exe="/tmp/x" key=(null)`,
      'type=SOCKADDR msg=audit(5.000:1): saddr=01002F746D702F78',
      'type=EOE msg=audit(5.000:1):',
    ];
    expect(only(lines.join('\n'))).toMatchObject({ kind: 'socket.connect', path: '/tmp/x' });
  });

  it('assembles interleaved records by (node, time, serial)', () => {
    const a = (s: number, t: string) =>
      `node=h type=${t} msg=audit(10.000:${s}): arch=c000003e syscall=42 success=yes exit=0 items=0 ppid=1 pid=${s} auid=1 uid=1 euid=1 ses=1 comm="c" exe="/c" key=(null)`;
    const sock = (s: number, p: string) =>
      `node=h type=SOCKADDR msg=audit(10.000:${s}): saddr=${Buffer.from(`\u0001\u0000${p}`).toString('hex').toUpperCase()}`;
    const eoe = (s: number) => `node=h type=EOE msg=audit(10.000:${s}):`;
    const text = [
      a(2, 'SYSCALL'),
      a(1, 'SYSCALL'),
      sock(1, '/one'),
      sock(2, '/two'),
      eoe(2),
      eoe(1),
    ];
    const { events } = assemble(text.join('\n'));
    expect(events.map((e) => [e.pid, e.kind === 'socket.connect' ? e.path : ''])).toEqual([
      [2, '/two'],
      [1, '/one'],
    ]);
  });

  it('does not merge the same serial from two nodes', () => {
    const text = NSCD.map((l) => `node=a ${l}`).concat(NSCD.map((l) => `node=b ${l}`));
    const { events } = assemble(text.join('\n'));
    expect(events.map((e) => e.host)).toEqual(['a', 'b']);
  });

  it('closes an event without EOE after timeoutRecords later records', () => {
    const lines = NSCD.slice(0, 4);
    const a = createAuditAssembler({ timeoutRecords: 2 });
    const first = a.push(lines.join('\n'), { source: 's', line: 1 });
    expect(first).toEqual([]);
    const later = a.push(
      [
        'type=DAEMON_START msg=audit(1705071450.900:1): op=start ver=3.0',
        'type=DAEMON_START msg=audit(1705071450.901:2): op=start ver=3.0',
        'type=DAEMON_START msg=audit(1705071450.902:3): op=start ver=3.0',
      ].join('\n'),
      { source: 's', line: 5 },
    );
    expect(later[0]?.kind === 'event' && later[0].event.kind).toBe('socket.connect');
    expect(a.stats()).toMatchObject({ timedOut: 1, pending: 3 });
  });

  it('closes an event without EOE when a record timeoutMs later arrives', () => {
    const a = createAuditAssembler({ timeoutMs: 1000 });
    a.push(NSCD.slice(0, 4).join('\n'), { source: 's', line: 1 });
    const out = a.push('type=DAEMON_START msg=audit(1705071452.000:1): op=start', {
      source: 's',
      line: 5,
    });
    expect(out.map((r) => r.kind)).toEqual(['event']);
  });

  it('reports records of an already closed event as late_record', () => {
    const text = [...NSCD, NSCD[2] ?? ''].join('\n');
    const { results, stats } = assemble(text);
    const last = results.at(-1);
    expect(last).toMatchObject({ kind: 'ignored', reason: 'late_record' });
    expect(last?.kind !== 'event' && last?.source.line).toBe(6);
    expect(reconciles(stats)).toBe(true);
  });

  it('evicts the least recently active event at maxPending and counts it', () => {
    const text = [1, 2, 3]
      .map(
        (s) =>
          `type=SYSCALL msg=audit(1.000:${s}): arch=c000003e syscall=42 success=yes exit=0 pid=${s} comm="c" exe="/c" key=(null)`,
      )
      .join('\n');
    const a = createAuditAssembler({ maxPending: 2 });
    const out = a.push(text, { source: 's', line: 1 });
    expect(out.map((r) => (r.kind === 'event' ? r.event.pid : r.kind))).toEqual([1]);
    expect(a.stats()).toMatchObject({ evicted: 1, pending: 2 });
    expect(a.flush().length).toBe(2);
  });

  it('ignores records past maxRecordsPerEvent and keeps the counts', () => {
    const lines = [NSCD[0] ?? '', NSCD[2] ?? '', NSCD[2] ?? '', NSCD[2] ?? '', NSCD[4] ?? ''];
    const { results, stats } = assemble(lines.join('\n'), { maxRecordsPerEvent: 2 });
    expect(
      results.filter((r) => r.kind === 'ignored').map((r) => r.kind !== 'event' && r.reason),
    ).toEqual(['event_too_large', 'event_too_large', 'event_too_large']);
    expect(reconciles(stats)).toBe(true);
  });

  it('reports unusable lines with a reason and a line number', () => {
    const text = [
      '',
      'hello world',
      'type=UNKNOWN[1329] msg=?',
      'type=SYSCALL msg=audit(08/31/2017 22:59:50.870:756395) : arch=x86_64',
      '# comment',
      'type=EOE msg=audit(1.000:404):',
    ].join('\n');
    const { results, stats } = assemble(text);
    expect(results.map((r) => (r.kind === 'event' ? 'event' : `${r.kind}:${r.reason}`))).toEqual([
      'malformed:empty_line',
      'malformed:bad_header',
      'unrecognized:no_event_id',
      'malformed:bad_timestamp',
      'ignored:comment',
      'ignored:orphan_eoe',
    ]);
    expect(stats).toMatchObject({ lines: 6, malformed: 3, unrecognized: 1, ignored: 2 });
  });

  it('reports a line over maxLineLength as line_too_long with its text cut', () => {
    const { results } = assemble(`type=EXECVE msg=audit(1.000:1): a0="${'x'.repeat(100)}"`, {
      maxLineLength: 50,
    });
    expect(results[0]).toMatchObject({ kind: 'malformed', reason: 'line_too_long' });
    expect(results[0]?.kind === 'malformed' && results[0].source.text.length).toBe(50);
  });

  it('numbers lines from source.line and strips CRLF', () => {
    const a = createAuditAssembler();
    const out = a.push(`${NSCD.join('\r\n')}\r\n`, { source: 'x.log', line: 41 });
    const e = out[0]?.kind === 'event' ? out[0].event : undefined;
    expect(e?.evidence.map((p) => p.line)).toEqual([41, 42, 43, 44, 45]);
    expect(e?.evidence[4]?.text).toBe(NSCD[4]);
    expect(a.stats().lines).toBe(5);
  });

  it('rejects bad options with RangeError', () => {
    expect(() => createAuditAssembler({ timeoutMs: 0 })).toThrow(RangeError);
    expect(() => createAuditAssembler({ maxPending: Number.NaN })).toThrow(RangeError);
  });
});
