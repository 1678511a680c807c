import type { NetSshEvent } from '../../events/network.js';
import type { Provenance } from '../../events/provenance.js';
import type { HostIdentity } from './host-identity.js';

/**
 * What the network sensor saw of a session's connection: Zeek ssh.log and conn.log rows of one
 * uid, merged.
 *
 * @example
 * ```ts
 * function bytes(v: SessionNetworkView): number {
 *   return (v.origBytes ?? 0) + (v.respBytes ?? 0);
 * }
 * ```
 */
export interface SessionNetworkView {
  /** Zeek connection uid. */
  readonly uid: string | undefined;
  /** The sensor (the Zeek events' `host`). */
  readonly sensor: string | undefined;
  /** Zeek `ts` (connection start), epoch ms. */
  readonly time: number;
  /** Client address as the sensor saw it. */
  readonly origIp: string;
  /** Client port. */
  readonly origPort: number;
  /** Server address as the sensor saw it (a NAT address when the sensor is outside). */
  readonly respIp: string;
  /** Server port. */
  readonly respPort: number;
  /** Client banner (ssh.log `client`). */
  readonly clientBanner: string | undefined;
  /** Server banner. */
  readonly serverBanner: string | undefined;
  /** Zeek's authentication heuristic. */
  readonly authSuccess: boolean | undefined;
  /** Authentication attempts seen on the wire. */
  readonly authAttempts: number | undefined;
  /** Server host key fingerprint. */
  readonly hostKeyFingerprint: string | undefined;
  /** hassh client fingerprint, when logged. */
  readonly hassh: string | undefined;
  /** Client payload bytes (conn.log). */
  readonly origBytes: number | undefined;
  /** Server payload bytes (conn.log). */
  readonly respBytes: number | undefined;
  /** Flow duration, ms (conn.log). */
  readonly durationMs: number | undefined;
  /** conn.log state (`SF`, `S1`...). */
  readonly connState: string | undefined;
  /** The Zeek lines behind this view. */
  readonly evidence: readonly Provenance[];
}

/**
 * What the host logged about a network flow: the session it was.
 *
 * @example
 * ```ts
 * const view: FlowHostView = {
 *   sessionId: 'web1/4242/1717243200000', host: 'web1', user: 'alice', authMethod: 'publickey',
 *   sourceIp: '10.0.1.5', sourcePort: 50022, startTime: 1717243200000, authTime: 1717243200000,
 * };
 * ```
 */
export interface FlowHostView {
  /** The session id (see `SshSession.id`). */
  readonly sessionId: string;
  /** The host that logged it. */
  readonly host: string | undefined;
  /** The authenticated user. */
  readonly user: string | undefined;
  /** The authentication method. */
  readonly authMethod: string | undefined;
  /** Client address as the host logged it. */
  readonly sourceIp: string;
  /** Client port as the host logged it. */
  readonly sourcePort: number;
  /** Session start (host clock). */
  readonly startTime: number;
  /** `Accepted` time (host clock). */
  readonly authTime: number | undefined;
}

/**
 * How the server side of a link was confirmed:
 * - `local_ip`: the session logged the server address and it equals Zeek's `id.resp_h`;
 * - `host_identity`: host identity maps Zeek's `id.resp_h` (own or NAT address) to the session's host;
 * - `client_only`: neither is known; the client address and port alone matched.
 */
export type JoinBasis = 'local_ip' | 'host_identity' | 'client_only';

/**
 * What a {@link SessionJoiner} reports.
 *
 * - `link`: a session and a Zeek connection are the same connection (reported again, with the
 *   merged view, when a later row of the same uid arrives);
 * - `unmatched_network`: a Zeek connection no session matched within the window;
 * - `unmatched_session`: a session no Zeek connection matched (the sensor did not see it).
 *
 * @example
 * ```ts
 * function describe(c: JoinChange): string {
 *   return c.kind === 'link' ? `${c.sessionId} = ${c.network.uid ?? '?'}` : c.kind;
 * }
 * ```
 */
export type JoinChange =
  | {
      /** Discriminant. */
      readonly kind: 'link';
      /** The session id. */
      readonly sessionId: string;
      /** How the server side was confirmed. */
      readonly basis: JoinBasis;
      /** Zeek `ts` minus the session's start: the clock difference (plus logging delay). */
      readonly skewMs: number;
      /** The network view the session gains. */
      readonly network: SessionNetworkView;
      /** The host view the flow gains. */
      readonly session: FlowHostView;
    }
  | {
      /** Discriminant. */
      readonly kind: 'unmatched_network';
      /** The connection. */
      readonly network: SessionNetworkView;
      /** Its ssh.log row, when one was seen. */
      readonly ssh: NetSshEvent | undefined;
    }
  | {
      /** Discriminant. */
      readonly kind: 'unmatched_session';
      /** The session. */
      readonly session: FlowHostView;
    };

/**
 * Options of {@link createSessionJoiner}.
 *
 * @example
 * ```ts
 * const options: SessionJoinerOptions = { skewMs: 60_000, lagMs: 600_000 };
 * ```
 */
export interface SessionJoinerOptions {
  /** Maps Zeek's server address (own or NAT) to a host when the session did not log its local address. */
  readonly identity?: HostIdentity;
  /** Largest clock difference between a host and the sensor (default 120 000 ms). */
  readonly skewMs?: number;
  /** How late, in event time, a row may arrive after its connection ended (default 300 000 ms). */
  readonly lagMs?: number;
  /** Most sessions plus connections held undecided; the oldest are decided early beyond it (default 50 000). */
  readonly maxPending?: number;
  /** Most decided links remembered for late rows of the same uid (default 10 000). */
  readonly maxLinks?: number;
}
