import type { PamSessionEvent } from '../../events/auth.js';
import type { HotContext } from './hot-context.js';
import { bulk, literalAt } from './text-at.js';

const L_SESSION = bulk('session ');
const L_OPENED_FOR_USER = bulk('opened for user ');
const L_CLOSED_FOR_USER = bulk('closed for user ');
const L_UID = bulk('(uid=');
const L_BY = bulk(' by ');

const MAX_NAME = 256;

/** Hot-path reader state: where the last name or uid read ended (no tuple per read). */
let after = 0;

/**
 * `session opened|closed for user U[(uid=N)][ by B[(uid=M)]]` from `body` to `end`, as
 * `PAM_SESSION_PATTERN` matches it, for names of visible ASCII (the pattern's `[^\s(]`
 * narrowed: any other character goes to the general path). `undefined` for anything else.
 *
 * @internal
 */
export function hotPamSession(
  h: HotContext,
  body: number,
  end: number,
  service: string,
): PamSessionEvent | undefined {
  const text = h.text;
  if (!literalAt(text, body, L_SESSION, end)) return undefined;
  let i = body + 8;
  let action: PamSessionEvent['action'];
  if (literalAt(text, i, L_OPENED_FOR_USER, end)) action = 'open';
  else if (literalAt(text, i, L_CLOSED_FOR_USER, end)) action = 'close';
  else return undefined;
  i += 16;
  const userEnd = nameEnd(text, i, end);
  if (userEnd <= i) return undefined;
  const uid = uidAt(text, userEnd, end);
  if (uid === -2) return undefined;
  let j = uid === -1 ? userEnd : after;
  let byUser: string | undefined;
  let byUid = -1;
  if (literalAt(text, j, L_BY, end)) {
    const byStart = j + 4;
    const byEnd = nameEnd(text, byStart, end);
    if (byEnd < byStart) return undefined;
    byUid = uidAt(text, byEnd, end);
    if (byUid === -2) return undefined;
    byUser = text.slice(byStart, byEnd);
    j = byUid === -1 ? byEnd : after;
  }
  // `[ \t]{0,16}$`
  if (end - j > 16) return undefined;
  for (let k = j; k < end; k++) {
    const c = text.charCodeAt(k);
    if (c !== 32 && c !== 9) return undefined;
  }
  const e = h.envelope;
  return {
    kind: 'pam.session',
    time: e.time,
    timeBasis: e.timeBasis,
    host: h.host,
    program: e.program,
    pid: e.pid,
    repeat: e.repeat,
    source: h.source,
    service,
    action,
    user: text.slice(i, userEnd),
    uid: uid === -1 ? undefined : uid,
    byUser,
    byUid: byUid === -1 ? undefined : byUid,
  };
}

/**
 * The end of a name at `i`: a run of visible ASCII other than `(`, at most 256 long and
 * followed by `(`, a blank or `end`; -1 for anything else (a longer run, or a character the
 * pattern may read otherwise).
 */
function nameEnd(text: string, i: number, end: number): number {
  let j = i;
  while (j < end) {
    const c = text.charCodeAt(j);
    if (c === 40 || c === 32 || c === 9) break;
    if (c < 33 || c > 126) return -1;
    j++;
  }
  return j - i > MAX_NAME ? -1 : j;
}

/**
 * The `(uid=N)` at `i`: N (its end in `after`), -1 when there is none (no `(`), -2 when a
 * `(` opens anything else (the pattern then fails).
 */
function uidAt(text: string, i: number, end: number): number {
  if (i >= end || text.charCodeAt(i) !== 40) return -1;
  if (!literalAt(text, i, L_UID, end)) return -2;
  let j = i + 5;
  let value = 0;
  while (j < end && j - i - 5 < 11) {
    const c = text.charCodeAt(j);
    if (c < 48 || c > 57) break;
    value = value * 10 + c - 48;
    j++;
  }
  const digits = j - i - 5;
  if (digits === 0 || digits > 10 || j >= end || text.charCodeAt(j) !== 41) return -2;
  after = j + 1;
  return value;
}
