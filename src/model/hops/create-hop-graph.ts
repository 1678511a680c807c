import type { ProcessExecEvent } from '../../events/host.js';
import type { SshSession } from '../session.js';
import type { HopChain, HopGraphOptions, HopLink, HopMethod, HopNode } from './hop-types.js';

/**
 * The cross-host hop graph (see {@link createHopGraph}).
 *
 * @example
 * ```ts
 * const graph = createHopGraph({ identity });
 * graph.addSession(session);
 * graph.chains({ minHops: 2 });
 * ```
 */
export interface HopGraph {
  /**
   * Adds a session, or a newer version of it (call on open, update and close).
   *
   * @param session - The session.
   * @example
   * ```ts
   * analyzer.on('session:open', (s) => graph.addSession(s));
   * ```
   */
  addSession(session: SshSession): void;
  /**
   * Adds process telemetry (`process.exec`): marks the host as having it and records `ssh` client starts.
   *
   * @param event - A process execution.
   * @example
   * ```ts
   * if (event.kind === 'process.exec') graph.addProcess(event);
   * ```
   */
  addProcess(event: ProcessExecEvent): void;
  /**
   * The chain from its root down to a session.
   *
   * @param sessionId - The session id.
   * @returns The chain (a single node when the session has no parent), or `undefined` for an unknown id.
   * @example
   * ```ts
   * graph.chainOf(id)?.hops.length;
   * ```
   */
  chainOf(sessionId: string): HopChain | undefined;
  /**
   * Every maximal chain (root to leaf) with at least `minHops` hops.
   *
   * @param query - `minHops` (default 1).
   * @returns The chains, by root start time.
   * @example
   * ```ts
   * graph.chains({ minHops: 3 });
   * ```
   */
  chains(query?: { readonly minHops?: number }): readonly HopChain[];
  /**
   * How much is held.
   *
   * @returns Sessions kept and sessions dropped so far.
   * @example
   * ```ts
   * graph.size().sessions;
   * ```
   */
  size(): { readonly sessions: number; readonly evicted: number };
}

const MAX_EXECS_PER_HOST = 256;

/**
 * Creates a hop graph: a session on host B whose source address is monitored host A (by host
 * identity: own, NAT or network addresses, or the logged name) is a hop from the session on A
 * that was open when it started (within `skewMs` of clock difference). Among several open
 * sessions on A, one of the same user wins, else the latest opened (ties by id). Chains follow
 * hops across any number of hosts; each hop carries its time gap and, when A has process
 * telemetry, whether an `ssh` client ran there (`ssh_client`) or not (`proxy_jump`).
 *
 * Parents are resolved when queried, so sessions may be added in any order. Memory is bounded:
 * closed sessions leave `windowMs` after their end, and at most `maxSessions` are kept.
 *
 * @param options - Identity, windows and caps.
 * @returns A graph.
 * @throws RangeError when a window or cap is not positive.
 * @example
 * ```ts
 * const graph = createHopGraph({ identity: createHostIdentity(config) });
 * for (const s of sessions) graph.addSession(s);
 * for (const chain of graph.chains({ minHops: 2 })) console.log(chain.nodes.map((n) => n.host));
 * ```
 */
