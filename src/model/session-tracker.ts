import type { SshtrailEvent } from '../events/index.js';
import { allHistory, historyOf } from './closed-history.js';
import { enqueue, queuedDrafts, queueSize } from './draft-queue.js';
import { pidEntries, pidSet } from './pid-index.js';
import type { SshSession } from './session.js';
import type { EvictionCounts, SessionChange } from './session-change.js';
import { type SessionDraft, toSession } from './session-draft.js';
import type { HostFilter, SessionViews, TrackerSize } from './session-views.js';
import { setSource, sourceEntries } from './source-table.js';
import {
  createCore,
  type HostState,
  hostState,
  type IndexKind,
  report,
  reportUpdate,
  sweep,
  type TrackerCore,
} from './tracker-core.js';
import { applyEvent } from './tracker-events.js';
import { resolveTrackerOptions, type SessionTrackerOptions } from './tracker-options.js';
import { tickEvidence } from './young-evidence.js';

/**
 * The tracker's whole state as plain JSON (`JSON.stringify` it to checkpoint). Its `state` is
 * opaque and versioned: only {@link restoreSessionTracker} reads it.
 *
 * @example
 * ```ts
 * const saved: string = JSON.stringify(tracker.snapshot());
 * ```
 */
export interface SessionTrackerSnapshot {
  /** Marks the object as a session tracker snapshot. */
  readonly format: 'sshtrail.session-tracker';
  /** Layout version of `state`. */
  readonly version: 1;
  /** The serialized state (opaque). */
  readonly state: unknown;
}

/**
 * The sessionizer: feed it events in time order (any number of hosts, interleaved) and it
 * reports sessions opening, changing and closing. Also the {@link SessionViews} detectors read.
 *
 * @example
 * ```ts
 * const tracker = createSessionTracker();
 * for (const event of events) {
 *   for (const change of tracker.push(event)) if (change.kind === 'close') save(change.session);
 * }
 * tracker.flush();
 * ```
 */
export interface SessionTracker extends SessionViews {
  /**
   * Applies one event.
   *
   * @param event - The next event (events must come in time order).
   * @returns What changed (often nothing).
   * @example
   * ```ts
   * const changes = tracker.push(event);
   * ```
   */
  push(event: SshtrailEvent): readonly SessionChange[];
  /**
   * Declares the end of input: every open session is reported (as an `update` with
   * `partial.end` true) and stays open, and pending eviction counts are reported.
   * Pushing more events afterwards is allowed.
   *
   * @returns The reports.
   * @example
   * ```ts
   * const stillOpen = tracker.flush().filter((c) => c.kind === 'update');
   * ```
   */
  flush(): readonly SessionChange[];
  /**
   * The whole state as plain JSON, detached from the tracker.
   *
   * @returns A snapshot for {@link restoreSessionTracker}.
   * @example
   * ```ts
   * const saved = JSON.stringify(tracker.snapshot());
   * ```
   */
  snapshot(): SessionTrackerSnapshot;
}

interface SerializedHost {
  readonly host: string | null;
  readonly now: number;
  readonly lastSweep: number;
  readonly listener: number | null;
  readonly pending: readonly SessionDraft[];
  readonly open: readonly SessionDraft[];
  readonly closing: readonly SessionDraft[];
  readonly sources: readonly (readonly [string, readonly number[]])[];
  /** Index entries: kind, key, draft seq. */
  readonly index: readonly (readonly [IndexKind, number | string, number])[];
  readonly since: EvictionCounts;
}

interface SerializedState {
  readonly seq: number;
  readonly hosts: readonly SerializedHost[];
  readonly history: readonly (readonly [string, readonly SshSession[]])[];
  readonly totals: EvictionCounts;
}

