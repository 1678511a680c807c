import type { EventBase } from '../events/base.js';
import { type HistoryEntry, remember, replaceClosed, settleClosed } from './closed-history.js';
import {
  type DraftQueue,
  dequeue,
  dequeueWhere,
  enqueue,
  newDraftQueue,
  oldestQueued,
  queueSize,
} from './draft-queue.js';
import { newPidIndex, type PidIndex, pidGet, pidRelease, pidSet } from './pid-index.js';
import type { SshSession } from './session.js';
import type { EvictionCounts, SessionChange } from './session-change.js';
import { newDraft, type SessionDraft, sessionIdOf, toSession, touch } from './session-draft.js';
import {
  dropSource,
  newSourceTable,
  type SourceTable,
  sourceBuckets,
  touchSource,
} from './source-table.js';
import type { ResolvedTrackerOptions } from './tracker-options.js';
import { ageDraft, isYoung } from './young-evidence.js';

/** @internal Mutable eviction counters. */
export type MutableCounts = { -readonly [K in keyof EvictionCounts]: number };

/** @internal Index kinds: monitor pid, child pid, peer (ip/name + port), logind id. */
export type IndexKind = 'm' | 'c' | 'p' | 'l';

/** @internal A host's key: its name, or `undefined` for the anonymous host. */
export type HostKey = string | undefined;

/**
 * @internal The state of one host. Hosts are independent: caps, timeouts and sweeps apply per
 * host, on that host's own event clock, so interleaving other hosts' events changes nothing.
 * Maps keep insertion order, which the caps and sweeps rely on (`pending`, a queue: creation
 * order; `open`, `sources`: least recently used first; `closing`: close order), and snapshots keep it.
 * The indexes point at the latest draft registered for a key.
 */
export interface HostState {
  readonly host: HostKey;
  /** Latest event time seen for this host. */
  now: number;
  lastSweep: number;
  listener: number | undefined;
  readonly pending: DraftQueue;
  readonly open: Map<number, SessionDraft>;
  readonly closing: Map<number, SessionDraft>;
  readonly byMonitor: PidIndex;
  readonly byChild: Map<number, SessionDraft>;
  /** `<ip or name> <port>` -> draft (open or closing sessions only). */
  readonly byPeer: Map<string, SessionDraft>;
  readonly byLogind: Map<string, SessionDraft>;
  /** ip-or-name -> flat `[bucketStart, count, ...]`. */
  readonly sources: SourceTable;
  /**
   * The draft `open` had set last, when it is still its last entry (or `undefined`): a session's
   * lines mostly come in a row, and moving the last entry is a no-op whose delete leaves a
   * deleted slot; those fill the table and make the `Map` reallocate it every few lines.
   */
  lastOpen: SessionDraft | undefined;
  /** Evictions since this host's previous diagnostic. */
  readonly since: MutableCounts;
}

/** @internal The whole tracker state. */
export interface TrackerCore {
  readonly options: ResolvedTrackerOptions;
  seq: number;
  readonly hosts: Map<HostKey, HostState>;
  /** user (or `''`) -> recent closed sessions, oldest first; least recently closed user first. */
  readonly history: Map<string, HistoryEntry[]>;
  readonly totals: MutableCounts;
  /** The host looked up last: consecutive lookups are mostly for the same host. */
  last: HostState | undefined;
  /** Drafts numbered above this are young (`isYoung`). */
  settledSeq: number;
  /** The last draft number at the latest settlement: the next `settledSeq`. */
  settlingSeq: number;
  /** Events since the last settlement of young evidence. */
  sinceSettle: number;
  /** Whether anyone reads `update` changes now (see {@link reportUpdate}). */
  wantsUpdates: () => boolean;
}

/** @internal The state of a host, created on first use. */
export function hostState(core: TrackerCore, host: HostKey, time: number): HostState {
  const last = core.last;
  if (last !== undefined && last.host === host) return last;
  let state = core.hosts.get(host);
  if (state === undefined) {
    state = {
      host,
      now: time,
      lastSweep: time,
      listener: undefined,
      pending: newDraftQueue(),
      open: new Map(),
      closing: new Map(),
      byMonitor: newPidIndex(),
      byChild: new Map(),
      byPeer: new Map(),
      byLogind: new Map(),
      sources: newSourceTable(),
      lastOpen: undefined,
      since: zeroCounts(),
    };
    core.hosts.set(host, state);
  }
  core.last = state;
  return state;
}

/** @internal The state of a host, if it has any (no creation). */
export function findHost(core: TrackerCore, host: HostKey): HostState | undefined {
  const last = core.last;
  return last !== undefined && last.host === host ? last : core.hosts.get(host);
}

