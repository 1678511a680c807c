/**
 * Kernel (syscall) audit events of a bastion host, as record lists ending in EOE: commands
 * run in SSH sessions (execve), daemons connecting to local and remote sockets, key-file
 * reads, and the rare hijack (root connecting to another user's forwarded agent socket).
 */
import {
  type AuditProcess,
  type AuditSession,
  auditValue,
  inetSockaddr,
  pathFields,
  proctitleValue,
  type RecordBody,
  syscallFields,
  UNSET,
  unixSockaddr,
} from './audit-records.js';
import type { Rng } from './rng.js';

const COMMANDS: readonly (readonly string[])[] = [
  ['ls', '-la'],
  ['cat', '/etc/os-release'],
  ['grep', '--color=auto', 'error', '/var/log/syslog'],
  ['git', 'pull'],
  ['ssh', 'db-legacy'],
  ['ps', 'aux'],
  ['vim', 'notes.txt'],
  ['tail', '-f', '/var/log/nginx/access.log'],
  ['systemctl', 'status', 'nginx'],
  ['python3', '-c', 'print("hello world")'],
  ['df', '-h'],
  ['curl', '-s', 'https://example.org/health'],
];

const hex = (rng: Rng): string => (0x550000000000 + rng.int(0xffffff) * 16).toString(16);

/**
 * An execve by a session's shell: SYSCALL + EXECVE + CWD + 2 PATH + PROCTITLE + EOE.
 *
 * @param rng - random source
 * @param s - session
 * @param pid - new process pid
 * @returns the records
 * @example
 * ```ts
 * execEvent(rng, session, 4242);
 * ```
 */
export function execEvent(rng: Rng, s: AuditSession, pid: number): RecordBody[] {
  const argv = rng.pick(COMMANDS);
  const name = argv[0] ?? 'ls';
  const exe = `/usr/bin/${name}`;
  const p: AuditProcess = {
    pid,
    ppid: s.shell,
    uid: s.uid,
    gid: s.uid,
    auid: s.uid,
    ses: s.ses,
    tty: s.tty,
    comm: name,
    exe,
  };
  const args = argv.map((a, i) => `a${i}=${auditValue(a)}`).join(' ');
  return [
    ['SYSCALL', syscallFields(p, 59, true, 0, [hex(rng), hex(rng), hex(rng), '8'], 2, 'exec')],
    ['EXECVE', `argc=${argv.length} ${args}`],
    ['CWD', ` cwd=${auditValue(`/home/${s.user}`)}`],
    ['PATH', pathFields(0, exe, 131_000 + rng.int(5000), '0100755', 0, 0, 'NORMAL')],
    ['PATH', pathFields(1, '/lib64/ld-linux-x86-64.so.2', 1_310_722, '0100755', 0, 0, 'NORMAL')],
    ['PROCTITLE', `proctitle=${proctitleValue(argv)}`],
    ['EOE', ''],
  ];
}

/**
 * A daemon connecting to a local socket (nscd, journald): SYSCALL + SOCKADDR + CWD + PATH +
 * PROCTITLE + EOE.
 *
 * @param rng - random source
 * @param pid - daemon pid
 * @returns the records
 * @example
 * ```ts
 * daemonUnixConnect(rng, 901);
 * ```
 */
export function daemonUnixConnect(rng: Rng, pid: number): RecordBody[] {
  const [comm, exe, path] = rng.pick([
    ['systemd-resolve', '/usr/lib/systemd/systemd-resolved', '/run/systemd/journal/socket'],
    ['nscd', '/usr/sbin/nscd', '/var/run/nscd/socket'],
    ['cron', '/usr/sbin/cron', '/run/systemd/journal/dev-log'],
  ] as const);
  const p: AuditProcess = {
    pid,
    ppid: 1,
    uid: 0,
    gid: 0,
    auid: UNSET,
    ses: UNSET,
    tty: '(none)',
    comm,
    exe,
  };
  return [
    ['SYSCALL', syscallFields(p, 42, true, 0, ['5', hex(rng), '6e', '0'], 1, 'sock_connect')],
    ['SOCKADDR', `saddr=${unixSockaddr(path)}`],
    ['CWD', ' cwd="/"'],
    ['PATH', pathFields(0, path, 900 + rng.int(90), '0140666', 0, 0, 'NORMAL')],
    ['PROCTITLE', `proctitle=${proctitleValue([exe])}`],
    ['EOE', ''],
  ];
}

