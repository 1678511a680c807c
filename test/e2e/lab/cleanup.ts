import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LAB_PREFIX } from './config.js';
import { type LabState, loadState } from './state.js';

/** Where lab directories live (not /tmp: each lab host mounts its own /tmp). */
export const LAB_PARENT_DIR = '/var/tmp';

/** Runs a command synchronously, returning its stdout, or undefined when it fails. */
function tryRun(cmd: string, args: readonly string[]): string | undefined {
  try {
    return execFileSync(cmd, args, {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      timeout: 15_000,
    });
  } catch {
    return undefined;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    // gone already
  }
}

function cmdline(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    return '';
  }
}

function waitGone(pids: readonly number[], ms: number): void {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline && pids.some(alive)) {
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
  }
}

/** Process ids inside a network namespace (all of them were started by the lab). */
function netnsPids(name: string): number[] {
  const out = tryRun('ip', ['netns', 'pids', name]) ?? '';
  return out
    .split('\n')
    .map((s) => Number(s.trim()))
    .filter((n) => Number.isInteger(n) && n > 1 && n !== process.pid);
}

/** Names of the lab's network namespaces that exist now. */
export function labNetns(): string[] {
  const out = tryRun('ip', ['netns', 'list']) ?? '';
  return out
    .split('\n')
    .map((l) => l.split(' ')[0] ?? '')
    .filter((n) => n.startsWith(`${LAB_PREFIX}-`));
}

/** Accounts created by a lab (their GECOS field is the lab prefix). */
export function labUsers(): string[] {
  const out = tryRun('getent', ['passwd']) ?? '';
  return out
    .split('\n')
    .map((l) => l.split(':'))
    .filter((f) => f[4] === LAB_PREFIX)
    .map((f) => f[0] ?? '')
    .filter((n) => n !== '');
}

/** Deletes the lab's audit rules, by key only (keys starting `sshtrail_`; other rules are kept). */
export function deleteAuditRules(): void {
  const rules = tryRun('auditctl', ['-l']) ?? '';
  const keys = new Set<string>();
  for (const m of rules.matchAll(/(?:key=|-k )(sshtrail_[A-Za-z0-9_]+)/g))
    if (m[1] !== undefined) keys.add(m[1]);
  for (const key of keys) tryRun('auditctl', ['-D', '-k', key]);
}

/**
 * Undoes everything a lab state records: audit rules (by key), processes (by pid, only when
 * their command line still carries the lab's marker, plus every process inside the lab's
 * network namespaces), namespaces, users, created paths and the lab directory. Synchronous, so
 * it also works from a process 'exit' handler; idempotent.
 */
export function cleanupState(state: LabState, options: { readonly keepDir?: boolean } = {}): void {
  deleteAuditRules();
  const pids: number[] = [];
  for (const p of state.processes) {
    if (alive(p.pid) && cmdline(p.pid).includes(p.marker)) pids.push(p.pid);
  }
  for (const ns of state.netns) pids.push(...netnsPids(ns));
  for (const pid of pids) signal(pid, 'SIGTERM');
  waitGone(pids, 3000);
  for (const pid of pids) if (alive(pid)) signal(pid, 'SIGKILL');
  waitGone(pids, 2000);
  if (state.auditBefore !== undefined) {
    tryRun('auditctl', ['-b', String(state.auditBefore.backlogLimit)]);
    tryRun('auditctl', ['-e', String(state.auditBefore.enabled)]);
  }
  for (const ns of state.netns) tryRun('ip', ['netns', 'del', ns]);
  const ours = new Set(labUsers());
  for (const user of state.users) if (ours.has(user)) tryRun('userdel', [user]);
  for (const path of state.createdPaths) rmSync(path, { recursive: true, force: true });
  if (!options.keepDir) rmSync(state.dir, { recursive: true, force: true });
}

/** The machine-wide lock that lets one lab run at a time (the lab uses fixed names). */
export const LAB_LOCK = join(LAB_PARENT_DIR, `${LAB_PREFIX}.lock`);

function lockOwner(): number | undefined {
  try {
    const pid = Number(readFileSync(LAB_LOCK, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Takes the lab lock, waiting while another live lab holds it; a lock whose holder is dead is
 * taken over. Returns false when the wait timed out.
 */
export async function acquireLabLock(timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      writeFileSync(LAB_LOCK, `${process.pid}\n`, { flag: 'wx' });
      return true;
    } catch {
      const owner = lockOwner();
      if (owner === process.pid) return true;
      if (owner === undefined || !alive(owner)) {
        rmSync(LAB_LOCK, { force: true });
        continue;
      }
    }
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

/** Releases the lab lock when this process holds it. */
export function releaseLabLock(): void {
  if (lockOwner() === process.pid) rmSync(LAB_LOCK, { force: true });
}

/**
 * Removes what a crashed earlier run left: its recorded state, then anything still carrying
 * the lab prefix (namespaces and the processes in them, lab accounts, audit rules by key).
 */
export function cleanupLeftovers(): void {
  for (const name of readdirSync(LAB_PARENT_DIR)) {
    if (!name.startsWith(`${LAB_PREFIX}-`)) continue;
    const dir = join(LAB_PARENT_DIR, name);
    const state = loadState(dir);
    // A lab whose owner still runs is not a leftover (only possible without the lock).
    if (state !== undefined && state.owner !== process.pid && alive(state.owner)) return;
    if (state !== undefined) cleanupState(state);
    else if (existsSync(dir)) rmSync(dir, { recursive: true, force: true });
  }
  deleteAuditRules();
  for (const ns of labNetns()) {
    const pids = netnsPids(ns);
    for (const pid of pids) signal(pid, 'SIGKILL');
    waitGone(pids, 2000);
    tryRun('ip', ['netns', 'del', ns]);
  }
  for (const user of labUsers()) tryRun('userdel', [user]);
}

/**
 * Makes sure `state` is cleaned up when the process exits or is interrupted, even when the test
 * framework's own hooks do not run. Returns a function that removes the handlers.
 */
export function cleanupOnExit(state: LabState): () => void {
  let done = false;
  const once = (): void => {
    if (done) return;
    done = true;
    cleanupState(state);
    releaseLabLock();
  };
  const onSignal = (sig: NodeJS.Signals): void => {
    once();
    process.exit(sig === 'SIGINT' ? 130 : 143);
  };
  process.on('exit', once);
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  return () => {
    done = true;
    process.off('exit', once);
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  };
}
