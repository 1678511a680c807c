import type { PamAuthEvent, PamSessionEvent } from '../../events/auth.js';
import { canonicalIp } from '../../ip.js';
import { readPamFailureFields } from '../auth/pam-failure-fields.js';
import type { HotContext } from './hot-context.js';
import { hotPamSession } from './hot-pam-session.js';
import { bulk, literalAt } from './text-at.js';

const L_AUTHENTICATION_FAILURE = bulk('authentication failure;');
const L_CHECK_PASS_USER_UNKNOWN = bulk('check pass; user unknown');

const PREFIX = bulk('pam_unix(sshd:auth): ');
// `pam_unix(SERVICE:session): ` for the services of SSH logins and privilege changes (none
// of them an irrelevant service, which the general path ignores).
const SESSION_PREFIXES = [
  bulk('pam_unix(sshd:session): '),
  bulk('pam_unix(sudo:session): '),
  bulk('pam_unix(su:session): '),
  bulk('pam_unix(su-l:session): '),
  bulk('pam_unix(sudo-i:session): '),
  bulk('pam_unix(login:session): '),
];
const SESSION_SERVICES = ['sshd', 'sudo', 'su', 'su-l', 'sudo-i', 'login'];

/**
 * pam_unix's `pam_unix(sshd:auth): authentication failure; ...` and `check pass; user
 * unknown` (what `parsePamMessage` reads from them), and pam_unix's `session opened|closed`
 * lines of the SSH and privilege services, for a message that runs to the end of the
 * line and does not end in `]` (no relay marker to strip). `undefined` for anything else.
 *
 * @internal
 */
export function hotPam(h: HotContext): PamAuthEvent | PamSessionEvent | undefined {
  const text = h.text;
  const end = h.envelope.end;
  const start = h.envelope.start;
  if (end !== text.length || text.charCodeAt(end - 1) === 93) return undefined;
  if (!literalAt(text, start, PREFIX, end)) {
    for (let k = 0; k < SESSION_PREFIXES.length; k++) {
      const prefix = SESSION_PREFIXES[k] as string;
      if (literalAt(text, start, prefix, end)) {
        return hotPamSession(h, start + prefix.length, end, SESSION_SERVICES[k] as string);
      }
    }
    return undefined;
  }
  const body = start + PREFIX.length;
  if (literalAt(text, body, L_AUTHENTICATION_FAILURE, end)) {
    // The tail reader works to the end of its text: here the message's end.
    const fields = readPamFailureFields(text, body + 23);
    const rhost = fields.rhost;
    const ip = rhost === undefined ? undefined : canonicalIp(rhost);
    return pamAuth(
      h,
      'failure',
      fields.user,
      fields.ruser,
      ip,
      ip === undefined ? rhost : undefined,
      fields.tty,
    );
  }
  if (literalAt(text, body, L_CHECK_PASS_USER_UNKNOWN, end)) {
    return pamAuth(h, 'user_unknown', undefined, undefined, undefined, undefined, undefined);
  }
  return undefined;
}

function pamAuth(
  h: HotContext,
  outcome: PamAuthEvent['outcome'],
  user: string | undefined,
  ruser: string | undefined,
  sourceIp: string | undefined,
  sourceName: string | undefined,
  tty: string | undefined,
): PamAuthEvent {
  const e = h.envelope;
  return {
    kind: 'pam.auth',
    time: e.time,
    timeBasis: e.timeBasis,
    host: h.host,
    program: e.program,
    pid: e.pid,
    repeat: e.repeat,
    source: h.source,
    service: 'sshd',
    module: 'pam_unix',
    outcome,
    user,
    ruser,
    sourceIp,
    sourceName,
    tty,
    count: 1,
  };
}
