import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Daemon, run, start, waitFor } from './exec.js';
import { type LabState, saveState } from './state.js';

/** The raw, machine-wide audit log of a run. */
export function rawAuditLogPath(labDir: string): string {
  return join(labDir, 'audit', 'audit.log');
}

/**
 * The lab's audit rules (the set docs/log-sources.md recommends, keyed `sshtrail_*`):
 * AF_UNIX connects (`a2=110`, `sizeof(struct sockaddr_un)`, which is what OpenSSH passes for
 * agent and ControlMaster sockets), successful IPv4 connects, every execve, and watches on the
 * servers' authorized_keys and sshd configs.
 */
export function auditRules(
  watched: readonly { readonly path: string; readonly key: string }[],
): string[][] {
  return [
    [
      '-a',
      'always,exit',
      '-F',
      'arch=b64',
      '-S',
      'connect',
      '-F',
      'a2=110',
      '-k',
      'sshtrail_socket',
    ],
    [
      '-a',
      'always,exit',
      '-F',
      'arch=b64',
      '-S',
      'connect',
      '-F',
      'a2=16',
      '-F',
      'success=1',
      '-k',
      'sshtrail_net',
    ],
    ['-a', 'always,exit', '-F', 'arch=b64', '-S', 'execve', '-k', 'sshtrail_exec'],
    ...watched.map((w) => ['-w', w.path, '-p', 'wa', '-k', w.key]),
  ];
}

function auditdConf(labDir: string): string {
  return [
    'local_events = yes',
    'write_logs = yes',
    `log_file = ${rawAuditLogPath(labDir)}`,
    'log_format = ENRICHED',
    'flush = INCREMENTAL_ASYNC',
    'freq = 20',
    'max_log_file = 512',
    'num_logs = 2',
    'max_log_file_action = IGNORE',
    'name_format = NONE',
    'space_left = 2',
    'space_left_action = IGNORE',
    'admin_space_left = 1',
    'admin_space_left_action = IGNORE',
    'disk_full_action = IGNORE',
    'disk_error_action = IGNORE',
    `plugin_dir = ${join(labDir, 'audit', 'plugins.d')}`,
    'q_depth = 8000',
    'overflow_action = IGNORE',
    'end_of_event_timeout = 2',
    '',
  ].join('\n');
}

function statusField(status: string, name: string): number {
  const m = status.split('\n').find((l) => l.startsWith(`${name} `));
  return Number(m?.slice(name.length + 1) ?? Number.NaN);
}

/** Whether an audit daemon other than ours is registered with the kernel. */
export async function auditDaemonRunning(): Promise<boolean> {
  const s = await run('auditctl', ['-s']);
  return statusField(s.stdout, 'pid') !== 0;
}

/** Starts the lab's auditd (foreground, lab config dir) and loads the lab's rules. */
export async function startAuditd(
  state: LabState,
  watched: readonly { readonly path: string; readonly key: string }[],
): Promise<Daemon> {
  const dir = join(state.dir, 'audit');
  mkdirSync(join(dir, 'plugins.d'), { recursive: true });
  writeFileSync(join(dir, 'auditd.conf'), auditdConf(state.dir));
  const before = (await run('auditctl', ['-s'])).stdout;
  state.auditBefore = {
    enabled: statusField(before, 'enabled'),
    backlogLimit: statusField(before, 'backlog_limit'),
  };
  saveState(state);
  const daemon = start('auditd', ['-n', '-c', dir]);
  state.processes.push({ pid: daemon.pid, marker: dir, what: 'auditd' });
  saveState(state);
  await waitFor('auditd', async () => {
    if (daemon.child.exitCode !== null) throw new Error(`auditd exited: ${daemon.output()}`);
    const s = await run('auditctl', ['-s']);
    return statusField(s.stdout, 'pid') === daemon.pid;
  });
  await run('auditctl', ['-b', '16384']);
  for (const rule of auditRules(watched)) {
    await run('auditctl', rule);
    const key = rule[rule.length - 1] ?? '';
    if (!state.auditKeys.includes(key)) state.auditKeys.push(key);
    saveState(state);
  }
  return daemon;
}
