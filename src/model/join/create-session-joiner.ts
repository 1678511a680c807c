import type { NetFlowEvent, NetSshEvent, NetworkEvent } from '../../events/network.js';
import type { SshSession } from '../session.js';
import type {
  FlowHostView,
  JoinBasis,
  JoinChange,
  SessionJoinerOptions,
  SessionNetworkView,
} from './join-types.js';

/**
 * Links host sessions to Zeek connections by 5-tuple and time (see {@link createSessionJoiner}).
 *
 * @example
 * ```ts
 * const joiner = createSessionJoiner({ skewMs: 120_000 });
 * joiner.addSession(session);
 * const changes = joiner.addNetwork(event);
 * ```
 */
export interface SessionJoiner {
  /**
   * Adds a session or a newer version of it (call on open, update and close).
   *
   * @param session - The session.
   * @returns Decisions that became due.
   * @example
   * ```ts
   * analyzer.on('session:open', (s) => report(joiner.addSession(s)));
   * ```
   */
  addSession(session: SshSession): readonly JoinChange[];
  /**
   * Adds a `net.ssh` or `net.flow` event.
   *
   * @param event - The Zeek event.
   * @returns Decisions that became due.
   * @example
   * ```ts
   * if (event.kind === 'net.ssh' || event.kind === 'net.flow') report(joiner.addNetwork(event));
   * ```
   */
  addNetwork(event: NetworkEvent): readonly JoinChange[];
  /**
   * Decides everything still held (end of input).
   *
   * @returns The remaining decisions.
   * @example
   * ```ts
   * report(joiner.flush());
   * ```
   */
  flush(): readonly JoinChange[];
  /**
   * How much is held.
   *
   * @returns Pending sessions and connections, remembered links, and early decisions forced by `maxPending`.
   * @example
   * ```ts
   * joiner.size().pending;
   * ```
   */
  size(): { readonly pending: number; readonly links: number; readonly forced: number };
}

interface SessionItem {
  readonly side: 'session';
  readonly id: string;
  session: SshSession;
  time: number;
  key: string;
  expireAt: number;
}

interface NetItem {
  readonly side: 'network';
  readonly id: string;
  ssh: NetSshEvent | undefined;
  flow: NetFlowEvent | undefined;
  time: number;
  readonly key: string;
  expireAt: number;
}

type Item = SessionItem | NetItem;

interface Link {
  readonly sessionId: string;
  readonly basis: JoinBasis;
  readonly session: SshSession;
  readonly net: NetItem;
}

/**
 * Creates a joiner that links a host's `Accepted ... from IP port P` session to the Zeek record
 * of the same connection: same client address and port, the server side confirmed by the
 * session's logged local address and port, else by host identity (own or NAT address of the
 * session's host), and Zeek `ts` within `skewMs` of the session's start. ssh.log and conn.log
 * rows of one uid are merged into one connection.
 *
 * Decisions wait until an item can no longer gain a partner: a connection until its end
 * (`ts + duration`) plus `skewMs + lagMs` of event time has passed, a session until its end
 * plus the same (open sessions wait for `flush`, `maxPending`, or a connection that picks
 * them). Due items are decided in time order, each taking the closest compatible partner (ties
 * by id), so the links do not depend on the input order of events within the window. Memory is
 * bounded by the window and `maxPending`.
 *
 * @param options - Window, identity and caps.
 * @returns A joiner.
 * @throws RangeError when a window or cap is negative or not a number.
 * @example
 * ```ts
 * const joiner = createSessionJoiner({ identity, skewMs: 120_000 });
 * for (const change of joiner.addNetwork(netSsh)) {
 *   if (change.kind === 'link') console.log(change.session.user, change.network.clientBanner);
 * }
 * ```
 */
