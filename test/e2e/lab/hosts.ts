import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { HOSTS, type HostSpec, netnsName } from './config.js';
import { type Daemon, type RunOptions, type RunResult, run, start, waitFor } from './exec.js';
import { type LabState, saveState } from './state.js';

/** A running lab host: its namespaces are held open by an anchor process. */
export interface LabHost {
  readonly spec: HostSpec;
  /** The host's own directory (its /home, /root, /var/log, /dev and configs live here). */
  readonly dir: string;
  /** Pid of the anchor process whose network and mount namespaces are the host's. */
  readonly anchor: number;
}

/** Directory of a host inside the lab directory. */
export function hostDir(labDir: string, host: string): string {
  return join(labDir, 'hosts', host);
}

/**
 * The mount and UTS namespaces of a host (its own hostname), set up by a shell script run inside `unshare -m`:
 * - a private /dev (tmpfs with bind-mounted null/zero/random/tty devices, its own devpts
 *   instance so each host numbers its own pts/N, and its own /dev/log socket, created by that
 *   host's rsyslog): this is how each sshd logs through syslog to its own rsyslog;
 * - private /tmp and /run, bound from the host directory (agent sockets and utmp stay on their
 *   host, and audit `dir=` rules can name them from outside: `-F dir=<host dir>/tmp`);
 * - /home, /root and /var/log bound from the host directory (per-host authorized_keys, per-host
 *   wtmp/btmp/lastlog), and /etc/sudoers.d on hosts with sudo rules.
 */
function initScript(name: string, dir: string, withSudoers: boolean): string {
  const d = `${dir}/dev`;
  return [
    'set -e',
    `hostname ${name}`,
    `mount -t tmpfs -o mode=755 tmpfs ${d}`,
    `for n in null zero full random urandom tty; do touch ${d}/$n; mount --bind /dev/$n ${d}/$n; done`,
    `mkdir ${d}/pts ${d}/shm`,
    `mount -t devpts -o newinstance,ptmxmode=0666,mode=620,gid=5 devpts ${d}/pts`,
    `ln -s pts/ptmx ${d}/ptmx`,
    `ln -s /proc/self/fd ${d}/fd`,
    `mount -t tmpfs -o mode=1777 tmpfs ${d}/shm`,
    `mount --rbind ${d} /dev`,
    `mount --bind ${dir}/tmp /tmp`,
    `mount --bind ${dir}/run /run`,
    `mount --bind ${dir}/home /home`,
    `mount --bind ${dir}/root /root`,
    `mount --bind ${dir}/varlog /var/log`,
    ...(withSudoers ? [`mount --bind ${dir}/sudoers.d /etc/sudoers.d`] : []),
    `touch ${dir}/ready`,
    'exec sleep 3600',
    '',
  ].join('\n');
}

/** Creates the host directories and starts each host's anchor. */
export async function createHosts(state: LabState): Promise<ReadonlyMap<string, LabHost>> {
  const hosts = new Map<string, LabHost>();
  for (const spec of HOSTS) {
    const dir = hostDir(state.dir, spec.name);
    for (const sub of ['dev', 'home', 'root', 'varlog', 'etc', 'logs', 'sudoers.d', 'tmp']) {
      mkdirSync(join(dir, sub), { recursive: true, mode: sub === 'root' ? 0o700 : 0o755 });
    }
    chmodSync(join(dir, 'tmp'), 0o1777);
    for (const sub of ['run/sshd', 'run/user', 'run/screen']) {
      mkdirSync(join(dir, sub), { recursive: true, mode: 0o755 });
    }
    writeFileSync(join(dir, 'run', 'utmp'), '', { mode: 0o664 });
    for (const f of ['wtmp', 'lastlog']) writeFileSync(join(dir, 'varlog', f), '', { mode: 0o664 });
    writeFileSync(join(dir, 'varlog', 'btmp'), '', { mode: 0o600 });
    const withSudoers = spec.name === 'bastion';
    writeFileSync(join(dir, 'init.sh'), initScript(spec.name, dir, withSudoers));
    const anchor: Daemon = start('ip', [
      'netns',
      'exec',
      netnsName(spec.name),
      'unshare',
      '--mount',
      '--uts',
      '--propagation',
      'private',
      'sh',
      join(dir, 'init.sh'),
    ]);
    state.processes.push({ pid: anchor.pid, marker: 'sleep', what: `${spec.name} anchor` });
    saveState(state);
    await waitFor(`${spec.name} namespaces`, () => {
      if (anchor.child.exitCode !== null) {
        throw new Error(`${spec.name} anchor exited: ${anchor.output()}`);
      }
      return existsSync(join(dir, 'ready'));
    });
    hosts.set(spec.name, { spec, dir, anchor: anchor.pid });
  }
  return hosts;
}

/** The argv prefix that runs a command inside a host's namespaces. */
export function inHost(host: LabHost): string[] {
  return ['nsenter', '-t', String(host.anchor), '-m', '-n', '--'];
}

/** The argv prefix that runs a command inside a host as one of the lab users (or root). */
export function asUser(
  host: LabHost,
  user: string,
  env: Readonly<Record<string, string>> = {},
): string[] {
  const home = user === 'root' ? '/root' : `/home/${user}`;
  const vars = Object.entries({
    HOME: home,
    USER: user,
    LOGNAME: user,
    SHELL: '/bin/bash',
    PATH: '/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin',
    TERM: 'dumb',
    LANG: 'C.UTF-8',
    ...env,
  }).map(([k, v]) => `${k}=${v}`);
  const su =
    user === 'root' ? [] : ['setpriv', `--reuid=${user}`, `--regid=${user}`, '--init-groups'];
  return [...inHost(host), ...su, 'env', '-i', ...vars];
}

/** Runs a command to completion inside a host. */
export function runIn(
  host: LabHost,
  argv: readonly string[],
  options?: RunOptions,
): Promise<RunResult> {
  const full = [...inHost(host), ...argv];
  return run(full[0] ?? 'nsenter', full.slice(1), options);
}

/** Runs a command to completion inside a host as a user. */
export function runAs(
  host: LabHost,
  user: string,
  argv: readonly string[],
  options?: RunOptions & { readonly userEnv?: Readonly<Record<string, string>> },
): Promise<RunResult> {
  const full = [...asUser(host, user, options?.userEnv ?? {}), ...argv];
  return run(full[0] ?? 'nsenter', full.slice(1), options);
}

/** Starts a long-running command inside a host and records it for clean-up. */
export function startIn(
  state: LabState,
  host: LabHost,
  argv: readonly string[],
  what: string,
  marker: string,
): Daemon {
  const full = [...inHost(host), ...argv];
  const daemon = start(full[0] ?? 'nsenter', full.slice(1));
  state.processes.push({ pid: daemon.pid, marker, what: `${host.spec.name} ${what}` });
  saveState(state);
  return daemon;
}

/** Looks a running host up. */
export function getHost(hosts: ReadonlyMap<string, LabHost>, name: string): LabHost {
  const host = hosts.get(name);
  if (host === undefined) throw new Error(`lab host ${name} is not running`);
  return host;
}