/** @internal The host state of a draft (it always exists once a draft does). */
export function hostOf(core: TrackerCore, draft: SessionDraft): HostState {
  return hostState(core, draft.host, draft.startTime);
}

/** @internal Fresh zero counts. */
export function zeroCounts(): MutableCounts {
  return {
    pendingExpired: 0,
    pendingOverflow: 0,
    pendingSuperseded: 0,
    sessionsIdle: 0,
    sessionsOverflow: 0,
    sourcesOverflow: 0,
  };
}

/** @internal An empty core. */
export function createCore(options: ResolvedTrackerOptions): TrackerCore {
  return {
    options,
    seq: 0,
    hosts: new Map(),
    history: new Map(),
    totals: zeroCounts(),
    last: undefined,
    settledSeq: 0,
    settlingSeq: 0,
    sinceSettle: 0,
    wantsUpdates: always,
  };
}

const always = (): boolean => true;

/**
 * @internal Reports an `update` of an open session. Its copy is skipped when nobody reads
 * updates, but only as the first change of its batch: then no listener runs between this
 * decision and its delivery, so none can subscribe in between and miss it.
 */
export function reportUpdate(core: TrackerCore, draft: SessionDraft, out: SessionChange[]): void {
  if (out.length === 0 && !core.wantsUpdates()) return;
  out.push({ kind: 'update', session: toSession(draft) });
}

/** @internal The peer index key, when both address and port are known. */
export function peerKey(address: string | undefined, port: number | undefined): string | undefined {
  return address === undefined || port === undefined ? undefined : `${address} ${port}`;
}

/** @internal Points the draft's index entry of one kind at it (the latest registration wins). */
export function register(core: TrackerCore, kind: IndexKind, draft: SessionDraft): void {
  const host = hostOf(core, draft);
  switch (kind) {
    case 'm':
      if (draft.monitorPid !== undefined) pidSet(host.byMonitor, draft.monitorPid, draft);
      return;
    case 'c':
      if (draft.childPid !== undefined) host.byChild.set(draft.childPid, draft);
      return;
    case 'p': {
      const key = peerKey(draft.sourceIp ?? draft.sourceName, draft.sourcePort);
      if (key !== undefined) host.byPeer.set(key, draft);
      return;
    }
    case 'l':
      if (draft.logindSessionId !== undefined) host.byLogind.set(draft.logindSessionId, draft);
      return;
  }
}

const KINDS: readonly IndexKind[] = ['m', 'c', 'p', 'l'];

/** @internal Removes every index entry that still points at the draft. */
export function unregister(core: TrackerCore, draft: SessionDraft): void {
  const host = hostOf(core, draft);
  pidRelease(host.byMonitor, draft.monitorPid, draft);
  release(host.byChild, draft.childPid, draft);
  // Only opened drafts are in the peer index (openSession): pre-auth ones, dropped by the
  // thousand in a brute force, skip building the key string.
  if (draft.phase !== 'pending') {
    release(host.byPeer, peerKey(draft.sourceIp ?? draft.sourceName, draft.sourcePort), draft);
  }
  release(host.byLogind, draft.logindSessionId, draft);
}

function release<K>(map: Map<K, SessionDraft>, key: K | undefined, draft: SessionDraft): void {
  if (key !== undefined && map.get(key) === draft) map.delete(key);
}

/** @internal Looks a pid up in the monitor or child index of a host. */
export function byPid(
  core: TrackerCore,
  host: HostKey,
  kind: 'm' | 'c',
  pid: number | undefined,
): SessionDraft | undefined {
  if (pid === undefined) return undefined;
  const state = findHost(core, host);
  if (state === undefined) return undefined;
  return kind === 'm' ? pidGet(state.byMonitor, pid) : state.byChild.get(pid);
}

/** @internal Starts a pre-auth connection draft (enforcing `maxPendingConnections`). */
export function startPending(core: TrackerCore, event: EventBase): SessionDraft {
  core.seq += 1;
  const draft = newDraft(core.seq, event, 'pending');
  const host = hostOf(core, draft);
  draft.monitorPid = event.pid;
  draft.listenerPid = host.listener;
  enqueue(host.pending, draft);
  register(core, 'm', draft);
  while (queueSize(host.pending) > core.options.maxPendingConnections) {
    const oldest = oldestQueued(host.pending);
    if (oldest === undefined) break;
    dropPending(core, oldest);
    count(core, host, 'pendingOverflow');
  }
  return draft;
}

/** @internal Forgets a pre-auth connection. */
export function dropPending(core: TrackerCore, draft: SessionDraft): void {
  dequeue(hostOf(core, draft).pending, draft);
  forgetPending(core, draft);
}

function forgetPending(core: TrackerCore, draft: SessionDraft): void {
  unregister(core, draft);
  letGo(draft);
}

