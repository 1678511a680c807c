import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { LAB_PREFIX, USERS } from './config.js';

/** Programs the lab runs (from Debian's packages; see .ci/install-system-packages). */
const PROGRAMS = [
  '/usr/sbin/sshd',
  '/usr/bin/ssh',
  '/usr/bin/ssh-agent',
  '/usr/bin/sftp',
  '/usr/lib/openssh/sftp-server',
  '/usr/sbin/rsyslogd',
  '/usr/sbin/auditd',
  '/usr/sbin/auditctl',
  '/usr/bin/sshpass',
  '/usr/bin/sudo',
  '/usr/bin/pgrep',
  '/usr/bin/nsenter',
  '/usr/bin/unshare',
  '/usr/bin/setpriv',
  '/usr/sbin/useradd',
  '/usr/sbin/userdel',
  '/usr/sbin/chpasswd',
];

function ok(cmd: string, args: readonly string[]): string | undefined {
  try {
    return execFileSync(cmd, args, {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 10_000,
    });
  } catch {
    return undefined;
  }
}

/**
 * Why the lab cannot run here, or undefined when it can: it needs root, the Debian packages,
 * `ip netns`, kernel auditing with no other audit daemon, and free user names.
 */
export function labUnavailableReason(): string | undefined {
  if (process.platform !== 'linux') return 'the SSH lab needs Linux';
  if (process.getuid?.() !== 0)
    return 'the SSH lab needs root (network namespaces, auditd, useradd)';
  const missing = PROGRAMS.filter((p) => !existsSync(p));
  if (missing.length > 0) {
    return `the SSH lab needs ${missing.join(', ')} (install with .ci/install-system-packages)`;
  }
  const ip = ok('ip', ['-V']);
  if (ip === undefined) return 'the SSH lab needs iproute2 (ip netns)';
  const status = ok('auditctl', ['-s']);
  if (status === undefined) return 'kernel auditing is not available (auditctl -s failed)';
  const pid = /^pid (\d+)$/m.exec(status)?.[1];
  if (pid !== undefined && pid !== '0') {
    const comm = ok('ps', ['-o', 'args=', '-p', pid]) ?? '';
    if (!comm.includes(LAB_PREFIX)) return `another audit daemon (pid ${pid}) owns kernel auditing`;
  }
  for (const user of USERS) {
    const entry = ok('getent', ['passwd', user]);
    if (entry !== undefined && entry.split(':')[4] !== LAB_PREFIX) {
      return `user ${user} already exists and was not created by the lab`;
    }
  }
  return undefined;
}
