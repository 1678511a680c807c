import type { SshAuthOutcome, SshPeer } from '../../events/ssh.js';
import type { MessageContext, MessageResult } from '../outcome.js';
import { authEvent } from './build.js';
import type { MarkedMessage } from './markers.js';
import { ignored, UNKNOWN } from './miss.js';
import {
  ACCEPTED_CERT,
  ACCEPTED_KEY,
  AUTH_REFUSED,
  INVALID_USER,
  KEY_FROM_REFUSED,
  MAX_ATTEMPTS,
  PAM_ACCESS_DENIED,
  PAM_FOR,
  PROHIBITED,
  ROOT_REFUSED,
  TCPWRAP_REFUSED,
  USER_NOT_ALLOWED,
  USER_NOT_ALLOWED_FROM,
} from './patterns.js';
import { NO_PEER, peerOf } from './peer.js';

function simple(
  m: MarkedMessage,
  c: MessageContext,
  peer: SshPeer,
  outcome: SshAuthOutcome,
  user: string | undefined,
  invalidUser: boolean,
  reason: string | undefined,
): MessageResult {
  return authEvent(c, m, peer, {
    outcome,
    method: undefined,
    submethod: undefined,
    user,
    invalidUser,
    key: undefined,
    keyLocation: undefined,
    reason,
  });
}

/**
 * `Invalid user U from H[ port N]` / `Illegal user U from H`: the user is everything up to the
 * LAST ` from ` that is followed by a host (and port).
 * @internal
 */
export function parseInvalidUser(m: MarkedMessage, c: MessageContext): MessageResult {
  const x = INVALID_USER.exec(m.body);
  if (x === null) return UNKNOWN;
  return simple(m, c, peerOf(x[2], x[3]), 'invalid_user', x[1] ?? '', true, undefined);
}

/**
 * `input_userauth_request: invalid user U` (before 7.5) and `illegal user U` (older).
 * @internal
 */
export function parseInputUserauth(m: MarkedMessage, c: MessageContext): MessageResult {
  const rest = m.body.slice(24);
  if (!rest.startsWith('invalid user ') && !rest.startsWith('illegal user ')) return UNKNOWN;
  return simple(m, c, NO_PEER, 'invalid_user', rest.slice(13), true, undefined);
}

/**
 * `User child is on pid N` is handled by the session family; this parses
 * `User U from H not allowed because R` and `User U not allowed because R`.
 * @internal
 */
export function parseUserNotAllowed(m: MarkedMessage, c: MessageContext): MessageResult {
  const withHost = USER_NOT_ALLOWED_FROM.exec(m.body);
  if (withHost !== null) {
    return simple(
      m,
      c,
      peerOf(withHost[2], undefined),
      'not_allowed',
      withHost[1],
      false,
      withHost[3],
    );
  }
  const plain = USER_NOT_ALLOWED.exec(m.body);
  if (plain === null) return UNKNOWN;
  return simple(m, c, NO_PEER, 'not_allowed', plain[1], false, plain[2]);
}

/** `maximum authentication attempts exceeded for [invalid user ]U from H port N ssh2`. @internal */
export function parseMaxAttempts(m: MarkedMessage, c: MessageContext): MessageResult {
  const x = MAX_ATTEMPTS.exec(m.body);
  if (x === null) return UNKNOWN;
  return simple(
    m,
    c,
    peerOf(x[3], x[4]),
    'max_attempts',
    x[2] ?? '',
    x[1] !== undefined,
    undefined,
  );
}

/**
 * sshd's own PAM lines: `PAM: <pam_strerror> for [illegal user ]U from H[ via L]` is an
 * authentication failure; other `PAM: ...` diagnostics are ignored.
 * @internal
 */
export function parsePamError(m: MarkedMessage, c: MessageContext): MessageResult {
  const body = m.body;
  const forAt = body.indexOf(' for ', 5);
  if (forAt < 0) return ignored('sshd_pam_diagnostic');
  const x = PAM_FOR.exec(body.slice(forAt + 5));
  if (x === null) return ignored('sshd_pam_diagnostic');
  const reason = body.slice(5, forAt);
  return simple(m, c, peerOf(x[3], undefined), 'failure', x[2] ?? '', x[1] !== undefined, reason);
}

/** `ROOT LOGIN REFUSED FROM H[ port N]`. @internal */
export function parseRootRefused(m: MarkedMessage, c: MessageContext): MessageResult {
  const x = ROOT_REFUSED.exec(m.body);
  if (x === null) return UNKNOWN;
  return simple(m, c, peerOf(x[1], x[2]), 'refused', 'root', false, 'root login refused');
}

/** `Authentication refused[ for U]: REASON` (bad modes on authorized_keys and friends). @internal */
export function parseAuthRefused(m: MarkedMessage, c: MessageContext): MessageResult {
  const x = AUTH_REFUSED.exec(m.body);
  if (x === null) return UNKNOWN;
  return simple(m, c, NO_PEER, 'refused', x[1], false, x[2]);
}