/**
 * Creates an empty session tracker: the sessionizer that turns sshd, PAM, logind, sudo and su
 * events (in time order, any hosts interleaved) into {@link SshSession}s.
 *
 * Rules, per host (`host` undefined is one anonymous host):
 * - **Linking.** Monitor (P1) lines (`Connection from`, `Failed`/`Accepted`, pam, `User child is
 *   on pid`, `[preauth]` lines, which carry P1 in all three process models: `sshd` up to 9.7,
 *   `sshd-session` 9.8/9.9, `sshd-session` + `sshd-auth` 10.0+) are keyed by pid. Post-auth (P2)
 *   lines are found by the child pid from `User child is on pid` (VERBOSE), else by the
 *   session's (source ip, source port) and user (INFO), which also learns the child pid.
 *   9.8+ listener lines that name P1 (`pid = N`) find it by that pid. Peers are compared on
 *   the parsed right-hand `from <ip> port <n>`, never on user-controlled text.
 * - **Open.** `Accepted` opens a session. A post-auth line with no known session
 *   (`Starting`/`Close session`, `Disconnected from user U`, pam `session opened/closed` on an
 *   unknown pid) opens one with `partial.start`.
 * - **End.** The first definitive end line closes the session: a P2 disconnect
 *   (`Received disconnect`, `Disconnected from user`, `Connection closed by`, timeouts), a
 *   listener `session process N ... killed`, pam `session closed` on P1, or logind
 *   `logged out`/`Removed` of the linked logind session. Later lines of the same session within
 *   `closeGraceMs` (pam, logind, `Transferred`) are attached and reported as `update`s; the end
 *   time and reason stay those of the first line. `Close session` ends a channel only.
 * - **Pid reuse.** A new `Connection from` or `Accepted` on the pid of an open session ends it
 *   (`pid_reused`, `partial.end`, end time = its last line); on the pid of a pre-auth
 *   connection it replaces it.
 * - **Failures.** See {@link SshSession.failedAttempts}: the larger of the failures on the
 *   connection and those from the same source IP on the host within `failureWindowMs`
 *   (`Failed` lines other than method `none`, times their repeat count).
 * - **logind.** `New session N of user U` links to the newest open session of U on the host
 *   authenticated at most `logindWindowMs` before (and whose monitor pid is the `LEADER`,
 *   when journald gave it).
 * - **sudo/su** (and `pam_unix(su:session): session opened ... by U`) attach to the open
 *   session on the same tty, else to the only open session of the invoking user on the host,
 *   else to nothing.
 * - **Memory.** Pre-auth state is dropped at its disconnect, after `pendingTimeoutMs`, or
 *   beyond `maxPendingConnections`; open sessions after `idleTimeoutMs` or beyond
 *   `maxOpenSessions`; all counted in `diagnostic` changes. Hosts are independent: caps and
 *   timeouts run on each host's own event clock.
 *
 * @param options - Caps and timeouts (see {@link SessionTrackerOptions}).
 * @returns A tracker.
 * @throws RangeError when an option is not a positive integer.
 * @example
 * ```ts
 * const tracker = createSessionTracker({ maxPendingConnections: 50_000 });
 * const changes = tracker.push(event);
 * ```
 */
export function createSessionTracker(options?: SessionTrackerOptions): SessionTracker {
  return trackerOver(createCore(resolveTrackerOptions(options)));
}

/**
 * Rebuilds a tracker from a snapshot (possibly after a JSON round trip): feeding the rest of
 * the events to it gives the same changes as one uninterrupted run.
 *
 * @param snapshot - What {@link SessionTracker.snapshot} returned.
 * @param options - The options of the original tracker (they are not part of the snapshot).
 * @returns The restored tracker.
 * @throws TypeError when `snapshot` is not a version-1 session tracker snapshot.
 * @example
 * ```ts
 * const tracker = restoreSessionTracker(JSON.parse(saved), { maxOpenSessions: 5_000 });
 * ```
 */
export function restoreSessionTracker(
  snapshot: SessionTrackerSnapshot,
  options?: SessionTrackerOptions,
): SessionTracker {
  if (
    typeof snapshot !== 'object' ||
    snapshot === null ||
    snapshot.format !== 'sshtrail.session-tracker' ||
    snapshot.version !== 1 ||
    typeof snapshot.state !== 'object' ||
    snapshot.state === null
  ) {
    throw new TypeError('not a version 1 session tracker snapshot');
  }
  const state = snapshot.state as SerializedState;
  const core = createCore(resolveTrackerOptions(options));
  core.seq = state.seq;
  core.settledSeq = state.seq;
  core.settlingSeq = state.seq;
  const bySeq = new Map<number, SessionDraft>();
  for (const saved of state.hosts) {
    const host = hostState(core, saved.host ?? undefined, saved.now);
    host.now = saved.now;
    host.lastSweep = saved.lastSweep;
    host.listener = saved.listener ?? undefined;
    Object.assign(host.since, saved.since);
    for (const draft of saved.pending) {
      enqueue(host.pending, draft);
      bySeq.set(draft.seq, draft);
    }
    for (const [target, drafts] of [
      [host.open, saved.open],
      [host.closing, saved.closing],
    ] as const) {
      for (const draft of drafts) {
        target.set(draft.seq, draft);
        bySeq.set(draft.seq, draft);
      }
    }
    for (const [key, buckets] of saved.sources) setSource(host.sources, key, buckets.slice());
    for (const [kind, key, seq] of saved.index) {
      const draft = bySeq.get(seq);
      if (draft === undefined) continue;
      if (kind === 'm') pidSet(host.byMonitor, key as number, draft);
      else indexOf(host, kind).set(key, draft);
    }
  }
  for (const [user, sessions] of state.history) core.history.set(user, sessions.slice());
  Object.assign(core.totals, state.totals);
  return trackerOver(core);
}

const INDEX_KINDS: readonly IndexKind[] = ['m', 'c', 'p', 'l'];

function indexOf(
  host: HostState,
  kind: Exclude<IndexKind, 'm'>,
): Map<number | string, SessionDraft> {
  const map = kind === 'c' ? host.byChild : kind === 'p' ? host.byPeer : host.byLogind;
  return map as Map<number | string, SessionDraft>;
}

