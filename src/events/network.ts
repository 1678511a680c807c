import type { EventBase } from './base.js';

/**
 * The connection 4-tuple of a Zeek record (`id.orig_h`, `id.orig_p`, `id.resp_h`,
 * `id.resp_p`). Addresses are canonical (see `canonicalIp`).
 *
 * @example
 * ```ts
 * const id: ZeekConnId = { origIp: '10.0.0.5', origPort: 50022, respIp: '10.0.0.9', respPort: 22 };
 * ```
 */
export interface ZeekConnId {
  /** Originator (client) address. */
  readonly origIp: string;
  /** Originator port. */
  readonly origPort: number;
  /** Responder (server) address. */
  readonly respIp: string;
  /** Responder port. */
  readonly respPort: number;
}

/**
 * Fields every Zeek record event carries. `time` is the record's `ts` (the connection start)
 * in epoch milliseconds with microsecond decimals; `host` is the sensor name (the parser's
 * `host` option) or `undefined`; `program` is `'zeek'`; `pid` is `undefined`; `repeat` is 1;
 * `timeBasis` is `{ year: 'line', zone: 'line' }` (Zeek times are UTC epoch values).
 *
 * @example
 * ```ts
 * function key(e: ZeekEventBase): string {
 *   return `${e.origIp}:${e.origPort}>${e.respIp}:${e.respPort}`;
 * }
 * ```
 */
export interface ZeekEventBase extends EventBase, ZeekConnId {
  /** Zeek's connection uid (`C...`), shared by the ssh.log and conn.log rows of a connection. */
  readonly uid: string | undefined;
}

/**
 * One Zeek `ssh.log` record: what the network sensor saw of an SSH connection. Banners and
 * algorithm names are client- or server-chosen text (treat as data). `authSuccess` and
 * `authAttempts` are Zeek's packet-size heuristics, not ground truth.
 *
 * @example
 * ```ts
 * function banner(e: NetSshEvent): string {
 *   return `${e.client ?? '?'} -> ${e.server ?? '?'} success=${String(e.authSuccess)}`;
 * }
 * ```
 */
export interface NetSshEvent extends ZeekEventBase {
  /** Discriminant. */
  readonly kind: 'net.ssh';
  /** SSH major protocol version (1 or 2; SSH-1.99 shows as 2), when determined. */
  readonly version: number | undefined;
  /** `T`/`F` from Zeek's heuristic; `undefined` when Zeek could not tell (`-`). */
  readonly authSuccess: boolean | undefined;
  /** Authentication attempts Zeek counted on the wire. */
  readonly authAttempts: number | undefined;
  /** `INBOUND`/`OUTBOUND` (set only when `Site::local_nets` is configured). */
  readonly direction: 'INBOUND' | 'OUTBOUND' | undefined;
  /** Client banner (`SSH-2.0-OpenSSH_9.6`). */
  readonly client: string | undefined;
  /** Server banner. */
  readonly server: string | undefined;
  /** Negotiated cipher. */
  readonly cipherAlg: string | undefined;
  /** Negotiated MAC. */
  readonly macAlg: string | undefined;
  /** Negotiated compression. */
  readonly compressionAlg: string | undefined;
  /** Negotiated key exchange. */
  readonly kexAlg: string | undefined;
  /** Server host key algorithm (Zeek writes `Algorithm negotiation failed` here on failure). */
  readonly hostKeyAlg: string | undefined;
  /** Server host key fingerprint: `host_key_fingerprint` (SHA256, Zeek 8.1+) or legacy `host_key` (MD5 hex). */
  readonly hostKeyFingerprint: string | undefined;
  /** hassh client fingerprint (salesforce hassh package), when logged. */
  readonly hassh: string | undefined;
  /** hassh server fingerprint, when logged. */
  readonly hasshServer: string | undefined;
}

/**
 * One Zeek `conn.log` record: a flow summary. Byte and packet counts are `undefined` when
 * Zeek did not compute them (`-`).
 *
 * @example
 * ```ts
 * function ratio(e: NetFlowEvent): number | undefined {
 *   return e.origBytes && e.respBytes !== undefined ? e.respBytes / e.origBytes : undefined;
 * }
 * ```
 */
export interface NetFlowEvent extends ZeekEventBase {
  /** Discriminant. */
  readonly kind: 'net.flow';
  /** Transport protocol (`tcp`, `udp`, `icmp`, `unknown_transport`). */
  readonly proto: string | undefined;
  /** Detected application protocol(s) as logged (`ssh`, `ssl,http`). */
  readonly service: string | undefined;
  /** Flow duration in milliseconds. */
  readonly durationMs: number | undefined;
  /** Payload bytes sent by the originator. */
  readonly origBytes: number | undefined;
  /** Payload bytes sent by the responder. */
  readonly respBytes: number | undefined;
  /** Packets sent by the originator. */
  readonly origPkts: number | undefined;
  /** Packets sent by the responder. */
  readonly respPkts: number | undefined;
  /** IP-level bytes sent by the originator. */
  readonly origIpBytes: number | undefined;
  /** IP-level bytes sent by the responder. */
  readonly respIpBytes: number | undefined;
  /** Bytes missed (content gaps). */
  readonly missedBytes: number | undefined;
  /** Connection state (`S0`, `SF`, `REJ`, `RSTO`...). */
  readonly connState: string | undefined;
  /** TCP history letters (upper case: originator). */
  readonly history: string | undefined;
  /** Originator inside `Site::local_nets`. */
  readonly localOrig: boolean | undefined;
  /** Responder inside `Site::local_nets`. */
  readonly localResp: boolean | undefined;
  /** IP protocol number (Zeek 7.1+). */
  readonly ipProto: number | undefined;
  /** Community ID flow hash, when logged. */
  readonly communityId: string | undefined;
}

/**
 * Every network-telemetry event (Zeek).
 *
 * @example
 * ```ts
 * function uidOf(e: NetworkEvent): string | undefined {
 *   return e.uid;
 * }
 * ```
 */
export type NetworkEvent = NetSshEvent | NetFlowEvent;
