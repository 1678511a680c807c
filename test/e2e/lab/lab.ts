import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type ActivityFacts, runActivity, type TimelineEntry } from './activity.js';
import { pidsInAuthLog, type SplitStats, splitAudit } from './audit-split.js';
import { rawAuditLogPath, startAuditd } from './auditd.js';
import {
  acquireLabLock,
  cleanupLeftovers,
  cleanupOnExit,
  cleanupState,
  deleteAuditRules,
  LAB_LOCK,
  LAB_PARENT_DIR,
  releaseLabLock,
} from './cleanup.js';
import { LAB_PREFIX, WRONG_PASSWORDS } from './config.js';
import { type Daemon, killQuietly, run, sleep } from './exec.js';
import { createHosts, hostDir, type LabHost } from './hosts.js';
import { createNetwork } from './namespaces.js';
import { authLogPath, startRsyslog } from './rsyslog.js';
import { sshdConfigPath, startSshd } from './sshd.js';
import { type LabState, newState, saveState } from './state.js';
import { createUsers, type LabKeys, provisionHomes } from './users.js';

/** Everything a finished run produced. */
export interface LabRun {
  /** The lab directory (removed by {@link LabHandle.cleanup}). */
  readonly dir: string;
  /** Per server host: its auth log. */
  readonly authLogs: Readonly<Record<string, string>>;
  /** The node-tagged audit log of the server hosts. */
  readonly auditLog: string;
  readonly auditSplit: SplitStats;
  readonly timeline: readonly TimelineEntry[];
  readonly facts: ActivityFacts;
  readonly keys: LabKeys;
  /** uid of each lab user. */
  readonly uids: Readonly<Record<string, number>>;
  /** How many wrong passwords the brute force tried. */
  readonly wrongPasswords: number;
  /** OpenSSH version (`ssh -V`). */
  readonly openssh: string;
  readonly started: number;
  readonly ended: number;
}

/** A started lab: its result and its clean-up. */
export interface LabHandle {
  readonly state: LabState;
  /** Runs the whole lab: build, activity, collection. */
  run(): Promise<LabRun>;
  /** Removes everything (idempotent). */
  cleanup(): void;
}

/**
 * Prepares a lab: waits for the lab lock (one lab per machine: names are fixed), removes
 * leftovers of crashed runs, makes its directory, arms clean-up.
 */
export async function prepareLab(waitMs = 150_000): Promise<LabHandle> {
  if (!(await acquireLabLock(waitMs))) {
    throw new Error(`another SSH lab held ${LAB_LOCK} for more than ${waitMs} ms`);
  }
  cleanupLeftovers();
  const dir = mkdtempSync(join(LAB_PARENT_DIR, `${LAB_PREFIX}-`));
  const state = newState(dir);
  saveState(state);
  const disarm = cleanupOnExit(state);
  return {
    state,
    run: () => runLab(state),
    cleanup: () => {
      disarm();
      cleanupState(state);
      releaseLabLock();
    },
  };
}

async function runLab(state: LabState): Promise<LabRun> {
  const started = Date.now();
  await createNetwork(state);
  const accounts = await createUsers(state);
  const hosts = await createHosts(state);
  const keys = await provisionHomes(state.dir, accounts);
  const servers = [...hosts.values()].filter((h) => h.spec.role === 'server');
  const watched = servers.flatMap((h) => [
    ...['alice', 'bob'].map((u) => ({
      path: join(hostDir(state.dir, h.spec.name), 'home', u, '.ssh'),
      key: 'sshtrail_ssh_keys',
    })),
    { path: sshdConfigPath(h), key: 'sshtrail_ssh_config' },
  ]);
  const auditd = await startAuditd(
    state,
    servers.map((h) => h.dir),
    watched,
  );
  const daemons: { host: LabHost; rsyslog: Daemon; sshd: Daemon }[] = [];
  for (const host of servers) {
    const rsyslog = await startRsyslog(state, host);
    const sshd = await startSshd(state, host);
    daemons.push({ host, rsyslog, sshd });
  }
  const { timeline, facts } = await runActivity(state, hosts);
  await sleep(2500);

  // Stop in order: rules off, sshd, rsyslog (flushes), auditd (flushes).
  deleteAuditRules();
  for (const d of daemons) killQuietly(d.sshd.pid);
  await Promise.all(daemons.map((d) => d.sshd.exited));
  await sleep(300);
  for (const d of daemons) killQuietly(d.rsyslog.pid);
  await Promise.all(daemons.map((d) => d.rsyslog.exited));
  killQuietly(auditd.pid);
  await auditd.exited;

  const out = join(state.dir, 'out');
  mkdirSync(out, { recursive: true });
  const authLogs: Record<string, string> = {};
  const seeds = new Map<string, number[]>();
  for (const d of daemons) {
    const text = readFileSync(authLogPath(d.host), 'utf8');
    const file = join(out, `${d.host.spec.name}.auth.log`);
    writeFileSync(file, text);
    authLogs[d.host.spec.name] = file;
    seeds.set(d.host.spec.name, [d.host.anchor, d.sshd.pid, d.rsyslog.pid, ...pidsInAuthLog(text)]);
  }
  const split = splitAudit(readFileSync(rawAuditLogPath(state.dir), 'utf8'), seeds);
  const auditLog = join(out, 'audit.log');
  writeFileSync(auditLog, split.text);
  const uids: Record<string, number> = {};
  for (const [name, a] of accounts) uids[name] = a.uid;
  return {
    dir: state.dir,
    authLogs,
    auditLog,
    auditSplit: split.stats,
    timeline,
    facts,
    keys,
    uids,
    wrongPasswords: WRONG_PASSWORDS.length,
    openssh: (await run('ssh', ['-V'])).stderr.trim(),
    started,
    ended: Date.now(),
  };
}
