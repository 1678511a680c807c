import type { AuditLoginEvent, ProcessExecEvent } from '../../events/host.js';
import type { SshSession } from '../session.js';
import type {
  HopAttribution,
  HopChain,
  HopGraphOptions,
  HopLink,
  HopMethod,
  HopNode,
} from './hop-types.js';

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
   * Adds process telemetry (`process.exec`): marks the host as having it, records `ssh` client
   * starts, and ties each process's audit login session to its parent pid.
   *
   * @param event - A process execution.
   * @example
   * ```ts
   * if (event.kind === 'process.exec') graph.addProcess(event);
   * ```
   */
  addProcess(event: ProcessExecEvent): void;
  /**
   * Adds an audit login record (`LOGIN`, `USER_START`...): ties its audit login session to the
   * sshd process that wrote it, so an `ssh` client of that login session names its session
   * even when sshd logs no child pid or terminal (LogLevel INFO).
   *
   * @param event - An audit login record.
   * @example
   * ```ts
   * if (event.kind === 'audit.login') graph.addLogin(event);
   * ```
   */
  addLogin(event: AuditLoginEvent): void;
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
const MAX_LOGIN_SESSIONS_PER_HOST = 1024;
const MAX_PIDS_PER_LOGIN_SESSION = 8;
// auditd's "unset" login session id.
const NO_SES = 4_294_967_295;

/** An `ssh` client start: when, in which audit login session, on which terminal. */
interface ClientStart {
  readonly time: number;
  readonly ses: number | undefined;
  readonly tty: string | undefined;
}

interface Telemetry {
  first: number;
  readonly clients: ClientStart[];
}

interface Choice {
  readonly parent: SshSession;
  readonly attribution: HopAttribution;
  readonly open: number;
}

