import type { LogindSessionEvent } from '../../events/auth.js';
import type { HotContext } from './hot-context.js';
import { bulk, literalAt } from './text-at.js';

const L_NEW_SESSION = bulk('New session ');
const L_REMOVED_SESSION = bulk('Removed session ');
const L_SESSION = bulk('Session ');

const MAX_TOKEN = 256;

/**
 * systemd-logind's `New session N of user U.`, `Session N logged out. ...` and `Removed
 * session N.` with plain (unquoted) tokens (what `parseLogindMessage` reads from them).
 * `undefined` for anything else.
 *
 * @internal
 */
export function hotLogind(h: HotContext): LogindSessionEvent | undefined {
  const text = h.text;
  const start = h.envelope.start;
  const end = h.envelope.end;
  if (literalAt(text, start, L_NEW_SESSION, end)) return newSession(h, start, end);
  if (literalAt(text, start, L_SESSION, end)) {
    const out = text.indexOf(' logged out.', start + 8);
    if (out < 0 || out + 12 > end) return undefined;
    const id = plainToken(text, start + 8, out);
    return id === undefined ? undefined : logind(h, 'logged_out', id);
  }
  if (literalAt(text, start, L_REMOVED_SESSION, end) && text.charCodeAt(end - 1) === 46) {
    const id = plainToken(text, start + 16, end - 1);
    return id === undefined ? undefined : logind(h, 'removed', id);
  }
  return undefined;
}

/** `New session N of user U[.][ ...]`: the first ` of user `, the user up to a space. */
function newSession(h: HotContext, start: number, end: number): LogindSessionEvent | undefined {
  const text = h.text;
  const of = text.indexOf(' of user ', start + 12);
  if (of < 0 || of + 9 > end) return undefined;
  const userStart = of + 9;
  let userEnd = text.indexOf(' ', userStart);
  if (userEnd < 0 || userEnd >= end) userEnd = end;
  if (userEnd > userStart && text.charCodeAt(userEnd - 1) === 46) userEnd--;
  const id = plainToken(text, start + 12, of);
  const user = id === undefined ? undefined : plainToken(text, userStart, userEnd);
  if (user === undefined) return undefined;
  return logind(h, 'new', id as string, user);
}

/** The token `[from, to)`: non-empty, at most 256 characters, no blank, control or quote. */
function plainToken(text: string, from: number, to: number): string | undefined {
  if (to <= from || to - from > MAX_TOKEN) return undefined;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c <= 32 || c === 39) return undefined;
  }
  return text.slice(from, to);
}

function logind(
  h: HotContext,
  action: LogindSessionEvent['action'],
  sessionId: string,
  user?: string,
): LogindSessionEvent {
  const e = h.envelope;
  return {
    kind: 'logind.session',
    time: e.time,
    timeBasis: e.timeBasis,
    host: h.host,
    program: e.program,
    pid: e.pid,
    repeat: e.repeat,
    source: h.source,
    action,
    sessionId,
    user,
    leaderPid: undefined,
  };
}