/**
 * Releases the evidence of a draft the tracker no longer holds. Scavenges keep it alive until
 * the next full GC anyway when dead old-space objects still point at it (a `Map` that rehashes
 * leaves its old table in old space, with the drafts it held): measured, young pre-auth lines
 * were promoted with their 64 KiB read chunks, 55 -> 131 MB per 1M lines.
 */
function letGo(draft: SessionDraft): void {
  // A fresh empty array, as a new draft has: a shared frozen one costs its readers a map.
  draft.evidence = [];
}

/** @internal Adds one to an eviction counter. */
export function count(core: TrackerCore, host: HostState, name: keyof EvictionCounts): void {
  host.since[name] += 1;
  core.totals[name] += 1;
}

/**
 * @internal Turns a draft into an open session: fixes its id, indexes it, reports `open`,
 * and enforces `maxOpenSessions`.
 */
export function openSession(core: TrackerCore, draft: SessionDraft, out: SessionChange[]): void {
  const host = hostOf(core, draft);
  if (draft.phase === 'pending') {
    dequeue(host.pending, draft);
    ageDraft(core, draft);
  }
  draft.phase = 'open';
  draft.id = sessionIdOf(draft);
  if (!host.open.has(draft.seq)) host.lastOpen = draft;
  host.open.set(draft.seq, draft);
  for (const kind of KINDS) register(core, kind, draft);
  out.push({ kind: 'open', session: toSession(draft) });
  while (host.open.size > core.options.maxOpenSessions) {
    const oldest = host.open.values().next().value;
    if (oldest === undefined) break;
    evictSession(core, oldest, out);
    count(core, host, 'sessionsOverflow');
  }
}

/** @internal A brand-new session whose start was not seen, opened at `event`. */
export function startPartialSession(core: TrackerCore, event: EventBase): SessionDraft {
  core.seq += 1;
  const draft = newDraft(core.seq, event, 'pending');
  draft.partialStart = true;
  draft.listenerPid = hostOf(core, draft).listener;
  return draft;
}

/** @internal Marks a session as recently touched (LRU order for eviction). */
export function bump(core: TrackerCore, draft: SessionDraft, event: EventBase): void {
  touch(draft, event, core.options.maxEvidence, isYoung(core, draft));
  if (draft.phase === 'open') {
    draft.partialEnd = false;
    const host = hostOf(core, draft);
    if (host.lastOpen === draft) return;
    host.open.delete(draft.seq);
    host.open.set(draft.seq, draft);
    host.lastOpen = draft;
  }
}

/** @internal Closes an open session and reports `close`. */
export function closeSession(
  core: TrackerCore,
  draft: SessionDraft,
  time: number,
  reason: SshSession['endReason'],
  partialEnd: boolean,
  out: SessionChange[],
): void {
  const host = hostOf(core, draft);
  host.open.delete(draft.seq);
  if (host.lastOpen === draft) host.lastOpen = undefined;
  draft.phase = 'closed';
  draft.endTime = Math.max(time, draft.startTime);
  draft.endReason = reason;
  draft.partialEnd = partialEnd;
  host.closing.set(draft.seq, draft);
  const session = toSession(draft);
  remember(core, session);
  out.push({ kind: 'close', session });
  // Closed sessions are bounded too: the grace window is best effort under load.
  while (host.closing.size > core.options.maxOpenSessions) {
    const oldest = host.closing.values().next().value;
    if (oldest === undefined) break;
    finalize(core, oldest);
  }
}

/**
 * @internal Reports a change to a closed session (late line within the grace window) and
 * refreshes its history entry; when nobody reads the update (see {@link reportUpdate}), the
 * entry becomes the draft itself, copied when read or when the grace window ends.
 */
export function updateClosed(core: TrackerCore, draft: SessionDraft, out: SessionChange[]): void {
  if (out.length === 0 && !core.wantsUpdates()) {
    replaceClosed(core, draft, undefined);
    return;
  }
  const session = toSession(draft);
  replaceClosed(core, draft, session);
  out.push({ kind: 'update', session });
}

/** @internal Drops an open session from tracking and reports `evict`. */
export function evictSession(core: TrackerCore, draft: SessionDraft, out: SessionChange[]): void {
  const host = hostOf(core, draft);
  host.open.delete(draft.seq);
  if (host.lastOpen === draft) host.lastOpen = undefined;
  unregister(core, draft);
  draft.partialEnd = true;
  out.push({ kind: 'evict', session: toSession(draft) });
  letGo(draft);
}

/** @internal Ends the grace window of a closed session. */
export function finalize(core: TrackerCore, draft: SessionDraft): void {
  hostOf(core, draft).closing.delete(draft.seq);
  unregister(core, draft);
  // Copied now, not kept: a draft outlives its copy in old space (measured, +2.5 MB promoted
  // per 1M lines), and the copy is what the history kept before the grace window ended.
  settleClosed(core, draft);
  letGo(draft);
}

