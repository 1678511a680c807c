import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Daemon, run, waitFor } from './exec.js';
import { type LabHost, runIn, startIn } from './hosts.js';
import { authLogPath } from './rsyslog.js';
import type { LabState } from './state.js';

/**
 * A server host's sshd config: Debian's OpenSSH with PAM, listening on the host's lab address
 * only, logging through syslog (no `-E`, so lines reach the host's own rsyslog through its
 * /dev/log) at VERBOSE, or DEBUG1 on the bastion to see agent-forwarding requests.
 */
function sshdConfig(host: LabHost): string {
  return [
    `ListenAddress ${host.spec.ip}`,
    `HostKey ${host.dir}/etc/ssh_host_ed25519_key`,
    'PidFile none',
    `LogLevel ${host.spec.sshdLogLevel ?? 'VERBOSE'}`,
    'SyslogFacility AUTH',
    'UsePAM yes',
    'PasswordAuthentication yes',
    'KbdInteractiveAuthentication no',
    'PermitRootLogin prohibit-password',
    'AllowAgentForwarding yes',
    'X11Forwarding no',
    'PrintMotd no',
    'Subsystem sftp /usr/lib/openssh/sftp-server',
    '',
  ].join('\n');
}

/** The sshd config file of a host. */
export function sshdConfigPath(host: LabHost): string {
  return join(host.dir, 'etc', 'sshd_config');
}

/** Writes the config and host key, checks them with `sshd -t`, starts `sshd -D`. */
export async function startSshd(state: LabState, host: LabHost): Promise<Daemon> {
  const conf = sshdConfigPath(host);
  writeFileSync(conf, sshdConfig(host));
  await run('ssh-keygen', [
    '-q',
    '-t',
    'ed25519',
    '-N',
    '',
    '-f',
    join(host.dir, 'etc', 'ssh_host_ed25519_key'),
  ]);
  await runIn(host, ['/usr/sbin/sshd', '-t', '-f', conf]);
  const daemon = startIn(state, host, ['/usr/sbin/sshd', '-D', '-f', conf], 'sshd', conf);
  await waitFor(`${host.spec.name} sshd`, () => {
    if (daemon.child.exitCode !== null) throw new Error(`sshd exited: ${daemon.output()}`);
    const log = authLogPath(host);
    return existsSync(log) && readFileSync(log, 'utf8').includes('Server listening on');
  });
  return daemon;
}
