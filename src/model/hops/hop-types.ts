import type { HostIdentity } from '../join/host-identity.js';

/**
 * How the hop from the parent's host to the child's host was made:
 * - `ssh_client`: process telemetry of the parent's host shows an `ssh` client started then;
 * - `proxy_jump`: the parent's host has process telemetry and no `ssh` client ran: the
 *   connection was relayed by sshd itself (`ssh -J`, `ProxyJump`, `-W`, a direct-tcpip channel);
 * - `unknown`: no process telemetry for the parent's host.
 */
export type HopMethod = 'ssh_client' | 'proxy_jump' | 'unknown';

/**
 * Why a hop's parent is the session it names, among the sessions open on the upstream host:
 * - `process`: process telemetry ties the `ssh` client that started then to that session (its
 *   audit login session, or its terminal), whoever's key or account the hop used;
 * - `only_session`: it was the only session open there;
 * - `same_user`: several were open and it was the one of the downstream session's user (a
 *   guess: an actor using another user's agent or socket looks the same);
 * - `latest_session`: several were open, none of that user: the latest opened (a guess).
 */
export type HopAttribution = 'process' | 'only_session' | 'same_user' | 'latest_session';

/**
 * One session of a chain.
 *
 * @example
 * ```ts
 * const node: HopNode = {
 *   sessionId: 'web1/4242/1717243200000', host: 'web1', user: 'alice',
 *   sourceIp: '10.0.1.5', startTime: 1717243200000, endTime: undefined,
 * };
 * ```
 */
export interface HopNode {
  /** The session id. */
  readonly sessionId: string;
  /** Its host. */
  readonly host: string | undefined;
  /** Its user. */
  readonly user: string | undefined;
  /** Where it came from. */
  readonly sourceIp: string | undefined;
  /** Its start (the host's clock). */
  readonly startTime: number;
  /** Its end, once closed. */
  readonly endTime: number | undefined;
}

/**
 * One hop: a session on `toHost` opened from `fromHost` while the parent session was open there.
 *
 * @example
 * ```ts
 * function label(h: HopLink): string {
 *   return `${h.fromHost} -> ${h.toHost} after ${h.gapMs / 1000}s (${h.method})`;
 * }
 * ```
 */
export interface HopLink {
  /** The upstream session (on `fromHost`). */
  readonly parentId: string;
  /** The downstream session (on `toHost`). */
  readonly childId: string;
  /** The host the hop started from. */
  readonly fromHost: string;
  /** The host it reached. */
  readonly toHost: string | undefined;
  /** Parent session user. */
  readonly parentUser: string | undefined;
  /** Child session user. */
  readonly childUser: string | undefined;
  /** True when both users are the same account name. */
  readonly sameUser: boolean;
  /** Child start minus parent start (ms; hosts' clocks, so skew shows here). */
  readonly gapMs: number;
  /** How the hop was made. */
  readonly method: HopMethod;
  /** Why `parentId` is the upstream session (see {@link HopAttribution}). */
  readonly attribution?: HopAttribution;
  /** Sessions open on `fromHost` when the hop started (the parent is one of them). */
  readonly openSessions?: number;
}

/**
 * A chain of sessions, from the first (root) to the last, with the hops between them.
 *
 * @example
 * ```ts
 * function path(c: HopChain): string {
 *   return c.nodes.map((n) => `${n.user}@${n.host}`).join(' -> ');
 * }
 * ```
 */
export interface HopChain {
  /** The sessions, root first. */
  readonly nodes: readonly HopNode[];
  /** The hops (`nodes.length - 1` of them). */
  readonly hops: readonly HopLink[];
}

/**
 * Options of {@link createHopGraph}.
 *
 * @example
 * ```ts
 * const options: HopGraphOptions = { identity, skewMs: 60_000 };
 * ```
 */
export interface HopGraphOptions {
  /** Which addresses are which monitored host (required: hops are between monitored hosts). */
  readonly identity: HostIdentity;
  /** Clock difference tolerated between hosts (default 120 000 ms). */
  readonly skewMs?: number;
  /** How long closed sessions are kept after their end, in event time (default 6 h). */
  readonly windowMs?: number;
  /** Most sessions kept; the least recently seen are dropped beyond it (default 20 000). */
  readonly maxSessions?: number;
  /** Longest chain followed (default 64 hops). */
  readonly maxHops?: number;
  /** How long before a hop an `ssh` client start on the parent's host counts (default 120 000 ms). */
  readonly processWindowMs?: number;
}
