import type { SshSession } from './session.js';
import type { EvictionCounts } from './session-change.js';

/**
 * Which host a view looks at: omit `host` for every host, pass `{ host: undefined }` for the
 * anonymous host (events without a host name).
 *
 * @example
 * ```ts
 * const web1: HostFilter = { host: 'web1' };
 * ```
 */
export interface HostFilter {
  /** The host name, or `undefined` for the anonymous host. */
  readonly host?: string | undefined;
}

/**
 * How much state the tracker holds right now (memory is proportional to these numbers).
 *
 * @example
 * ```ts
 * const empty: TrackerSize = { pending: 0, open: 0, closing: 0, sources: 0, historyUsers: 0, historySessions: 0 };
 * ```
 */
export interface TrackerSize {
  /** Pre-auth connections. */
  readonly pending: number;
  /** Open sessions. */
  readonly open: number;
  /** Closed sessions still within their grace window. */
  readonly closing: number;
  /** Sources with recent failures counted. */
  readonly sources: number;
  /** Users with retained history. */
  readonly historyUsers: number;
  /** Closed sessions retained in the history. */
  readonly historySessions: number;
}

/**
 * Read-only views over the tracker state for detectors. Every call returns fresh copies;
 * nothing a caller does to them changes the tracker.
 *
 * @example
 * ```ts
 * function concurrent(views: SessionViews, user: string): boolean {
 *   return views.sessionsOfUser(user).length > 1;
 * }
 * ```
 */
export interface SessionViews {
  /**
   * Open sessions, oldest first.
   *
   * @param filter - Restrict to one host (see {@link HostFilter}); omit for all hosts.
   * @returns The open sessions.
   * @example
   * ```ts
   * views.openSessions({ host: 'web1' }).map((s) => s.user);
   * ```
   */
  openSessions(filter?: HostFilter): readonly SshSession[];
  /**
   * Open sessions of one user across all hosts (concurrency).
   *
   * @param user - The account name.
   * @returns The user's open sessions, oldest first.
   * @example
   * ```ts
   * views.sessionsOfUser('alice').map((s) => s.host);
   * ```
   */
  sessionsOfUser(user: string): readonly SshSession[];
  /**
   * Who was logged in at `time`: open sessions started by then, plus retained closed sessions
   * whose `[startTime, endTime]` contains it. Exact for times within the retained history.
   *
   * @param time - Epoch milliseconds.
   * @param filter - Restrict to one host; omit for all hosts.
   * @returns The sessions live at that time, by start time.
   * @example
   * ```ts
   * views.loggedInAt(Date.UTC(2024, 5, 1, 12)).map((s) => `${s.user}@${s.host}`);
   * ```
   */
  loggedInAt(time: number, filter?: HostFilter): readonly SshSession[];
  /**
   * Recently closed sessions of a user (the last `historyPerUser`, for the
   * `maxHistoryUsers` most recently active users).
   *
   * @param user - The account name.
   * @returns Closed sessions, oldest first.
   * @example
   * ```ts
   * views.recentSessions('alice').map((s) => s.durationMs);
   * ```
   */
  recentSessions(user: string): readonly SshSession[];
  /**
   * Eviction counts since the tracker was created (restored totals included).
   *
   * @returns The running totals.
   * @example
   * ```ts
   * views.evictions().pendingExpired;
   * ```
   */
  evictions(): EvictionCounts;
  /**
   * How much state is held.
   *
   * @returns Current sizes.
   * @example
   * ```ts
   * views.size().pending;
   * ```
   */
  size(): TrackerSize;
}
