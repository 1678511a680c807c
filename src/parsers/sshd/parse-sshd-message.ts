import type { MessageContext, MessageResult } from '../outcome.js';
import {
  parseAcceptedKey,
  parseAuthRefused,
  parseInputUserauth,
  parseInvalidUser,
  parseKeyFromRefused,
  parseMaxAttempts,
  parsePamAccessDenied,
  parsePamError,
  parseProhibited,
  parseRootRefused,
  parseTcpWrapRefused,
  parseUserNotAllowed,
} from './auth.js';
import { parseAuthLog } from './auth-log.js';
import {
  parseClientTimeout,
  parseClosing,
  parseConnIdDisconnect,
  parseDisconnecting,
  parsePreauthTimeout,
  parseReadError,
  parseReceivedDisconnect,
  parseSessionProcess,
} from './disconnect.js';
import { stripMarkers } from './markers.js';
import { ignored, UNKNOWN } from './miss.js';
import {
  parseBadVersion,
  parseBannerExchange,
  parseBannerTimeout,
  parseConnectionFrom,
  parseDispatchFatal,
  parseDnsMismatch,
  parseDropConnection,
  parseKexIdentification,
  parseNegotiation,
  parseNoIdent,
  parseObfuscatedHandshake,
  parsePacketError,
  parsePenalty,
  parseRateLimited,
  parseServer,
} from './protocol.js';
import {
  parseAgentTwice,
  parseChannelRequest,
  parseCloseSession,
  parseForwardDebug,
  parseRefusedForward,
  parseStartingSession,
  parseSubsystemRequest,
  parseTransferred,
  parseUserChild,
} from './session.js';

const NOT_SSHD = { kind: 'unrecognized', reason: 'not_sshd_message' } as const;

/**
 * Parses the message text sshd (or `sshd-session` / `sshd-auth`) wrote, i.e. what follows
 * `sshd[pid]: ` in the log line, into an {@link SshEvent}. Covers the INFO and VERBOSE messages
 * of OpenSSH 3.x to 10.x, the DEBUG1 channel requests (agent forwarding, X11, port forwarding),
 * `error:`/`fatal:`/`debugN:` prefixes (`prefix`) and the `[preauth]` suffix (`preauth`).
 *
 * The function is total and linear-time: it never throws, dispatches on the first word and tries
 * one anchored pattern per family. Peers are parsed from the RIGHT end of the message, so user
 * names such as `x from 6.6.6.6 port 22` cannot change the reported source address.
 *
 * @param message - The message text after the program tag.
 * @param context - The envelope fields (time, host, program, pid...) copied into the event.
 * @returns An event, `ignored` for known-but-irrelevant sshd lines (other debug output), or
 *   `unrecognized` (`unknown_sshd_message`, or `not_sshd_message` for libpam's own
 *   `pam_*`/`PAM ` lines, which belong to the PAM parser).
 * @example
 * ```ts
 * const result = parseSshdMessage(
 *   'Invalid user x from 6.6.6.6 port 22 from 1.2.3.4 port 5',
 *   context,
 * );
 * // result.kind === 'ssh.auth', outcome 'invalid_user', user 'x from 6.6.6.6 port 22', sourceIp '1.2.3.4'
 * ```
 */
export function parseSshdMessage(message: string, context: MessageContext): MessageResult {
  if (message.startsWith('pam_') || message.startsWith('PAM ')) return NOT_SSHD;
  const m = stripMarkers(message);
  const result = dispatch(m, context);
  // DEBUG output is open-ended: a debug line we do not read is noise, not an unknown message.
  const unknown = result.kind === 'unrecognized' && result.reason === UNKNOWN.reason;
  return unknown && m.prefix?.startsWith('debug') ? ignored('sshd_debug') : result;
}

