import type { SshPeer, SshProtocolIssue } from '../../events/ssh.js';
import { canonicalIp } from '../../ip.js';
import type { MessageContext, MessageResult } from '../outcome.js';
import { connectionEvent, protocolEvent, serverEvent } from './build.js';
import type { MarkedMessage } from './markers.js';
import { UNKNOWN } from './miss.js';
import {
  ADDRESS_MAPS,
  BAD_VERSION,
  BANNER_EXCHANGE,
  CONNECTION_FROM,
  DROP_CONNECTION,
  NO_IDENT,
  NO_MATCHING,
  OBFUSCATED_HANDSHAKE,
  PENALTY,
  RECEIVED_SIGNAL,
  REVERSE_MAPPING,
  SERVER_LISTENING,
} from './patterns.js';
import { connectionIdEnd, NO_PEER, parseConnectionId, peerOf, toPort } from './peer.js';

function issue(
  m: MarkedMessage,
  c: MessageContext,
  peer: SshPeer,
  kind: SshProtocolIssue,
  detail: string | undefined,
): MessageResult {
  return protocolEvent(c, m, peer, kind, detail);
}

/** `Connection from H port N[ on L port LN[ rdomain "X"]]` (VERBOSE). @internal */
export function parseConnectionFrom(m: MarkedMessage, c: MessageContext): MessageResult {
  const x = CONNECTION_FROM.exec(m.body);
  if (x === null) return UNKNOWN;
  const local = x[3];
  return connectionEvent(
    c,
    m,
    peerOf(x[1], x[2]),
    local === undefined ? undefined : (canonicalIp(local) ?? local),
    toPort(x[4]),
  );
}

/** `Did not receive identification string from H[ port N]` (before 8.0). @internal */
export function parseNoIdent(m: MarkedMessage, c: MessageContext): MessageResult {
  const x = NO_IDENT.exec(m.body);
  if (x === null) return UNKNOWN;
  return issue(m, c, peerOf(x[1], x[2]), 'no_identification', undefined);
}

/**
 * `kex_exchange_identification: ...` (8.0+): a bad banner (`client sent invalid protocol
 * identifier "..."`, `banner line ...`) or a failed identification exchange.
 * @internal
 */
export function parseKexIdentification(m: MarkedMessage, c: MessageContext): MessageResult {
  const detail = m.body.slice(29);
  const bad = detail.startsWith('client sent invalid protocol') || detail.startsWith('banner line');
  return issue(m, c, NO_PEER, bad ? 'bad_banner' : 'kex_failed', detail);
}

/** `banner exchange: Connection from H port N: REASON` (8.0+). @internal */
export function parseBannerExchange(m: MarkedMessage, c: MessageContext): MessageResult {
  const x = BANNER_EXCHANGE.exec(m.body);
  if (x === null) return UNKNOWN;
  return issue(m, c, peerOf(x[1], x[2]), 'bad_banner', x[3]);
}

/**
 * `Bad protocol version identification 'B' from H[ port N]` (≤7.9; the banner is attacker
 * controlled, the host is the last `from`) and `Bad remote protocol version identification: 'B'`.
 * @internal
 */
export function parseBadVersion(m: MarkedMessage, c: MessageContext): MessageResult {
  const body = m.body;
  const x = BAD_VERSION.exec(body);
  if (x !== null) return issue(m, c, peerOf(x[2], x[3]), 'bad_banner', x[1]);
  if (body.startsWith('Bad remote protocol version identification: ')) {
    return issue(m, c, NO_PEER, 'bad_banner', body.slice(44));
  }
  return UNKNOWN;
}

/**
 * `Unable to negotiate with CONNID: no matching X found. Their offer: L`, the old
 * `Unable to negotiate a key exchange method` and `no matching X found: client L server L`.
 * @internal
 */
export function parseNegotiation(m: MarkedMessage, c: MessageContext): MessageResult {
  const body = m.body;
  if (body.startsWith('Unable to negotiate with ')) {
    const colon = connectionIdEnd(body, 25);
    const id = colon < 0 ? undefined : parseConnectionId(body.slice(25, colon));
    if (id !== undefined) return issue(m, c, id.peer, 'negotiation_failed', body.slice(colon + 2));
  }
  if (NO_MATCHING.test(body)) return issue(m, c, NO_PEER, 'negotiation_failed', body);
  return UNKNOWN;
}

