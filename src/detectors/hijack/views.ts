import type { LogGapFinding } from '../../model/gaps/gap-types.js';
import type { HopGraph } from '../../model/hops/create-hop-graph.js';
import type { SessionJoin } from '../../model/processes/session-join.js';
import type { SocketRegistry } from '../../model/sockets/socket-registry.js';
import type { HopGraphView, LogGapView, ProcessTreeView, SocketRegistryView } from '../detector.js';

/**
 * The {@link ProcessTreeView} of a session join (its process tree, account names and session
 * lookup), for {@link createDetectorContext}.
 *
 * @param join - The session join the analyzer feeds.
 * @returns The view.
 * @example
 * ```ts
 * const context = createDetectorContext({ sessions: tracker, processes: processTreeView(join) });
 * ```
 */
export function processTreeView(join: SessionJoin): ProcessTreeView {
  return {
    ancestors: (host, pid, time) =>
      join.processes
        .ancestors(host, pid, time)
        .map((p) => ({ pid: p.pid, uid: p.uid, auid: p.auid, exe: p.exe })),
    processAt(host, pid, time) {
      const p = join.processes.processAt(host, pid, time);
      return p === undefined
        ? undefined
        : {
            pid: p.pid,
            ppid: p.ppid,
            uid: p.uid,
            euid: p.euid,
            auid: p.auid,
            ses: p.ses,
            exe: p.exe,
            argv: p.argv,
          };
    },
    userOf: (host, uid) => join.userOf(host, uid),
    sessionOf(host, query) {
      const m = join.sessionFor(host, query);
      return m === undefined ? undefined : { sessionId: m.sessionId, user: m.user };
    },
  };
}

/**
 * The {@link SocketRegistryView} of a socket registry.
 *
 * @param registry - The registry the analyzer feeds.
 * @returns The view.
 * @example
 * ```ts
 * const context = createDetectorContext({ sessions: tracker, sockets: socketRegistryView(registry) });
 * ```
 */
export function socketRegistryView(registry: SocketRegistry): SocketRegistryView {
  return {
    ownerOf(host, path, time) {
      const o = registry.ownerOf(host, path, time);
      const socket =
        o.kind === 'forwarded_agent' || o.kind === 'ssh_agent' || o.kind === 'gpg_agent'
          ? 'agent'
          : o.kind === 'control_master' || o.kind === 'tmux'
            ? o.kind
            : 'other';
      return {
        uid: o.ownerUid,
        user: o.ownerUser,
        socket,
        kind: o.kind,
        pid: o.ownerPid,
        sessionId: o.sessionId,
      };
    },
  };
}

/**
 * The {@link HopGraphView} of a hop graph.
 *
 * @param graph - The hop graph the analyzer feeds.
 * @returns The view.
 * @example
 * ```ts
 * const context = createDetectorContext({ sessions: tracker, hops: hopGraphView(graph) });
 * ```
 */
export function hopGraphView(graph: HopGraph): HopGraphView {
  return {
    nextHops(sessionId) {
      const out: string[] = [];
      for (const chain of graph.chains({ minHops: 1 })) {
        chain.hops.forEach((h) => {
          if (h.parentId === sessionId && !out.includes(h.childId)) out.push(h.childId);
        });
      }
      return out;
    },
    chainOf: (sessionId) => graph.chainOf(sessionId),
  };
}

/**
 * A bounded, ordered buffer of log-gap records: the analyzer adds what the log-gap monitor
 * reports, detectors read it through {@link logGapView}.
 */
export interface LogGapBuffer {
  /**
   * Appends records (the oldest are dropped beyond the capacity).
   *
   * @param gaps - Records from `observe`, `join` or a flush of the monitor.
   * @returns Nothing.
   * @example
   * ```ts
   * buffer.add(monitor.observe(mark));
   * ```
   */
  add(gaps: readonly LogGapFinding[]): void;
  /**
   * Records after a cursor.
   *
   * @param cursor - A cursor from a previous call (0 at first).
   * @returns The new records and the next cursor.
   * @example
   * ```ts
   * const { gaps, cursor } = buffer.since(0);
   * ```
   */
  since(cursor: number): { readonly gaps: readonly LogGapFinding[]; readonly cursor: number };
}

/**
 * Creates a {@link LogGapBuffer}.
 *
 * @param capacity - Records kept (default 1024).
 * @returns The buffer.
 * @throws RangeError when the capacity is not a positive integer.
 * @example
 * ```ts
 * const buffer = createLogGapBuffer();
 * const context = createDetectorContext({ sessions: tracker, gaps: logGapView(buffer) });
 * ```
 */
export function createLogGapBuffer(capacity = 1024): LogGapBuffer {
  if (!Number.isInteger(capacity) || capacity < 1) {
    throw new RangeError('capacity must be a positive integer');
  }
  const items: LogGapFinding[] = [];
  let first = 0;
  return {
    add(gaps) {
      for (const g of gaps) items.push(g);
      while (items.length > capacity) {
        items.shift();
        first += 1;
      }
    },
    since(cursor) {
      const from = Math.max(0, cursor - first);
      return { gaps: items.slice(from), cursor: first + items.length };
    },
  };
}

/**
 * The {@link LogGapView} of a buffer.
 *
 * @param buffer - The buffer.
 * @returns The view.
 * @example
 * ```ts
 * const context = createDetectorContext({ sessions: tracker, gaps: logGapView(buffer) });
 * ```
 */
export function logGapView(buffer: LogGapBuffer): LogGapView {
  return { since: (cursor) => buffer.since(cursor) };
}
