import type { Provenance } from '../../events/provenance.js';

/**
 * How the process tree learned about a process:
 * - `exec`: a `process.exec` event (its start is the exec time);
 * - `fork`: a fork/clone report (its start is the fork time);
 * - `observed`: another event of the process (socket, file, ptrace, environment), so it
 *   existed then but its start is unknown;
 * - `session`: an sshd process id of an {@link SshSession} (monitor or post-auth child).
 *
 * @example
 * ```ts
 * const origin: ProcessOrigin = 'exec';
 * ```
 */
export type ProcessOrigin = 'exec' | 'fork' | 'observed' | 'session';

/**
 * One incarnation of a process id on one host: pids are reused, so a host may hold several
 * records for one pid, told apart by time. Plain readonly JSON data.
 *
 * @example
 * ```ts
 * const shell: ProcessRecord = {
 *   host: 'bastion', pid: 4301, ppid: 4250, startTime: 1718035101000, startKnown: true,
 *   endTime: undefined, lastSeenTime: 1718035101000, uid: 1000, euid: 1000, auid: 1000, ses: 3,
 *   exe: '/usr/bin/bash', comm: 'bash', argv: ['-bash'], tty: 'pts/0', origin: 'exec',
 *   execCount: 1, sessionId: undefined, evidence: undefined,
 * };
 * ```
 */
export interface ProcessRecord {
  /** Host name, `undefined` for the anonymous host. */
  readonly host: string | undefined;
  /** Process id. */
  readonly pid: number;
  /** Parent process id, when known (the latest one seen: orphans are re-parented). */
  readonly ppid: number | undefined;
  /** When this incarnation started (exec/fork time), or when it was first seen. */
  readonly startTime: number;
  /** True when `startTime` is the real start (exec, fork, session start), not a first sighting. */
  readonly startKnown: boolean;
  /** When it ended (exit, or its pid was reused by another process), when known. */
  readonly endTime: number | undefined;
  /** Time of the latest event of this process. */
  readonly lastSeenTime: number;
  /** Real uid (latest seen). */
  readonly uid: number | undefined;
  /** Effective uid (latest seen). */
  readonly euid: number | undefined;
  /** Audit login uid. */
  readonly auid: number | undefined;
  /** Audit session id. */
  readonly ses: number | undefined;
  /** Executable path of the latest image. */
  readonly exe: string | undefined;
  /** Command name (`comm`). */
  readonly comm: string | undefined;
  /** Arguments of the latest exec, when one was seen. */
  readonly argv: readonly string[] | undefined;
  /** Controlling terminal, normalized to `pts/N` form. */
  readonly tty: string | undefined;
  /** How it was learned. */
  readonly origin: ProcessOrigin;
  /** Number of exec events seen in this incarnation (a shell's `exec` keeps the pid). */
  readonly execCount: number;
  /** The SSH session id this process was anchored to (sshd monitor and child pids only). */
  readonly sessionId: string | undefined;
  /** The line of the latest exec, when one was seen. */
  readonly evidence: Provenance | undefined;
}