export function createSessionJoiner(options: SessionJoinerOptions = {}): SessionJoiner {
  const skewMs = options.skewMs ?? 120_000;
  const lagMs = options.lagMs ?? 300_000;
  const maxPending = options.maxPending ?? 50_000;
  const maxLinks = options.maxLinks ?? 10_000;
  if (!(skewMs >= 0 && lagMs >= 0 && maxPending >= 1 && maxLinks >= 1)) {
    throw new RangeError('skewMs and lagMs must be >= 0, maxPending and maxLinks >= 1');
  }
  const identity = options.identity;
  const pending = new Map<string, Item>();
  const byKey = new Map<string, Set<Item>>();
  const links = new Map<string, Link>(); // by network item id (uid)
  const linkedSessions = new Set<string>();
  let watermark = Number.NEGATIVE_INFINITY;
  let nextSweep = Number.NEGATIVE_INFINITY;
  let forced = 0;
  let anonymous = 0;

  const index = (item: Item): void => {
    let set = byKey.get(item.key);
    if (set === undefined) {
      set = new Set();
      byKey.set(item.key, set);
    }
    set.add(item);
  };
  const remove = (item: Item): void => {
    pending.delete(item.id);
    const set = byKey.get(item.key);
    set?.delete(item);
    if (set?.size === 0) byKey.delete(item.key);
  };

  const basisOf = (session: SshSession, net: NetItem): JoinBasis | undefined => {
    const e = net.ssh ?? net.flow;
    if (e === undefined) return undefined;
    if (session.localPort !== undefined && session.localPort !== e.respPort) return undefined;
    if (session.localIp !== undefined && session.localIp === e.respIp) return 'local_ip';
    const respHost = identity?.hostOf(e.respIp);
    if (respHost !== undefined) return respHost === session.host ? 'host_identity' : undefined;
    return session.localIp === undefined ? 'client_only' : undefined;
  };

  const bestPartner = (item: Item): { partner: Item; basis: JoinBasis } | undefined => {
    let best: { partner: Item; basis: JoinBasis; delta: number } | undefined;
    for (const other of byKey.get(item.key) ?? []) {
      if (other.side === item.side) continue;
      const delta = Math.abs(other.time - item.time);
      if (delta > skewMs) continue;
      const basis =
        item.side === 'session'
          ? basisOf(item.session, other as NetItem)
          : basisOf((other as SessionItem).session, item);
      if (basis === undefined) continue;
      if (
        best === undefined ||
        delta < best.delta ||
        (delta === best.delta && other.id < best.partner.id)
      ) {
        best = { partner: other, basis, delta };
      }
    }
    return best;
  };

  const linkChange = (link: Link): JoinChange => ({
    kind: 'link',
    sessionId: link.sessionId,
    basis: link.basis,
    skewMs: link.net.time - link.session.startTime,
    network: networkView(link.net),
    session: hostView(link.session),
  });

  const remember = (link: Link): void => {
    links.set(link.net.id, link);
    linkedSessions.add(link.sessionId);
    if (links.size > maxLinks) {
      const [oldest] = links.values();
      if (oldest !== undefined) {
        links.delete(oldest.net.id);
        linkedSessions.delete(oldest.sessionId);
      }
    }
  };

  const pair = (a: Item, b: Item, basis: JoinBasis, out: JoinChange[]): void => {
    remove(a);
    remove(b);
    const [s, n] = a.side === 'session' ? [a, b as NetItem] : [b as SessionItem, a as NetItem];
    const link: Link = { sessionId: s.session.id, basis, session: s.session, net: n };
    remember(link);
    out.push(linkChange(link));
  };

  // Pairs are made only between mutual best partners (closest in time, ties by id): when the
  // partner has a closer match of its own, those two pair first and the item looks again.
  const decide = (item: Item, out: JoinChange[]): void => {
    while (pending.has(item.id)) {
      const best = bestPartner(item);
      if (best === undefined) {
        remove(item);
        out.push(
          item.side === 'session'
            ? { kind: 'unmatched_session', session: hostView(item.session) }
            : { kind: 'unmatched_network', network: networkView(item), ssh: item.ssh },
        );
        return;
      }
      const back = bestPartner(best.partner);
      if (back === undefined || back.partner === item) pair(item, best.partner, best.basis, out);
      else pair(best.partner, back.partner, back.basis, out);
    }
  };

  const decideDue = (all: boolean): JoinChange[] => {
    const out: JoinChange[] = [];
    if (!all && watermark < nextSweep && pending.size <= maxPending) return out;
    nextSweep = watermark + Math.max(1, skewMs / 4);
    let due = [...pending.values()].filter((item) => all || item.expireAt < watermark);
    if (!all && pending.size - due.length > maxPending) {
      const rest = [...pending.values()].filter((item) => item.expireAt >= watermark);
      rest.sort(byTime);
      const extra = rest.slice(0, pending.size - due.length - maxPending);
      forced += extra.length;
      due = due.concat(extra);
    }
    due.sort(byTime);
    for (const item of due) decide(item, out);
    return out;
  };

  const advance = (time: number): void => {
    if (time > watermark) watermark = time;
  };

  return {
    addSession(session) {
      advance(session.lastSeenTime);
      if (session.sourceIp === undefined || session.sourcePort === undefined)
        return decideDue(false);
      const expireAt =
        session.endTime === undefined ? Number.POSITIVE_INFINITY : session.endTime + skewMs + lagMs;
      const existing = pending.get(`s:${session.id}`);
      if (existing?.side === 'session') {
        existing.session = session;
        existing.expireAt = expireAt;
      } else if (!linkedSessions.has(session.id)) {
        const item: SessionItem = {
          side: 'session',
          id: `s:${session.id}`,
          session,
          time: session.startTime,
          key: `${session.sourceIp}|${session.sourcePort}`,
          expireAt,
        };
        pending.set(item.id, item);
        index(item);
      }
      return decideDue(false);
    },
    addNetwork(event) {
      const end = event.time + (event.kind === 'net.flow' ? (event.durationMs ?? 0) : 0);
      advance(end);
      const id = `n:${event.uid ?? `anon${anonymous++}`}`;
      const out: JoinChange[] = [];
      const linked = links.get(id);
      if (linked !== undefined) {
        merge(linked.net, event);
        out.push(linkChange(linked));
        return out.concat(decideDue(false));
      }
      const existing = pending.get(id);
      if (existing?.side === 'network') {
        merge(existing, event);
        existing.expireAt = Math.max(existing.expireAt, end + skewMs + lagMs);
      } else {
        const item: NetItem = {
          side: 'network',
          id,
          ssh: undefined,
          flow: undefined,
          time: event.time,
          key: `${event.origIp}|${event.origPort}`,
          expireAt: end + skewMs + lagMs,
        };
        merge(item, event);
        pending.set(id, item);
        index(item);
      }
      return out.concat(decideDue(false));
    },
    flush: () => decideDue(true),
    size: () => ({ pending: pending.size, links: links.size, forced }),
  };
}