/** `Access denied for user U by PAM account configuration`. @internal */
export function parsePamAccessDenied(m: MarkedMessage, c: MessageContext): MessageResult {
  const x = PAM_ACCESS_DENIED.exec(m.body);
  if (x === null) return UNKNOWN;
  return simple(m, c, NO_PEER, 'refused', x[1], false, 'PAM account configuration');
}

/** `administratively prohibited connection for [invalid ]user U from H port N` (9.9+). @internal */
export function parseProhibited(m: MarkedMessage, c: MessageContext): MessageResult {
  const x = PROHIBITED.exec(m.body);
  if (x === null) return UNKNOWN;
  return simple(
    m,
    c,
    peerOf(x[3], x[4]),
    'refused',
    x[2] ?? '',
    x[1] !== undefined,
    'administratively prohibited',
  );
}

/** libwrap's `refused connect from NAME (ADDR)` written under sshd's ident. @internal */
export function parseTcpWrapRefused(m: MarkedMessage, c: MessageContext): MessageResult {
  const x = TCPWRAP_REFUSED.exec(m.body);
  if (x === null) return UNKNOWN;
  return simple(m, c, peerOf(x[2], undefined), 'refused', undefined, false, 'tcp_wrappers');
}

/**
 * `Accepted key T FP found at FILE:LINE` and `Accepted certificate ID "I" (serial N) signed by
 * ... CA T FP (found at|via) LOC` (VERBOSE): outcome `key_found`.
 * @internal
 */
export function parseAcceptedKey(m: MarkedMessage, c: MessageContext): MessageResult {
  const body = m.body;
  if (body.startsWith('Accepted key ')) {
    const x = ACCEPTED_KEY.exec(body);
    if (x === null) return UNKNOWN;
    return authEvent(c, m, NO_PEER, {
      outcome: 'key_found',
      method: 'publickey',
      submethod: undefined,
      user: undefined,
      invalidUser: false,
      key: { type: x[1] ?? '', fingerprint: x[2] ?? '', certificate: undefined },
      keyLocation: x[3],
      reason: undefined,
    });
  }
  const x = ACCEPTED_CERT.exec(body);
  const signer = x === null ? undefined : parseSigner(x[3] ?? '');
  if (x === null || signer === undefined) return UNKNOWN;
  return authEvent(c, m, NO_PEER, {
    outcome: 'key_found',
    method: 'publickey',
    submethod: undefined,
    user: undefined,
    invalidUser: false,
    key: {
      type: signer.type,
      // sshd names the CA here, not the user key: the CA fingerprint is the identifying value.
      fingerprint: signer.caFingerprint,
      certificate: {
        id: x[1] ?? '',
        serial: x[2] ?? '',
        caType: signer.caType,
        caFingerprint: signer.caFingerprint,
      },
    },
    keyLocation: signer.location,
    reason: undefined,
  });
}

/**
 * `LOC: Authentication tried for U with correct key but not from a permitted host (host=H,
 * ip=A, required=R).`: a right key used from outside its `from=` list.
 *
 * @param at - Index of `: Authentication tried for ` in the body.
 * @internal
 */
export function parseKeyFromRefused(
  m: MarkedMessage,
  c: MessageContext,
  at: number,
): MessageResult {
  const x = KEY_FROM_REFUSED.exec(m.body.slice(at + 2));
  if (x === null) return UNKNOWN;
  const ip = x[3] === undefined || x[3].length === 0 ? x[2] : x[3];
  return authEvent(c, m, peerOf(ip, undefined), {
    outcome: 'refused',
    method: 'publickey',
    submethod: undefined,
    user: x[1],
    invalidUser: false,
    key: undefined,
    keyLocation: m.body.slice(0, at),
    reason: 'key not from a permitted host',
  });
}

interface Signer {
  readonly type: string;
  readonly caType: string;
  readonly caFingerprint: string;
  readonly location: string;
}

/** Splits `[TYPE ]CA CATYPE CAFP (found at|via) LOC` (the location is the last part). */
function parseSigner(rest: string): Signer | undefined {
  let cut = rest.indexOf(' found at ');
  let locationAt = cut + 10;
  if (cut < 0) {
    cut = rest.indexOf(' via ');
    locationAt = cut + 5;
  }
  if (cut < 0) return undefined;
  const words = rest.slice(0, cut).split(' ');
  const ca = words.indexOf('CA');
  if (ca < 0 || ca > 1 || words.length !== ca + 3) return undefined;
  return {
    type: ca === 1 ? (words[0] ?? 'CERT') : 'CERT',
    caType: words[ca + 1] ?? '',
    caFingerprint: words[ca + 2] ?? '',
    location: rest.slice(locationAt),
  };
}
