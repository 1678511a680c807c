import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Everything one lab run created, written to `<lab dir>/state.json` as it goes, so that the
 * clean-up (in this process or in a later run after a crash) knows exactly what to undo.
 */
export interface LabState {
  readonly dir: string;
  /** Pid of the process that runs the lab. */
  readonly owner: number;
  /** Processes started by the lab, with a marker their command line must contain. */
  processes: { readonly pid: number; readonly marker: string; readonly what: string }[];
  netns: string[];
  users: string[];
  auditKeys: string[];
  /** Kernel audit settings before the run, restored afterwards. */
  auditBefore: { readonly enabled: number; readonly backlogLimit: number } | undefined;
  /** Paths outside the lab dir that the lab created (removed on clean-up). */
  createdPaths: string[];
}

/** A fresh state for a lab directory. */
export function newState(dir: string): LabState {
  return {
    dir,
    owner: process.pid,
    processes: [],
    netns: [],
    users: [],
    auditKeys: [],
    auditBefore: undefined,
    createdPaths: [],
  };
}

/** Persists the state (synchronously, so it is on disk before the next step). */
export function saveState(state: LabState): void {
  writeFileSync(join(state.dir, 'state.json'), `${JSON.stringify(state, null, 2)}\n`);
}

/** Reads a saved state, or undefined when absent or unreadable. */
export function loadState(dir: string): LabState | undefined {
  const file = join(dir, 'state.json');
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as LabState;
  } catch {
    return undefined;
  }
}