function dispatch(m: ReturnType<typeof stripMarkers>, context: MessageContext): MessageResult {
  const body = m.body;
  const space = body.indexOf(' ');
  const word = space < 0 ? body : body.slice(0, space);
  const c = context;
  switch (word) {
    case 'Accepted':
      return body.startsWith('Accepted key ') || body.startsWith('Accepted certificate ')
        ? parseAcceptedKey(m, c)
        : parseAuthLog(m, c);
    case 'Failed':
    case 'Partial':
    case 'Postponed':
      return parseAuthLog(m, c);
    case 'Invalid':
    case 'Illegal':
      return parseInvalidUser(m, c);
    case 'input_userauth_request:':
      return parseInputUserauth(m, c);
    case 'User':
      return body.startsWith('User child is on pid ')
        ? parseUserChild(m, c)
        : parseUserNotAllowed(m, c);
    case 'maximum':
      return parseMaxAttempts(m, c);
    case 'PAM:':
      return parsePamError(m, c);
    case 'ROOT':
      return parseRootRefused(m, c);
    case 'Authentication':
      return parseAuthRefused(m, c);
    case 'Access':
      return parsePamAccessDenied(m, c);
    case 'administratively':
      return parseProhibited(m, c);
    case 'refused':
      return body.startsWith('refused connect from ')
        ? parseTcpWrapRefused(m, c)
        : parseRefusedForward(m, c);
    case 'Connection':
      return parseConnectionFamily(m, c);
    case 'Disconnected':
      return body.startsWith('Disconnected from ')
        ? parseConnIdDisconnect(m, c, 18, 'disconnected')
        : UNKNOWN;
    case 'Disconnecting':
    case 'Disconnecting:':
      return parseDisconnecting(m, c);
    case 'Received':
      return parseReceived(m, c);
    case 'Timeout':
      return parsePreauthTimeout(m, c);
    case 'Timeout,':
      return parseClientTimeout(m, c);
    case 'Read':
    case 'Write':
      return parseReadError(m, c);
    case 'terminating':
      return body.startsWith('terminating inactive connection from ')
        ? parseConnIdDisconnect(m, c, 37, 'inactive')
        : UNKNOWN;
    case 'Closing':
      return parseClosing(m, c);
    case 'session':
    case 'Session':
      return parseSessionProcess(m, c);
    case 'Starting':
      return parseStartingSession(m, c);
    case 'Close':
      return parseCloseSession(m, c);
    case 'Transferred:':
      return parseTransferred(m, c);
    case 'server_input_channel_req:':
    case 'session_input_channel_req:':
      return parseChannelRequest(m, c);
    case 'server_input_global_request:':
    case 'server_request_direct_tcpip:':
    case 'server_request_direct_streamlocal:':
    case 'server_input_channel_open:':
      return parseForwardDebug(m, c);
    case 'subsystem':
      return parseSubsystemRequest(m, c);
    case 'authentication':
      return body === 'authentication forwarding requested twice.'
        ? parseAgentTwice(m, c)
        : UNKNOWN;
    case 'Did':
      return parseNoIdent(m, c);
    case 'kex_exchange_identification:':
      return parseKexIdentification(m, c);
    case 'banner':
      return parseBannerExchange(m, c);
    case 'Bad':
      return body.startsWith('Bad packet length ') ? parsePacketError(m, c) : parseBadVersion(m, c);
    case 'Unable':
    case 'no':
      return parseNegotiation(m, c);
    case 'ssh_dispatch_run_fatal:':
      return parseDispatchFatal(m, c);
    case 'drop':
      return parseDropConnection(m, c);
    case 'srclimit_penalise:':
      return parsePenalty(m, c);
    case 'reverse':
    case 'Address':
    case 'Nasty':
      return parseDnsMismatch(m, c);
    case 'Server':
      return parseServer(m, c);
    case 'Changed':
      return body.startsWith('Changed root directory to ') ? ignored('sshd_chroot') : UNKNOWN;
    case 'Set':
      return body.startsWith('Set /proc/self/oom_score_adj') ? ignored('sshd_oom_adjust') : UNKNOWN;
    case 'Corrupted':
      return body === 'Corrupted MAC on input.' ? parsePacketError(m, c) : UNKNOWN;
    case 'Magic':
      return parseObfuscatedHandshake(m, c);
    case 'Could':
      return body.startsWith('Could not ') ? ignored('sshd_diagnostic') : UNKNOWN;
    case 'SSH:':
      // Non-upstream audit patch (`SSH: Server;Ltype: ...`): known, carries nothing new.
      return ignored('sshd_audit_patch');
    default:
      if (body.includes(' logging rate-limited: additional ')) return parseRateLimited(m, c);
      if (body.includes(': Authentication tried for ')) {
        return parseKeyFromRefused(m, c, body.indexOf(': Authentication tried for '));
      }
      if (m.prefix?.startsWith('debug')) return ignored('sshd_debug');
      return UNKNOWN;
  }
}

function parseConnectionFamily(
  m: Parameters<typeof parseConnectionFrom>[0],
  c: MessageContext,
): MessageResult {
  const body = m.body;
  if (body.startsWith('Connection from ')) {
    return body.endsWith(' timed out') ? parseTimedOut(m, c) : parseConnectionFrom(m, c);
  }
  if (body.startsWith('Connection closed by ')) return parseConnIdDisconnect(m, c, 21, 'closed');
  if (body.startsWith('Connection reset by ')) return parseConnIdDisconnect(m, c, 20, 'reset');
  if (body === 'Connection timed out during banner exchange') return parseBannerTimeout(m, c);
  return UNKNOWN;
}

function parseTimedOut(
  m: Parameters<typeof parseConnectionFrom>[0],
  c: MessageContext,
): MessageResult {
  const body = m.body;
  return parseConnIdDisconnect(
    { prefix: m.prefix, preauth: m.preauth, body: body.slice(0, -10) },
    c,
    16,
    'timeout',
  );
}

function parseReceived(
  m: Parameters<typeof parseConnectionFrom>[0],
  c: MessageContext,
): MessageResult {
  const body = m.body;
  if (body.startsWith('Received disconnect from ')) return parseReceivedDisconnect(m, c);
  if (body.startsWith('Received request ')) return parseRefusedForward(m, c);
  return parseServer(m, c);
}
