import type { SshSession } from './session.js';

/**
 * Counts of tracker state dropped to keep memory bounded (all by event time, never wall clock).
 *
 * @example
 * ```ts
 * const counts: EvictionCounts = {
 *   pendingExpired: 3, pendingOverflow: 0, pendingSuperseded: 0,
 *   sessionsIdle: 0, sessionsOverflow: 0, sourcesOverflow: 0,
 * };
 * ```
 */
export interface EvictionCounts {
  /** Pre-auth connections with no line for `pendingTimeoutMs` (no disconnect was logged). */
  readonly pendingExpired: number;
  /** Pre-auth connections dropped, oldest first, because `maxPendingConnections` was reached. */
  readonly pendingOverflow: number;
  /** Pre-auth connections replaced by a new connection on the same monitor pid. */
  readonly pendingSuperseded: number;
  /** Open sessions with no line for `idleTimeoutMs` (reported as `evict` changes). */
  readonly sessionsIdle: number;
  /** Open sessions dropped, least recently active first, because `maxOpenSessions` was reached. */
  readonly sessionsOverflow: number;
  /** Per-source failure counters dropped, least recently used first (`maxTrackedSources`). */
  readonly sourcesOverflow: number;
}

/**
 * What a pushed event changed. Every session is reported by exactly one `open`, then any
 * number of `update`s, then at most one `close` (or `evict`); each carries a full copy of the
 * session, so consumers keep the latest per `session.id`.
 *
 * - `open`: authentication succeeded, or a post-auth line showed a session whose start was
 *   outside the logs (`partial.start`).
 * - `update`: the session gained a field, channel, privilege change or evidence line; also
 *   sent for lines that reach an already closed session within `closeGraceMs`, and by
 *   `flush()` for sessions still open at the end of input (`partial.end`).
 * - `close`: the first definitive end line (see {@link SshSession.endReason}).
 * - `evict`: an open session dropped from tracking by a cap or idle timeout (still `open`,
 *   `partial.end` true).
 * - `diagnostic`: counts of a host's evicted state since its previous diagnostic, with running totals.
 *
 * @example
 * ```ts
 * function label(change: SessionChange): string {
 *   return change.kind === 'diagnostic' ? change.code : `${change.kind} ${change.session.id}`;
 * }
 * ```
 */
export type SessionChange =
  | { readonly kind: 'open' | 'update' | 'close' | 'evict'; readonly session: SshSession }
  | {
      readonly kind: 'diagnostic';
      /** What happened. */
      readonly code: 'evicted';
      /** The host whose state was evicted (`undefined`: the anonymous host). */
      readonly host: string | undefined;
      /** The host's latest event time when it was reported. */
      readonly time: number;
      /** Evictions since the previous diagnostic. */
      readonly counts: EvictionCounts;
      /** Evictions since the tracker was created (or restored from a snapshot's totals). */
      readonly totals: EvictionCounts;
    };