/** @internal Records `n` failures from a source at `time` (bucketed at a tenth of the window). */
export function addFailures(
  core: TrackerCore,
  host: HostState,
  address: string | undefined,
  time: number,
  n: number,
): void {
  if (address === undefined) return;
  const size = bucketSize(core);
  const start = time - (time % size);
  const sources = host.sources;
  const buckets = touchSource(sources, address).buckets;
  prune(buckets, time, core.options.failureWindowMs, size);
  const last = buckets.length - 2;
  if (last >= 0 && buckets[last] === start) buckets[last + 1] = (buckets[last + 1] ?? 0) + n;
  else buckets.push(start, n);
  while (sources.byKey.size > core.options.maxTrackedSources) {
    const oldest = sources.oldest;
    if (oldest === undefined) break;
    dropSource(sources, oldest);
    count(core, host, 'sourcesOverflow');
  }
}

/** @internal Failures from a source within the window ending at `time`. */
export function recentFailures(
  core: TrackerCore,
  host: HostState,
  address: string | undefined,
  time: number,
): number {
  if (address === undefined) return 0;
  const buckets = sourceBuckets(host.sources, address);
  if (buckets === undefined) return 0;
  prune(buckets, time, core.options.failureWindowMs, bucketSize(core));
  let total = 0;
  for (let i = 1; i < buckets.length; i += 2) total += buckets[i] ?? 0;
  return total;
}

function bucketSize(core: TrackerCore): number {
  return Math.max(1, Math.ceil(core.options.failureWindowMs / 10));
}

function prune(buckets: number[], time: number, window: number, size: number): void {
  let drop = 0;
  while (drop < buckets.length && (buckets[drop] ?? 0) + size <= time - window) drop += 2;
  if (drop === 0) return;
  // In place: `splice` would allocate an array of the removed items.
  const kept = buckets.length - drop;
  for (let i = 0; i < kept; i++) buckets[i] = buckets[i + drop] as number;
  while (buckets.length > kept) buckets.pop();
}

/**
 * @internal Advances the host's clock and, when at least `sweepIntervalMs` of its event time
 * passed since its last sweep, drops its stale state and reports what was evicted.
 */
export function sweep(
  core: TrackerCore,
  host: HostState,
  time: number,
  out: SessionChange[],
): void {
  if (time > host.now) host.now = time;
  if (host.now - host.lastSweep >= core.options.sweepIntervalMs) sweepNow(core, host, out);
}

function sweepNow(core: TrackerCore, host: HostState, out: SessionChange[]): void {
  const now = host.now;
  host.lastSweep = now;
  const { pendingTimeoutMs, closeGraceMs, idleTimeoutMs, failureWindowMs } = core.options;
  // Sweeps run every minute per host, mostly over empty maps: skip their iterators then.
  if (queueSize(host.pending) > 0) {
    dequeueWhere(
      host.pending,
      (draft) => now - draft.lastSeenTime > pendingTimeoutMs,
      (draft) => {
        forgetPending(core, draft);
        count(core, host, 'pendingExpired');
      },
    );
  }
  if (host.closing.size > 0) {
    for (const draft of host.closing.values()) {
      if (now - (draft.endTime ?? draft.lastSeenTime) > closeGraceMs) finalize(core, draft);
    }
  }
  if (host.open.size > 0) {
    for (const draft of host.open.values()) {
      if (now - draft.lastSeenTime <= idleTimeoutMs) break;
      evictSession(core, draft, out);
      count(core, host, 'sessionsIdle');
    }
  }
  const size = bucketSize(core);
  const sources = host.sources;
  let entry = sources.oldest;
  while (entry !== undefined) {
    const newer = entry.newer;
    prune(entry.buckets, now, failureWindowMs, size);
    if (entry.buckets.length === 0) dropSource(sources, entry);
    entry = newer;
  }
  report(core, host, out);
}

/** @internal Emits a `diagnostic` when the host evicted anything since its last one. */
export function report(core: TrackerCore, host: HostState, out: SessionChange[]): void {
  const since = host.since;
  if (
    since.pendingExpired === 0 &&
    since.pendingOverflow === 0 &&
    since.pendingSuperseded === 0 &&
    since.sessionsIdle === 0 &&
    since.sessionsOverflow === 0 &&
    since.sourcesOverflow === 0
  ) {
    return;
  }
  out.push({
    kind: 'diagnostic',
    code: 'evicted',
    host: host.host,
    time: host.now,
    counts: { ...since },
    totals: { ...core.totals },
  });
  for (const name of Object.keys(since) as (keyof EvictionCounts)[]) since[name] = 0;
}
