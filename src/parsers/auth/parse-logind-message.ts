import type { LogindSessionEvent } from '../../events/auth.js';
import type { MessageContext, MessageMiss, MessageResult } from '../outcome.js';

const OTHER: MessageMiss = { kind: 'ignored', reason: 'logind_other' };
const BAD_SESSION: MessageMiss = { kind: 'unrecognized', reason: 'unknown_logind_session_message' };

const MAX_TOKEN = 256;

/**
 * Parses a systemd-logind message. Session lifecycle lines give `logind.session`:
 * `New session 12 of user alice.` (`new`), `Session 12 logged out. Waiting for processes to
 * exit.` (`logged_out`) and `Removed session 12.` (`removed`). Session ids may be prefixed
 * (`c1`). The quoted form of newer systemd (`New session '12' of user 'alice' with class
 * 'user' and type 'tty'.`) is read too. Every other logind line (`Watching system buttons
 * ...`, `New seat seat0.`, `Power key pressed.`...) is `ignored`; a session line that does not
 * parse is `unrecognized`. `leaderPid` is left `undefined`: only journald's `LEADER` field
 * carries it.
 *
 * @param message - The message text after the program tag.
 * @param context - Envelope fields copied into the event.
 * @returns A `logind.session` event, or an `ignored`/`unrecognized` miss.
 * @example
 * ```ts
 * const r = parseLogindMessage('New session 12 of user alice.', context);
 * // r.kind === 'logind.session', r.action === 'new', r.sessionId === '12', r.user === 'alice'
 * ```
 */
export function parseLogindMessage(message: string, context: MessageContext): MessageResult {
  if (message.startsWith('New session ')) {
    const of = message.indexOf(' of user ', 12);
    if (of === -1) return BAD_SESSION;
    const sessionId = token(message.slice(12, of));
    const userEnd = message.indexOf(' ', of + 9);
    const rawUser = userEnd === -1 ? message.slice(of + 9) : message.slice(of + 9, userEnd);
    const user = token(rawUser.endsWith('.') ? rawUser.slice(0, -1) : rawUser);
    if (sessionId === undefined || user === undefined) return BAD_SESSION;
    return logindEvent(context, 'new', sessionId, user);
  }
  if (message.startsWith('Session ')) {
    const end = message.indexOf(' logged out.', 8);
    if (end === -1) return OTHER;
    const sessionId = token(message.slice(8, end));
    if (sessionId === undefined) return BAD_SESSION;
    return logindEvent(context, 'logged_out', sessionId, undefined);
  }
  if (message.startsWith('Removed session ')) {
    const raw = message.trimEnd();
    const sessionId = token(raw.endsWith('.') ? raw.slice(16, -1) : raw.slice(16));
    if (sessionId === undefined) return BAD_SESSION;
    return logindEvent(context, 'removed', sessionId, undefined);
  }
  return OTHER;
}

/** A non-empty token without blanks, quotes removed; `undefined` otherwise. */
function token(text: string): string | undefined {
  const value =
    text.length >= 2 && text.startsWith("'") && text.endsWith("'") ? text.slice(1, -1) : text;
  if (value.length === 0 || value.length > MAX_TOKEN) return undefined;
  for (let i = 0; i < value.length; i += 1) {
    const code = value.charCodeAt(i);
    if (code <= 32 || code === 39) return undefined;
  }
  return value;
}

function logindEvent(
  context: MessageContext,
  action: LogindSessionEvent['action'],
  sessionId: string,
  user: string | undefined,
): LogindSessionEvent {
  return {
    kind: 'logind.session',
    time: context.time,
    timeBasis: context.timeBasis,
    host: context.host,
    program: context.program,
    pid: context.pid,
    repeat: context.repeat,
    source: context.source,
    action,
    sessionId,
    user,
    leaderPid: undefined,
  };
}