function indexEntries(host: HostState, kind: IndexKind): [number | string, SessionDraft][] {
  return kind === 'm' ? pidEntries(host.byMonitor) : [...indexOf(host, kind)];
}

const NO_CHANGES: readonly SessionChange[] = Object.freeze([]);

const cores = new WeakMap<SessionTracker, TrackerCore>();

/**
 * @internal Tells the tracker whether anyone reads `update` changes: while `wanted` says no,
 * it may leave them out (see `reportUpdate`; the history copies closed sessions when read).
 * The analyzer's `detect: false` runs with no `session:update` listener copied about eight
 * sessions per session otherwise.
 */
export function reportUpdatesWhen(tracker: SessionTracker, wanted: () => boolean): void {
  const core = cores.get(tracker);
  if (core !== undefined) core.wantsUpdates = wanted;
}

function trackerOver(core: TrackerCore): SessionTracker {
  const tracker = trackerApi(core);
  cores.set(tracker, core);
  return tracker;
}

function trackerApi(core: TrackerCore): SessionTracker {
  let scratch: SessionChange[] = [];
  function* openDrafts(filter?: HostFilter): Generator<SessionDraft> {
    if (filter !== undefined && 'host' in filter) {
      const host = core.hosts.get(filter.host);
      if (host !== undefined) yield* host.open.values();
      return;
    }
    for (const host of core.hosts.values()) yield* host.open.values();
  }
  return {
    push(event) {
      // Most events (pre-auth noise, brute force) change no session: reuse one scratch
      // list and return the shared empty one, instead of a fresh array per event.
      const out = scratch;
      // Setting `length` is a runtime call: only when a throwing push left something behind.
      if (out.length !== 0) out.length = 0;
      // Read once: `time` off events of a dozen shapes boxes a new number at every read.
      const time = event.time;
      sweep(core, hostState(core, event.host, time), time, out);
      tickEvidence(core);
      applyEvent(core, event, out);
      if (out.length === 0) return NO_CHANGES;
      // Hand the list over and start a new one: no copy, and no `length` reset.
      scratch = [];
      return out;
    },
    flush() {
      const out: SessionChange[] = [];
      for (const host of core.hosts.values()) {
        for (const draft of host.open.values()) {
          draft.partialEnd = true;
          reportUpdate(core, draft, out);
        }
        report(core, host, out);
      }
      return out;
    },
    snapshot() {
      const hosts: SerializedHost[] = [...core.hosts.values()].map((host) => ({
        host: host.host ?? null,
        now: host.now,
        lastSweep: host.lastSweep,
        listener: host.listener ?? null,
        pending: queuedDrafts(host.pending),
        open: [...host.open.values()],
        closing: [...host.closing.values()],
        sources: sourceEntries(host.sources),
        index: INDEX_KINDS.flatMap((kind) =>
          indexEntries(host, kind).map(([key, draft]) => [kind, key, draft.seq] as const),
        ),
        since: host.since,
      }));
      const state: SerializedState = {
        seq: core.seq,
        hosts,
        history: allHistory(core),
        totals: core.totals,
      };
      return {
        format: 'sshtrail.session-tracker',
        version: 1,
        state: JSON.parse(JSON.stringify(state)) as unknown,
      };
    },
    openSessions(filter) {
      return byStart([...openDrafts(filter)].map(toSession));
    },
    sessionsOfUser(user) {
      const sessions: SshSession[] = [];
      for (const draft of openDrafts()) {
        if (draft.user === user) sessions.push(toSession(draft));
      }
      return byStart(sessions);
    },
    loggedInAt(time, filter) {
      const sessions: SshSession[] = [];
      for (const draft of openDrafts(filter)) {
        if (draft.startTime <= time) sessions.push(toSession(draft));
      }
      for (const [, list] of allHistory(core)) {
        for (const session of list) {
          if (
            session.startTime <= time &&
            time <= (session.endTime ?? session.lastSeenTime) &&
            matches(session.host, filter)
          ) {
            sessions.push(session);
          }
        }
      }
      return byStart(sessions);
    },
    recentSessions(user) {
      return (historyOf(core, user) ?? []).slice();
    },
    evictions() {
      return { ...core.totals };
    },
    size(): TrackerSize {
      let historySessions = 0;
      for (const list of core.history.values()) historySessions += list.length;
      let pending = 0;
      let open = 0;
      let closing = 0;
      let sources = 0;
      for (const host of core.hosts.values()) {
        pending += queueSize(host.pending);
        open += host.open.size;
        closing += host.closing.size;
        sources += host.sources.byKey.size;
      }
      return {
        pending,
        open,
        closing,
        sources,
        historyUsers: core.history.size,
        historySessions,
      };
    },
  };
}

function matches(
  host: string | undefined,
  filter: { readonly host?: string | undefined } | undefined,
): boolean {
  if (filter === undefined || !('host' in filter)) return true;
  return host === filter.host;
}

function byStart(sessions: SshSession[]): readonly SshSession[] {
  return sessions.sort(
    (a, b) => a.startTime - b.startTime || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}