function byTime(a: Item, b: Item): number {
  return a.time - b.time || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

function merge(item: NetItem, event: NetworkEvent): void {
  if (event.kind === 'net.ssh') item.ssh = event;
  else item.flow = event;
  item.time = Math.min(
    item.ssh?.time ?? Number.POSITIVE_INFINITY,
    item.flow?.time ?? Number.POSITIVE_INFINITY,
  );
}

function networkView(item: NetItem): SessionNetworkView {
  const { ssh, flow } = item;
  const e = (ssh ?? flow) as NetworkEvent;
  return {
    uid: e.uid,
    sensor: e.host,
    time: item.time,
    origIp: e.origIp,
    origPort: e.origPort,
    respIp: e.respIp,
    respPort: e.respPort,
    clientBanner: ssh?.client,
    serverBanner: ssh?.server,
    authSuccess: ssh?.authSuccess,
    authAttempts: ssh?.authAttempts,
    hostKeyFingerprint: ssh?.hostKeyFingerprint,
    hassh: ssh?.hassh,
    origBytes: flow?.origBytes,
    respBytes: flow?.respBytes,
    durationMs: flow?.durationMs,
    connState: flow?.connState,
    evidence: [ssh?.source, flow?.source].filter((p) => p !== undefined),
  };
}

function hostView(session: SshSession): FlowHostView {
  return {
    sessionId: session.id,
    host: session.host,
    user: session.user,
    authMethod: session.authMethod,
    sourceIp: session.sourceIp ?? '',
    sourcePort: session.sourcePort ?? 0,
    startTime: session.startTime,
    authTime: session.authTime,
  };
}
