import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Daemon, run, start, waitFor } from './exec.js';
import { type LabState, saveState } from './state.js';

/** The raw, machine-wide audit log of a run. */
export function rawAuditLogPath(labDir: string): string {
  return join(labDir, 'audit', 'audit.log');
}

/** Where the recommended rule set is documented (read at run time, so the lab tests the doc). */
const LOG_SOURCES_DOC = new URL('../../../docs/log-sources.md', import.meta.url);

/** The doc's rule set as it read when the lab was written; used when the doc is absent. */
const FALLBACK_RULES = `
-a always,exit -F arch=b64 -S connect -F a2=110 -F dir=/tmp      -F key=unix_connect_tmp
-a always,exit -F arch=b64 -S connect -F a2=110 -F dir=/home     -F key=unix_connect_home
-a always,exit -F arch=b64 -S connect -F a2=110 -F dir=/root     -F key=unix_connect_home
-a always,exit -F arch=b64 -S connect -F a2=110 -F dir=/run/user -F key=unix_connect_run
-a always,exit -F arch=b64 -S connect -F a2=110 -F dir=/run/screen -F key=unix_connect_run
-a always,exit -F arch=b64 -S connect -F a2=16 -F success=1 -F key=network_connect_4
-a always,exit -F arch=b64 -S connect -F a2=28 -F success=1 -F key=network_connect_6
-a always,exit -F arch=b64 -S execve -F key=exec
-a always,exit -F arch=b64 -S ptrace -F key=tracing
-w /etc/ssh/ssh_config -p wa -k ssh_client_cfg
-w /etc/ssh/ssh_config.d -p wa -k ssh_client_cfg
`;

/** Prefix of every audit key the lab loads, so clean-up deletes exactly the lab's rules. */
export const LAB_KEY_PREFIX = 'sshtrail_';

/** The rule lines of the first code block of the doc's "## auditd" section. */
export function documentedRules(doc: string): string[] {
  const section = doc.split('\n## auditd')[1] ?? '';
  const block = section.split('```')[1] ?? '';
  return block
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.startsWith('-a ') || l.startsWith('-w '));
}

/**
 * The lab's audit rules: the set docs/log-sources.md recommends, adapted to the lab in three
 * ways. Each `-F dir=D` rule is loaded once per server with D replaced by that server's own
 * directory (the servers' /tmp, /home, /root and /run are bind mounts of those, so the same
 * inodes match). Keys get the `sshtrail_` prefix so that clean-up can delete by key without
 * touching anyone else's rules. `--loginuid-immutable` is left out: it cannot be undone until
 * reboot. Two lab watches are added: each server's `~alice/.ssh` and `~bob/.ssh`, and its sshd
 * config.
 *
 * @param serverDirs - Each server's directory.
 * @param watched - Extra watches (path and key).
 * @returns auditctl argument lists.
 */
export function auditRules(
  serverDirs: readonly string[],
  watched: readonly { readonly path: string; readonly key: string }[],
): string[][] {
  let lines: string[] = [];
  try {
    lines = documentedRules(readFileSync(LOG_SOURCES_DOC, 'utf8'));
  } catch {
    // no doc: the fallback below
  }
  if (lines.length === 0) lines = documentedRules(`\n## auditd\n\`\`\`${FALLBACK_RULES}\`\`\``);
  const rules: string[][] = [];
  for (const line of lines) {
    const args = line.split(/\s+/).map((a) => a.replace(/^key=/, `key=${LAB_KEY_PREFIX}`));
    const k = args.indexOf('-k');
    if (k >= 0 && args[k + 1] !== undefined) args[k + 1] = `${LAB_KEY_PREFIX}${args[k + 1]}`;
    const dir = args.findIndex((a) => a.startsWith('dir='));
    if (dir < 0) {
      rules.push(args);
      continue;
    }
    for (const root of serverDirs) {
      const copy = [...args];
      copy[dir] = `dir=${root}${(args[dir] ?? '').slice(4)}`;
      rules.push(copy);
    }
  }
  for (const w of watched) rules.push(['-w', w.path, '-p', 'wa', '-k', w.key]);
  return rules;
}

/** The audit key of an auditctl argument list. */
function keyOf(rule: readonly string[]): string {
  const k = rule.indexOf('-k');
  if (k >= 0) return rule[k + 1] ?? '';
  return rule.find((a) => a.startsWith('key='))?.slice(4) ?? '';
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
  serverDirs: readonly string[],
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
  for (const rule of auditRules(serverDirs, watched)) {
    await run('auditctl', rule);
    const key = keyOf(rule);
    if (!state.auditKeys.includes(key)) state.auditKeys.push(key);
    saveState(state);
  }
  return daemon;
}