/** `ssh_dispatch_run_fatal: Connection from|to CONNID: REASON`. @internal */
export function parseDispatchFatal(m: MarkedMessage, c: MessageContext): MessageResult {
  const body = m.body;
  const start = body.startsWith('ssh_dispatch_run_fatal: Connection from ')
    ? 40
    : body.startsWith('ssh_dispatch_run_fatal: Connection to ')
      ? 38
      : -1;
  if (start < 0) return UNKNOWN;
  const colon = connectionIdEnd(body, start);
  const id = colon < 0 ? undefined : parseConnectionId(body.slice(start, colon));
  if (id === undefined) return UNKNOWN;
  return issue(m, c, id.peer, 'dispatch_fatal', body.slice(colon + 2));
}

/** The listener's `drop connection #N from [H]:P on [L]:LP REASON`. @internal */
export function parseDropConnection(m: MarkedMessage, c: MessageContext): MessageResult {
  const x = DROP_CONNECTION.exec(m.body);
  if (x === null) return UNKNOWN;
  return issue(m, c, peerOf(x[1], x[2]), 'dropped', x[3]);
}

/** The listener's `srclimit_penalise: FAMILY: new ADDR/MASK active penalty of S seconds for R`. @internal */
export function parsePenalty(m: MarkedMessage, c: MessageContext): MessageResult {
  const x = PENALTY.exec(m.body);
  if (x === null) return UNKNOWN;
  const address = x[1] ?? '';
  const mask = x[2];
  // A single address (or no mask) names the peer; a wider mask names a network, kept in detail.
  const single = mask === undefined || mask === '32' || mask === '128';
  const peer = single ? peerOf(address, undefined) : NO_PEER;
  return issue(
    m,
    c,
    peer,
    'penalty',
    mask === undefined ? x[3] : `${address}/${mask} ${x[3] ?? ''}`,
  );
}

/** The listener's `REASON logging rate-limited: additional N connections dropped`. @internal */
export function parseRateLimited(m: MarkedMessage, c: MessageContext): MessageResult {
  return issue(m, c, NO_PEER, 'rate_limited', m.body);
}

/**
 * UseDNS mismatches: `reverse mapping checking getaddrinfo for NAME [ADDR] failed[ - POSSIBLE
 * BREAK-IN ATTEMPT!]`, `Address ADDR maps to NAME, but this does not map back to the address`,
 * `Nasty PTR record ...`. The name goes to `detail`.
 * @internal
 */
export function parseDnsMismatch(m: MarkedMessage, c: MessageContext): MessageResult {
  const body = m.body;
  const reverse = REVERSE_MAPPING.exec(body);
  if (reverse !== null)
    return issue(m, c, peerOf(reverse[2], undefined), 'dns_mismatch', reverse[1]);
  const maps = ADDRESS_MAPS.exec(body);
  if (maps !== null) return issue(m, c, peerOf(maps[1], undefined), 'dns_mismatch', maps[2]);
  if (body.startsWith('Nasty PTR record ')) return issue(m, c, NO_PEER, 'dns_mismatch', body);
  return UNKNOWN;
}

/** `Server listening on ADDR port P.`, `Received signal N; terminating.`, `Received SIGHUP; restarting.` @internal */
export function parseServer(m: MarkedMessage, c: MessageContext): MessageResult {
  const body = m.body;
  const listening = SERVER_LISTENING.exec(body);
  if (listening !== null) {
    const address = listening[1] ?? '';
    return serverEvent(c, m, 'listening', canonicalIp(address) ?? address, toPort(listening[2]));
  }
  const signal = RECEIVED_SIGNAL.exec(body);
  if (signal === null) return UNKNOWN;
  return serverEvent(
    c,
    m,
    signal[1] === undefined ? 'restarting' : 'terminating',
    undefined,
    undefined,
  );
}

/** `Connection timed out during banner exchange` (8.0+). @internal */
export function parseBannerTimeout(m: MarkedMessage, c: MessageContext): MessageResult {
  return issue(m, c, NO_PEER, 'banner_timeout', undefined);
}

/** Packet-level corruption before `ssh_dispatch_run_fatal` existed: `Corrupted MAC on input.`, `Bad packet length N.` @internal */
export function parsePacketError(m: MarkedMessage, c: MessageContext): MessageResult {
  return issue(m, c, NO_PEER, 'dispatch_fatal', m.body);
}

/**
 * The non-upstream obfuscated-handshake patch: `Magic value check failed (N) on obfuscated
 * handshake from H port N` (a scanner or a plain client hitting an obfuscated port).
 * @internal
 */
export function parseObfuscatedHandshake(m: MarkedMessage, c: MessageContext): MessageResult {
  const x = OBFUSCATED_HANDSHAKE.exec(m.body);
  if (x === null) return UNKNOWN;
  return issue(
    m,
    c,
    peerOf(x[1], x[2]),
    'bad_banner',
    'obfuscated handshake: magic value check failed',
  );
}
