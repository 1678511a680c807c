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
  if (x === null) return UNKNOWN;
  return authEvent(c, m, NO_PEER, {
    outcome: 'key_found',
    method: 'publickey',
    submethod: undefined,
    user: undefined,
    invalidUser: false,
    key: {
      type: x[3] ?? 'CERT',
      fingerprint: x[5] ?? '',
      certificate: {
        id: x[1] ?? '',
        serial: x[2] ?? '',
        caType: x[4] ?? '',
        caFingerprint: x[5] ?? '',
      },
    },
    keyLocation: x[6],
    reason: undefined,
  });
}
