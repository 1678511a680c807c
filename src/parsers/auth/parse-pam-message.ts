import type { PamAuthEvent, PamSessionEvent } from '../../events/auth.js';
import { canonicalIp } from '../../ip.js';
import type { MessageContext, MessageMiss, MessageResult } from '../outcome.js';
import { readPamFailureFields } from './pam-failure-fields.js';
import { IRRELEVANT_MODULES, IRRELEVANT_SERVICES, PAM_API_CALLS } from './pam-noise.js';
import { readPamPrefix } from './pam-prefix.js';
import {
  PAM_ACCESS_DENIED_PATTERN,
  PAM_ACCOUNT_DENIED_PATTERN,
  PAM_EXPIRED_PASSWORD_PATTERN,
  PAM_FAILLOCK_PATTERN,
  PAM_LISTFILE_REFUSED_PATTERN,
  PAM_MAX_RETRIES_PATTERN,
  PAM_MORE_FAILURES_PATTERN,
  PAM_SESSION_PATTERN,
  PAM_TALLY_PATTERN,
} from './patterns.js';

const NOT_PAM: MessageMiss = { kind: 'unrecognized', reason: 'not_pam_message' };
const UNKNOWN: MessageMiss = { kind: 'unrecognized', reason: 'unknown_pam_message' };
const IRRELEVANT_SERVICE: MessageMiss = { kind: 'ignored', reason: 'irrelevant_service' };
const IRRELEVANT_MODULE: MessageMiss = { kind: 'ignored', reason: 'irrelevant_pam_module' };
const PAM_API: MessageMiss = { kind: 'ignored', reason: 'pam_api_report' };
const NO_PASSWORD: MessageMiss = { kind: 'ignored', reason: 'pam_no_password' };
const PASSWORD_NOTICE: MessageMiss = { kind: 'ignored', reason: 'pam_password_notice' };
const PAM_CONFIG: MessageMiss = { kind: 'ignored', reason: 'pam_config_error' };

type AuthOutcome = PamAuthEvent['outcome'];

/**
 * Parses a PAM message, whichever program wrote it (sshd, su, sudo, login...):
 * `pam_<module>(<service>:<type>): ...`, `pam_<module>: ...`, `(pam_unix) ...`, libpam's
 * `PAM ...`, and the pre-0.99 form whose program tag is `<service>(pam_unix)`.
 *
 * - `session opened|closed for user ...` (every Linux-PAM generation) gives `pam.session`.
 * - `authentication failure; logname= ... rhost=H  user=U` gives a `pam.auth` failure;
 *   `N more authentication failure(s); ...` gives a failure with `count` N: pam_unix logs the
 *   first failure of a PAM handle on its own line and sums up the others when the handle is
 *   released, so N is the number of failures that line adds.
 * - `check pass; user unknown` and pam_succeed_if's `error retrieving information about user U`
 *   give `user_unknown`; `PAM service(S) ignoring max retries; a > b`
 *   gives `max_retries`; account expiry, expired password, pam_tally and pam_faillock lock-outs,
 *   pam_listfile refusals and pam_access denials (with the origin host as source) give
 *   `account_denied`. These carry `count` 1.
 * - Services that carry nothing for SSH (`cron`, `CRON`, `crond`, `atd`, `systemd-user`),
 *   known-irrelevant modules (`pam_systemd`, `pam_env`...) and application reports of PAM
 *   calls (`pam_authenticate: ...`) are `ignored`; other text is `unrecognized`.
 *
 * The `rhost` of a failure becomes `sourceIp` when it is an IP (canonicalised), else
 * `sourceName`. A trailing ` [preauth]` relayed by sshd's monitor is dropped.
 *
 * @param message - The message text after the program tag.
 * @param context - Envelope fields copied into the event (`context.program` decides the
 *   service when the message does not name one).
 * @returns A `pam.session` or `pam.auth` event, or an `ignored`/`unrecognized` miss.
 * @example
 * ```ts
 * const r = parsePamMessage(
 *   'pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=192.0.2.112  user=root',
 *   context,
 * );
 * // r.kind === 'pam.auth', r.outcome === 'failure', r.sourceIp === '192.0.2.112', r.user === 'root'
 * ```
 */
