import type { Finding } from '../findings/finding.js';
import type { SshSession } from '../model/session.js';

/**
 * One case a {@link TriageSnapshot} holds open: its findings and what groups them.
 *
 * @example
 * ```ts
 * const open: TriageSnapshotCase = snapshot.cases[0];
 * console.log(open.findings.length, open.keys);
 * ```
 */
export interface TriageSnapshotCase {
  /** Creation order, which breaks ties between cases that start together. */
  readonly seq: number;
  /** The findings kept so far. */
  readonly findings: readonly Finding[];
  /** The grouping keys (actor, address, key fingerprint, session chain) it answers to. */
  readonly keys: readonly string[];
  /** Sessions of the chains its findings sit in, beyond the ones they cite. */
  readonly extraSessions: readonly string[];
  /** Sessions its findings cite. */
  readonly cited: readonly string[];
  /** Time of its first finding (epoch ms). */
  readonly first: number;
  /** Time of its latest finding (epoch ms). */
  readonly last: number;
}

/**
 * A streaming triage's state as plain JSON (see `Triage.snapshot`): open cases in order of
 * activity, the sessions and hops kept for context, and the counters. A triage created from it
 * groups later findings exactly as the one it was taken from would have.
 *
 * @example
 * ```ts
 * const saved = JSON.stringify(triage.snapshot());
 * const again = createTriage(options, JSON.parse(saved));
 * ```
 */
export interface TriageSnapshot {
  /** Format version. */
  readonly version: 1;
  /** Cases created so far. */
  readonly seq: number;
  /** Findings not kept because a case was full. */
  readonly dropped: number;
  /** Time of the latest finding (epoch ms), or `null` before the first. */
  readonly latest: number | null;
  /** Sessions kept for context, least recently updated first. */
  readonly sessions: readonly SshSession[];
  /** Sessions by the address they were logged into, for hop inference. */
  readonly byLocalIp: readonly (readonly [string, readonly string[]])[];
  /** Hops, as `[to, from]` session ids, oldest first. */
  readonly upstream: readonly (readonly [string, string])[];
  /** Open cases, least recently active first. */
  readonly cases: readonly TriageSnapshotCase[];
  /** Which open case (by `seq`) each grouping key points to. */
  readonly index: readonly (readonly [string, number])[];
}