/**
 * An outbound TCP connect (non-blocking: `success=no exit=-115`): SYSCALL + SOCKADDR +
 * PROCTITLE + EOE.
 *
 * @param rng - random source
 * @param pid - process pid
 * @returns the records
 * @example
 * ```ts
 * inetConnect(rng, 1172);
 * ```
 */
export function inetConnect(rng: Rng, pid: number): RecordBody[] {
  const ip = rng.pick(['169.254.169.254', '10.20.3.7', '10.20.1.12', '151.101.1.69']);
  const port = ip === '169.254.169.254' ? 80 : rng.pick([22, 443, 5432]);
  const p: AuditProcess = {
    pid,
    ppid: 1,
    uid: 0,
    gid: 0,
    auid: UNSET,
    ses: UNSET,
    tty: '(none)',
    comm: 'google_guest_ag',
    exe: '/usr/bin/google_guest_agent',
  };
  return [
    ['SYSCALL', syscallFields(p, 42, false, -115, ['6', hex(rng), '10', 'fe'], 0, 'sock_connect')],
    ['SOCKADDR', `saddr=${inetSockaddr(ip, port)}`],
    ['PROCTITLE', `proctitle=${proctitleValue(['/usr/bin/google_guest_agent'])}`],
    ['EOE', ''],
  ];
}

/**
 * `ssh` reading its own private key (openat): SYSCALL + CWD + PATH + PROCTITLE + EOE.
 *
 * @param rng - random source
 * @param s - session
 * @param pid - ssh pid
 * @returns the records
 * @example
 * ```ts
 * keyRead(rng, session, 5150);
 * ```
 */
export function keyRead(rng: Rng, s: AuditSession, pid: number): RecordBody[] {
  const path = `/home/${s.user}/.ssh/id_ed25519`;
  const p: AuditProcess = {
    pid,
    ppid: s.shell,
    uid: s.uid,
    gid: s.uid,
    auid: s.uid,
    ses: s.ses,
    tty: s.tty,
    comm: 'ssh',
    exe: '/usr/bin/ssh',
  };
  return [
    ['SYSCALL', syscallFields(p, 257, true, 3, ['ffffff9c', hex(rng), '0', '0'], 1, 'ssh_keys')],
    ['CWD', ` cwd=${auditValue(`/home/${s.user}`)}`],
    ['PATH', pathFields(0, path, 262_000 + s.uid, '0100600', s.uid, s.uid, 'NORMAL')],
    ['PROCTITLE', `proctitle=${proctitleValue(['ssh', 'db-legacy'])}`],
    ['EOE', ''],
  ];
}

/**
 * Root (logged in as `auid`) connecting to another session's forwarded agent socket: the
 * T1563.001 signal (SYSCALL uid 0, PATH ouid = the victim).
 *
 * @param rng - random source
 * @param attacker - the session doing it (after sudo)
 * @param victim - the session whose agent is used
 * @param pid - ssh pid
 * @returns the records
 * @example
 * ```ts
 * agentHijack(rng, mallory, alice, 6666);
 * ```
 */
export function agentHijack(
  rng: Rng,
  attacker: AuditSession,
  victim: AuditSession,
  pid: number,
): RecordBody[] {
  const path = `/tmp/ssh-${victim.agentDir}/agent.${victim.sshdChild}`;
  const p: AuditProcess = {
    pid,
    ppid: attacker.shell + 3,
    uid: 0,
    gid: 0,
    auid: attacker.uid,
    ses: attacker.ses,
    tty: attacker.tty,
    comm: 'ssh',
    exe: '/usr/bin/ssh',
  };
  return [
    ['SYSCALL', syscallFields(p, 42, true, 0, ['3', hex(rng), '6e', '0'], 1, 'agent_connect')],
    ['SOCKADDR', `saddr=${unixSockaddr(path)}`],
    ['CWD', ' cwd="/root"'],
    [
      'PATH',
      pathFields(0, path, 77_000 + victim.sshdChild, '0140600', victim.uid, victim.uid, 'NORMAL'),
    ],
    ['PROCTITLE', `proctitle=${proctitleValue(['ssh', '-A', 'db-legacy'])}`],
    ['EOE', ''],
  ];
}
