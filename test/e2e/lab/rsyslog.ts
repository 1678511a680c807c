import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Daemon, waitFor } from './exec.js';
import { type LabHost, startIn } from './hosts.js';
import type { LabState } from './state.js';

/** The auth log a server host's rsyslog writes. */
export function authLogPath(host: LabHost): string {
  return join(host.dir, 'logs', 'auth.log');
}

/**
 * The config of a host's own rsyslog: it owns that host's /dev/log (imuxsock inside the host's
 * mount namespace), stamps lines with the host's name, and writes auth and authpriv to the
 * host's auth.log, as RFC3164 (`RSYSLOG_TraditionalFileFormat`) or RFC3339
 * (`RSYSLOG_FileFormat`).
 */
function rsyslogConfig(host: LabHost): string {
  const template =
    host.spec.syslog === 'rfc3339' ? 'RSYSLOG_FileFormat' : 'RSYSLOG_TraditionalFileFormat';
  return [
    `global(localHostname="${host.spec.name}" workDirectory="${host.dir}/rsyslog")`,
    'module(load="imuxsock" SysSock.Name="/dev/log" SysSock.RateLimit.Interval="0")',
    `auth,authpriv.* action(type="omfile" file="${authLogPath(host)}" template="${template}")`,
    '',
  ].join('\n');
}

/** Starts a server host's rsyslogd in the foreground and waits for its /dev/log. */
export async function startRsyslog(state: LabState, host: LabHost): Promise<Daemon> {
  mkdirSync(join(host.dir, 'rsyslog'), { recursive: true });
  const conf = join(host.dir, 'etc', 'rsyslog.conf');
  writeFileSync(conf, rsyslogConfig(host));
  const daemon = startIn(
    state,
    host,
    ['env', 'TZ=UTC', 'rsyslogd', '-n', '-f', conf, '-i', join(host.dir, 'rsyslog.pid')],
    'rsyslogd',
    conf,
  );
  await waitFor(`${host.spec.name} rsyslog socket`, () => {
    if (daemon.child.exitCode !== null) throw new Error(`rsyslogd exited: ${daemon.output()}`);
    return isSocketInHost(host, '/dev/log');
  });
  return daemon;
}

/** Whether a path inside a host's mount namespace is a socket (seen through /proc/PID/root). */
export function isSocketInHost(host: LabHost, path: string): boolean {
  try {
    return statSync(`/proc/${host.anchor}/root${path}`).isSocket();
  } catch {
    return false;
  }
}