/**
 * Creates a hop graph: a session on host B whose source address is monitored host A (by host
 * identity: own, NAT or network addresses, or the logged name) is a hop from the session on A
 * that was open when it started (within `skewMs` of clock difference). Among several open
 * sessions on A, the one process telemetry ties to the \`ssh\` client that started then wins (its
 * audit login session, or its terminal: the actor, whoever's key the hop used), else one of the
 * same user, else the latest opened (ties by id); each hop says which (\`attribution\`). Chains follow
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
  const telemetry = new Map<string, Telemetry>();
  // Per host: audit login session -> pids tied to it (its sshd, the parents of its processes).
  const logins = new Map<string, Map<number, number[]>>();
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

  const choose = (child: SshSession): Choice | undefined => {
    const from = upstreamHost(child);
    if (from === undefined) return undefined;
    const open: SshSession[] = [];
    for (const id of byHost.get(from) ?? []) {
      const p = sessions.get(id);
      if (p === undefined || p.id === child.id) continue;
      if (p.startTime > child.startTime + skewMs) continue;
      if (p.endTime !== undefined && p.endTime < child.startTime - skewMs) continue;
      open.push(p);
    }
    const actors = clientSessions(from, open, child.startTime);
    const pool = actors.length > 0 ? actors : open;
    let best: SshSession | undefined;
    let bestSame = false;
    for (const p of pool) {
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
    if (best === undefined) return undefined;
    let attribution: HopAttribution;
    if (actors.length === 1) attribution = 'process';
    else if (pool.length === 1) attribution = 'only_session';
    else attribution = bestSame ? 'same_user' : 'latest_session';
    return { parent: best, attribution, open: open.length };
  };

  /** Remembers a pid tied to a login session (bounded per host, oldest session first out). */
  const noteLogin = (host: string, ses: number, pid: number): void => {
    let byses = logins.get(host);
    if (byses === undefined) {
      byses = new Map();
      logins.set(host, byses);
    }
    const pids = byses.get(ses);
    if (pids === undefined) {
      byses.set(ses, [pid]);
      if (byses.size > MAX_LOGIN_SESSIONS_PER_HOST) {
        const oldest = byses.keys().next().value;
        if (oldest !== undefined) byses.delete(oldest);
      }
    } else if (!pids.includes(pid) && pids.length < MAX_PIDS_PER_LOGIN_SESSION) {
      pids.push(pid);
    }
  };

  /** The open sessions an `ssh` client started around `time` on `host` ran in. */
  const clientSessions = (
    host: string,
    open: readonly SshSession[],
    time: number,
  ): SshSession[] => {
    const t = telemetry.get(host);
    if (t === undefined || open.length === 0) return [];
    const out = new Set<SshSession>();
    for (const c of t.clients) {
      if (c.time < time - processWindowMs || c.time > time + skewMs) continue;
      // The login session is certain (sudo keeps it); the terminal is the fallback.
      const roots = c.ses === undefined ? undefined : logins.get(host)?.get(c.ses);
      const bySes = open.filter((p) => roots !== undefined && ownsLogin(p, roots));
      const byTty = bySes.length > 0 ? [] : open.filter((p) => sameTty(p.tty, c.tty));
      for (const p of bySes.length > 0 ? bySes : byTty) out.add(p);
    }
    return [...out];
  };

  const methodOf = (fromHost: string, time: number): HopMethod => {
    const t = telemetry.get(fromHost);
    if (t === undefined || t.first > time + skewMs) return 'unknown';
    const ran = t.clients.some((e) => e.time >= time - processWindowMs && e.time <= time + skewMs);
    return ran ? 'ssh_client' : 'proxy_jump';
  };

  const hop = (choice: Choice, child: SshSession): HopLink => {
    const parent = choice.parent;
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
      attribution: choice.attribution,
      openSessions: choice.open,
    };
  };

  /** The sessions from the root down to `session`, each with how its parent was chosen. */
  const ancestry = (
    session: SshSession,
    parents: Map<string, Choice | undefined>,
  ): { readonly path: SshSession[]; readonly choices: Choice[] } => {
    const path = [session];
    const choices: Choice[] = [];
    const seen = new Set([session.id]);
    let current = session;
    while (path.length <= maxHops) {
      let choice = parents.get(current.id);
      if (!parents.has(current.id)) {
        choice = choose(current);
        parents.set(current.id, choice);
      }
      if (choice === undefined || seen.has(choice.parent.id)) break;
      seen.add(choice.parent.id);
      path.unshift(choice.parent);
      choices.unshift(choice);
      current = choice.parent;
    }
    return { path, choices };
  };

  const chainFrom = (line: {
    readonly path: SshSession[];
    readonly choices: Choice[];
  }): HopChain => {
    const hops: HopLink[] = [];
    for (let i = 1; i < line.path.length; i++) {
      const choice = line.choices[i - 1];
      const child = line.path[i];
      if (choice !== undefined && child !== undefined) hops.push(hop(choice, child));
    }
    return { nodes: line.path.map(node), hops };
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
        t = { first: event.time, clients: [] };
        telemetry.set(host, t);
      }
      if (event.time < t.first) t.first = event.time;
      const ses = sesOf(event.ses);
      if (ses !== undefined && event.ppid !== undefined) noteLogin(host, ses, event.ppid);
      if (isSshClient(event)) {
        t.clients.push({ time: event.time, ses, tty: event.tty });
        if (t.clients.length > MAX_EXECS_PER_HOST) t.clients.shift();
      }
    },
    addLogin(event) {
      // sshd writes LOGIN / USER_START as the session's monitor process, with its login session.
      const ses = sesOf(event.ses);
      if (event.host !== undefined && ses !== undefined && event.pid !== undefined) {
        noteLogin(event.host, ses, event.pid);
      }
    },
    chainOf(sessionId) {
      const session = sessions.get(sessionId);
      return session === undefined ? undefined : chainFrom(ancestry(session, new Map()));
    },
    chains(query = {}) {
      const minHops = query.minHops ?? 1;
      const parents = new Map<string, Choice | undefined>();
      const hasChild = new Set<string>();
      for (const s of sessions.values()) {
        const p = parents.has(s.id) ? parents.get(s.id) : choose(s);
        parents.set(s.id, p);
        if (p !== undefined) hasChild.add(p.parent.id);
      }
      const out: HopChain[] = [];
      for (const s of sessions.values()) {
        if (hasChild.has(s.id)) continue; // only leaves end a maximal chain
        const line = ancestry(s, parents);
        if (line.path.length - 1 >= minHops) out.push(chainFrom(line));
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

/** Whether a login session tied to these pids is this sshd session's (its monitor or child). */
function ownsLogin(session: SshSession, pids: readonly number[]): boolean {
  const { child, monitor } = session.pids;
  return (
    (child !== undefined && pids.includes(child)) ||
    (monitor !== undefined && pids.includes(monitor))
  );
}

function sesOf(ses: number | undefined): number | undefined {
  return ses === undefined || ses === NO_SES ? undefined : ses;
}

/** `pts/3` (sshd) and `pts3` (auditd) name the same terminal. */
function sameTty(a: string | undefined, b: string | undefined): boolean {
  if (a === undefined || b === undefined) return false;
  const norm = (t: string) => t.replace('/', '');
  return norm(a) === norm(b) && norm(a) !== '(none)';
}