export function parsePamMessage(message: string, context: MessageContext): MessageResult {
  const prefix = readPamPrefix(message, context.program);
  if (prefix === undefined) return NOT_PAM;
  const { module, service } = prefix;
  if (IRRELEVANT_SERVICES.has(service)) return IRRELEVANT_SERVICE;
  const body = stripRelayMarker(prefix.bodyAt === 0 ? message : message.slice(prefix.bodyAt));
  const first = body.charCodeAt(0);
  if (first >= 48 && first <= 57) {
    const more = PAM_MORE_FAILURES_PATTERN.exec(body);
    const count = more === null ? 0 : Number(more[1]);
    if (more !== null && count >= 1) {
      return failure(body, more[0].length, count, service, module, context);
    }
  } else if (body.startsWith('session ')) {
    return sessionEvent(body, service, context) ?? UNKNOWN;
  } else if (body.startsWith('authentication failure;')) {
    return failure(body, 23, 1, service, module, context);
  } else if (body.startsWith('check pass; user unknown')) {
    return simpleAuth(context, service, module, 'user_unknown', undefined);
  } else if (body.startsWith('error retrieving information about user ')) {
    // pam_succeed_if on a name with no account: the rest of the line is the client's name.
    return simpleAuth(context, service, module, 'user_unknown', body.slice(40) || undefined);
  } else if (module === 'PAM' && body.startsWith('service(')) {
    return maxRetries(body, context);
  } else if (body.startsWith('account ')) {
    return accountDenied(body, PAM_ACCOUNT_DENIED_PATTERN, service, module, context);
  } else if (body.startsWith('expired password for user ')) {
    return accountDenied(body, PAM_EXPIRED_PASSWORD_PATTERN, service, module, context);
  } else if (body.startsWith('user ') && body.includes(' tally ')) {
    return accountDenied(body, PAM_TALLY_PATTERN, service, module, context);
  } else if (body.startsWith('Consecutive login failures for user ')) {
    return accountDenied(body, PAM_FAILLOCK_PATTERN, service, module, context);
  } else if (body.startsWith('Refused user ')) {
    return accountDenied(body, PAM_LISTFILE_REFUSED_PATTERN, service, module, context);
  } else if (body.startsWith('access denied for user ')) {
    return accessDenied(body, service, module, context);
  } else if (
    body.startsWith('auth could not identify password for ') ||
    body.startsWith('conversation failed')
  ) {
    return NO_PASSWORD;
  } else if (body.startsWith('password ')) {
    return PASSWORD_NOTICE;
  } else if (body.startsWith('unable to dlopen') || body.startsWith('adding faulty module')) {
    return PAM_CONFIG;
  }
  if (IRRELEVANT_MODULES.has(module)) return IRRELEVANT_MODULE;
  if (PAM_API_CALLS.has(module)) return PAM_API;
  return UNKNOWN;
}

function stripRelayMarker(body: string): string {
  if (!body.endsWith(']')) return body;
  if (body.endsWith(' [preauth]')) return body.slice(0, -10);
  if (body.endsWith(' [postauth]')) return body.slice(0, -11);
  return body;
}

function sessionEvent(
  body: string,
  service: string,
  context: MessageContext,
): PamSessionEvent | undefined {
  const m = PAM_SESSION_PATTERN.exec(body);
  const user = m?.[2];
  if (m === null || user === undefined) return undefined;
  return {
    kind: 'pam.session',
    time: context.time,
    timeBasis: context.timeBasis,
    host: context.host,
    program: context.program,
    pid: context.pid,
    repeat: context.repeat,
    source: context.source,
    service,
    action: m[1] === 'opened' ? 'open' : 'close',
    user,
    uid: optionalNumber(m[3]),
    byUser: m[4],
    byUid: optionalNumber(m[5]),
  };
}

function failure(
  body: string,
  tailAt: number,
  count: number,
  service: string,
  module: string,
  context: MessageContext,
): PamAuthEvent {
  const fields = readPamFailureFields(body, tailAt);
  const rhost = fields.rhost;
  const ip = rhost === undefined ? undefined : canonicalIp(rhost);
  return authEvent(
    context,
    service,
    module,
    'failure',
    fields.user,
    fields.ruser,
    ip,
    ip === undefined ? rhost : undefined,
    count,
    fields.tty,
  );
}

function maxRetries(body: string, context: MessageContext): MessageResult {
  const m = PAM_MAX_RETRIES_PATTERN.exec(body);
  const service = m?.[1];
  if (service === undefined) return UNKNOWN;
  if (IRRELEVANT_SERVICES.has(service)) return IRRELEVANT_SERVICE;
  return simpleAuth(context, service, 'PAM', 'max_retries', undefined);
}

function accountDenied(
  body: string,
  pattern: RegExp,
  service: string,
  module: string,
  context: MessageContext,
): MessageResult {
  const user = pattern.exec(body)?.[1];
  if (user === undefined) return UNKNOWN;
  return simpleAuth(context, service, module, 'account_denied', user);
}

function simpleAuth(
  context: MessageContext,
  service: string,
  module: string,
  outcome: AuthOutcome,
  user: string | undefined,
): PamAuthEvent {
  return authEvent(
    context,
    service,
    module,
    outcome,
    user,
    undefined,
    undefined,
    undefined,
    1,
    undefined,
  );
}

function accessDenied(
  body: string,
  service: string,
  module: string,
  context: MessageContext,
): MessageResult {
  const m = PAM_ACCESS_DENIED_PATTERN.exec(body);
  const user = m?.[1];
  const origin = m?.[2];
  if (user === undefined || origin === undefined) return UNKNOWN;
  const ip = canonicalIp(origin);
  // pam_access names the remote host, or the tty (`tty1`, `pts/0`, `:0`) of a local login.
  const local =
    ip === undefined &&
    (origin.startsWith('/') ||
      origin.startsWith(':') ||
      origin.startsWith('tty') ||
      origin.startsWith('pts/') ||
      origin === 'console');
  return authEvent(
    context,
    service,
    module,
    'account_denied',
    user,
    undefined,
    ip,
    ip === undefined && !local && origin.length > 0 ? origin : undefined,
    1,
    local ? origin : undefined,
  );
}

function authEvent(
  context: MessageContext,
  service: string,
  module: string,
  outcome: AuthOutcome,
  user: string | undefined,
  ruser: string | undefined,
  sourceIp: string | undefined,
  sourceName: string | undefined,
  count: number,
  tty: string | undefined,
): PamAuthEvent {
  return {
    kind: 'pam.auth',
    time: context.time,
    timeBasis: context.timeBasis,
    host: context.host,
    program: context.program,
    pid: context.pid,
    repeat: context.repeat,
    source: context.source,
    service,
    module,
    outcome,
    user,
    ruser,
    sourceIp,
    sourceName,
    tty,
    count,
  };
}

function optionalNumber(text: string | undefined): number | undefined {
  return text === undefined ? undefined : Number(text);
}
