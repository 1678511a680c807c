import type { SshSession } from '../session.js';
import { normalizeTty } from './observations.js';

/** @internal The join-relevant part of an SshSession. */
export interface IndexedSession {
  readonly id: string;
  readonly host: string | undefined;
  readonly user: string | undefined;
  readonly start: number;
  readonly end: number | undefined;
  readonly monitor: number | undefined;
  readonly child: number | undefined;
  readonly listener: number | undefined;
  readonly authTime: number | undefined;
  readonly ttys: readonly string[];
  readonly agentForwarding: boolean | undefined;
}

/** @internal */
export interface SessionIndex {
  add(session: SshSession): IndexedSession;
  /** Entries in least-recently-updated-first order, and the eviction count (for snapshots). */
  dump(): { readonly entries: readonly IndexedSession[]; readonly evicted: number };
  /** Rebuilds from {@link SessionIndex.dump} output (into an empty index). */
  load(entries: readonly IndexedSession[], evicted: number): void;
  get(id: string): IndexedSession | undefined;
  /** The session whose monitor or child pid is `pid` and that was live at `time`. */
  byPid(host: string | undefined, pid: number, time: number): IndexedSession | undefined;
  /** Sessions of a host live at `time`. */
  live(host: string | undefined, time: number): IndexedSession[];
  size(): number;
  evicted(): number;
}

const ANONYMOUS = '\u0000';

function key(host: string | undefined): string {
  return host === undefined ? ANONYMOUS : host;
}

function index(session: SshSession): IndexedSession {
  const ttys: string[] = [];
  const push = (t: string | undefined): void => {
    const n = normalizeTty(t);
    if (n !== undefined && !ttys.includes(n)) ttys.push(n);
  };
  push(session.tty);
  for (const c of session.channels) push(c.tty);
  return {
    id: session.id,
    host: session.host,
    user: session.user,
    start: session.startTime,
    end: session.state === 'closed' ? (session.endTime ?? session.lastSeenTime) : undefined,
    monitor: session.pids.monitor,
    child: session.pids.child,
    listener: session.pids.listener,
    authTime: session.authTime,
    ttys,
    agentForwarding: session.agentForwarding,
  };
}

/**
 * A bounded index of sessions by host and sshd pid, live-at-time aware.
 *
 * @param maxSessions - Most sessions kept (least recently updated go first).
 * @param skewMs - Tolerance between log clocks (audit ms vs syslog seconds).
 * @param graceMs - How long after its end a session still matches.
 * @param retainMs - How long after its end (plus grace) a closed session is kept at all: past it,
 *   no lookup at the stream's time can match it, so it is dropped (default: kept until `maxSessions`).
 * @returns The index.
 * @example
 * ```ts
 * const sessions = createSessionIndex(10_000, 2_000, 2_000);
 * ```
 * @internal
 */
export function createSessionIndex(
  maxSessions: number,
  skewMs: number,
  graceMs: number,
  retainMs = Number.POSITIVE_INFINITY,
): SessionIndex {
  const byId = new Map<string, IndexedSession>();
  const hosts = new Map<string, { ids: Set<string>; pids: Map<number, IndexedSession[]> }>();
  let evicted = 0;
  let latest = Number.NEGATIVE_INFINITY;
  let nextSweep = Number.NEGATIVE_INFINITY;

  // Closed sessions that ended more than `retainMs` (plus grace) before the latest session time
  // are dropped: one pass per eighth of `retainMs` of stream time, so the index follows the
  // sessions of the recent past rather than the length of the input.
  const expire = (time: number): void => {
    if (time > latest) latest = time;
    if (!(latest >= nextSweep) || retainMs === Number.POSITIVE_INFINITY) return;
    nextSweep = latest + retainMs / 8;
    for (const s of byId.values()) {
      if (s.end !== undefined && s.end + graceMs + retainMs < latest) {
        byId.delete(s.id);
        unlink(s);
      }
    }
  };

  const liveAt = (s: IndexedSession, time: number): boolean =>
    s.start - skewMs <= time && (s.end === undefined || time <= s.end + graceMs);

  const unlink = (s: IndexedSession): void => {
    const h = hosts.get(key(s.host));
    if (h === undefined) return;
    h.ids.delete(s.id);
    for (const pid of [s.monitor, s.child]) {
      if (pid === undefined) continue;
      const list = h.pids.get(pid);
      if (list === undefined) continue;
      const rest = list.filter((x) => x.id !== s.id);
      if (rest.length === 0) h.pids.delete(pid);
      else h.pids.set(pid, rest);
    }
    if (h.ids.size === 0) hosts.delete(key(s.host));
  };

  const put = (s: IndexedSession): void => {
    byId.set(s.id, s);
    let h = hosts.get(key(s.host));
    if (h === undefined) {
      h = { ids: new Set(), pids: new Map() };
      hosts.set(key(s.host), h);
    }
    h.ids.add(s.id);
    for (const pid of [s.monitor, s.child]) {
      if (pid === undefined) continue;
      const list = h.pids.get(pid) ?? [];
      if (!list.includes(s)) list.push(s);
      list.sort((a, b) => a.start - b.start);
      h.pids.set(pid, list);
    }
    while (byId.size > maxSessions) {
      const first = byId.values().next();
      if (first.done === true) break;
      byId.delete(first.value.id);
      unlink(first.value);
      evicted += 1;
    }
  };

  return {
    dump() {
      return { entries: [...byId.values()], evicted };
    },
    load(entries, count) {
      for (const entry of entries) put({ ...entry, ttys: [...entry.ttys] });
      evicted = count;
    },
    add(session) {
      expire(session.lastSeenTime);
      const old = byId.get(session.id);
      const s = index(session);
      if (
        old !== undefined &&
        old.monitor === s.monitor &&
        old.child === s.child &&
        old.start === s.start
      ) {
        // The common update (a new evidence line): same pids, so swap the entry in place.
        byId.delete(s.id);
        byId.set(s.id, s);
        const h = hosts.get(key(s.host));
        for (const pid of [s.monitor, s.child]) {
          const list = pid === undefined ? undefined : h?.pids.get(pid);
          const at = list === undefined ? -1 : list.indexOf(old);
          if (list !== undefined && at >= 0) list[at] = s;
        }
        return s;
      }
      if (old !== undefined) {
        unlink(old);
        byId.delete(session.id);
      }
      put(s);
      return s;
    },
    get(id) {
      return byId.get(id);
    },
    byPid(host, pid, time) {
      const list = hosts.get(key(host))?.pids.get(pid);
      if (list === undefined) return undefined;
      for (let i = list.length - 1; i >= 0; i -= 1) {
        const s = list[i];
        if (s !== undefined && liveAt(s, time)) return s;
      }
      return undefined;
    },
    live(host, time) {
      const h = hosts.get(key(host));
      if (h === undefined) return [];
      const out: IndexedSession[] = [];
      for (const id of h.ids) {
        const s = byId.get(id);
        if (s !== undefined && liveAt(s, time)) out.push(s);
      }
      return out;
    },
    size() {
      return byId.size;
    },
    evicted() {
      return evicted;
    },
  };
}