export function createHopGraph(options: HopGraphOptions): HopGraph {
  const { identity } = options;
  const skewMs = options.skewMs ?? 120_000;
  const windowMs = options.windowMs ?? 6 * 3_600_000;
  const maxSessions = options.maxSessions ?? 20_000;
  const maxHops = options.maxHops ?? 64;
  const processWindowMs = options.processWindowMs ?? 120_000;
  if (!(skewMs >= 0 && windowMs > 0 && maxSessions >= 1 && maxHops >= 1 && processWindowMs >= 0)) {
    throw new RangeError('windows must be positive (skewMs >= 0) and caps >= 1');
  }
  const sessions = new Map<string, SshSession>();
  const byHost = new Map<string, Set<string>>();
  const telemetry = new Map<string, { first: number; execs: number[] }>();
  let latest = Number.NEGATIVE_INFINITY;
  let nextSweep = Number.NEGATIVE_INFINITY;
  let evicted = 0;

  const hostKey = (host: string | undefined): string => host ?? '';

  const drop = (id: string): void => {
    const s = sessions.get(id);
    if (s === undefined) return;
    sessions.delete(id);
    byHost.get(hostKey(s.host))?.delete(id);
    evicted++;
  };

  const evict = (): void => {
    nextSweep = latest + windowMs / 8;
    for (const [id, s] of sessions) {
      if (s.endTime !== undefined && s.endTime < latest - windowMs) drop(id);
    }
    if (sessions.size > maxSessions) {
      const order = [...sessions.values()].sort((a, b) => a.lastSeenTime - b.lastSeenTime);
      for (const s of order.slice(0, sessions.size - maxSessions)) drop(s.id);
    }
  };

  const upstreamHost = (s: SshSession): string | undefined => {
    const byIp = s.sourceIp === undefined ? undefined : identity.hostOf(s.sourceIp);
    const host =
      byIp ?? (s.sourceName === undefined ? undefined : identity.hostNamed(s.sourceName));
    return host === undefined || host === s.host ? undefined : host;
  };

  const parentOf = (child: SshSession): SshSession | undefined => {
    const from = upstreamHost(child);
    if (from === undefined) return undefined;
    let best: SshSession | undefined;
    let bestSame = false;
    for (const id of byHost.get(from) ?? []) {
      const p = sessions.get(id);
      if (p === undefined || p.id === child.id) continue;
      if (p.startTime > child.startTime + skewMs) continue;
      if (p.endTime !== undefined && p.endTime < child.startTime - skewMs) continue;
      const same = p.user !== undefined && p.user === child.user;
      if (
        best === undefined ||
        (same && !bestSame) ||
        (same === bestSame &&
          (p.startTime > best.startTime || (p.startTime === best.startTime && p.id < best.id)))
      ) {
        best = p;
        bestSame = same;
      }
    }
    return best;
  };

  const methodOf = (fromHost: string, time: number): HopMethod => {
    const t = telemetry.get(fromHost);
    if (t === undefined || t.first > time + skewMs) return 'unknown';
    const ran = t.execs.some((e) => e >= time - processWindowMs && e <= time + skewMs);
    return ran ? 'ssh_client' : 'proxy_jump';
  };

  const hop = (parent: SshSession, child: SshSession): HopLink => {
    const fromHost = parent.host ?? '';
    return {
      parentId: parent.id,
      childId: child.id,
      fromHost,
      toHost: child.host,
      parentUser: parent.user,
      childUser: child.user,
      sameUser: parent.user !== undefined && parent.user === child.user,
      gapMs: child.startTime - parent.startTime,
      method: methodOf(fromHost, child.startTime),
    };
  };

  const ancestry = (
    session: SshSession,
    parents: Map<string, SshSession | undefined>,
  ): SshSession[] => {
    const path = [session];
    const seen = new Set([session.id]);
    let current = session;
    while (path.length <= maxHops) {
      let parent = parents.get(current.id);
      if (!parents.has(current.id)) {
        parent = parentOf(current);
        parents.set(current.id, parent);
      }
      if (parent === undefined || seen.has(parent.id)) break;
      seen.add(parent.id);
      path.unshift(parent);
      current = parent;
    }
    return path;
  };

  const chainFrom = (path: readonly SshSession[]): HopChain => {
    const hops: HopLink[] = [];
    for (let i = 1; i < path.length; i++) {
      const parent = path[i - 1];
      const child = path[i];
      if (parent !== undefined && child !== undefined) hops.push(hop(parent, child));
    }
    return { nodes: path.map(node), hops };
  };

  return {
    addSession(session) {
      const previous = sessions.get(session.id);
      if (previous === undefined) {
        let set = byHost.get(hostKey(session.host));
        if (set === undefined) {
          set = new Set();
          byHost.set(hostKey(session.host), set);
        }
        set.add(session.id);
      }
      sessions.set(session.id, session);
      if (session.lastSeenTime > latest) latest = session.lastSeenTime;
      // Closed sessions leave `windowMs` after their end: a sweep every eighth of the window
      // of stream time (and whenever the cap is passed), not only at multiples of a count.
      if (previous === undefined && (sessions.size > maxSessions || latest >= nextSweep)) evict();
    },
    addProcess(event) {
      const host = event.host;
      if (host === undefined) return;
      let t = telemetry.get(host);
      if (t === undefined) {
        t = { first: event.time, execs: [] };
        telemetry.set(host, t);
      }
      if (event.time < t.first) t.first = event.time;
      if (isSshClient(event)) {
        t.execs.push(event.time);
        if (t.execs.length > MAX_EXECS_PER_HOST) t.execs.shift();
      }
    },
    chainOf(sessionId) {
      const session = sessions.get(sessionId);
      return session === undefined ? undefined : chainFrom(ancestry(session, new Map()));
    },
    chains(query = {}) {
      const minHops = query.minHops ?? 1;
      const parents = new Map<string, SshSession | undefined>();
      const hasChild = new Set<string>();
      for (const s of sessions.values()) {
        const p = parents.has(s.id) ? parents.get(s.id) : parentOf(s);
        parents.set(s.id, p);
        if (p !== undefined) hasChild.add(p.id);
      }
      const out: HopChain[] = [];
      for (const s of sessions.values()) {
        if (hasChild.has(s.id)) continue; // only leaves end a maximal chain
        const path = ancestry(s, parents);
        if (path.length - 1 >= minHops) out.push(chainFrom(path));
      }
      return out.sort(
        (a, b) =>
          (a.nodes[0]?.startTime ?? 0) - (b.nodes[0]?.startTime ?? 0) ||
          (a.nodes.at(-1)?.sessionId ?? '').localeCompare(b.nodes.at(-1)?.sessionId ?? ''),
      );
    },
    size: () => ({ sessions: sessions.size, evicted }),
  };
}

function node(s: SshSession): HopNode {
  return {
    sessionId: s.id,
    host: s.host,
    user: s.user,
    sourceIp: s.sourceIp,
    startTime: s.startTime,
    endTime: s.endTime,
  };
}

function isSshClient(event: ProcessExecEvent): boolean {
  const name = (path: string | undefined): string | undefined =>
    path?.slice(path.lastIndexOf('/') + 1);
  return name(event.exe) === 'ssh' || name(event.argv[0]) === 'ssh';
}
