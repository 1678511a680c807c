import type { SshEvent } from '../../events/ssh.js';
import type { HotContext } from './hot-context.js';
import { hotAuthLog, hotConnectionFrom } from './hot-sshd-auth.js';
import { hotConnIdDisconnect, hotReceivedDisconnect } from './hot-sshd-disconnect.js';
import { hotInvalidUser } from './hot-sshd-invalid-user.js';
import { hotKexIdentification } from './hot-sshd-kex.js';
import { hotCloseSession, hotStartingSession, hotUserChild } from './hot-sshd-session.js';
import { bulk, literalAt } from './text-at.js';

const L_ACCEPTED = bulk('Accepted ');
const L_CLOSE_SESSION = bulk('Close session: user ');
const L_CONNECTION_CLOSED_BY = bulk('Connection closed by ');
const L_CONNECTION_FROM = bulk('Connection from ');
const L_CONNECTION_RESET_BY = bulk('Connection reset by ');
const L_DISCONNECTED_FROM = bulk('Disconnected from ');
const L_FAILED = bulk('Failed ');
const L_ILLEGAL_USER = bulk('Illegal user ');
const L_INVALID_USER = bulk('Invalid user ');
const L_KEX = bulk('kex_exchange_identification: ');
const L_POSTAUTH = bulk(' [postauth]');
const L_PREAUTH = bulk(' [preauth]');
const L_RECEIVED_DISCONNECT_FROM = bulk('Received disconnect from ');
const L_STARTING_SESSION = bulk('Starting session: ');
const L_USER_CHILD = bulk('User child is on pid ');

const PREFIXES = [
  bulk('error: '),
  bulk('fatal: '),
  bulk('debug1: '),
  bulk('debug2: '),
  bulk('debug3: '),
];
const PREFIX_NAMES = ['error', 'fatal', 'debug1', 'debug2', 'debug3'] as const;

/**
 * The hot sshd messages (`Failed|Accepted password|publickey for`, `Connection from`,
 * `Connection closed|reset by`, `Disconnected from`, `Received disconnect from`, `Invalid
 * user`, `kex_exchange_identification:`, `Starting session:`, `Close session:`, `User child
 * is on pid`), read in
 * place: markers as `stripMarkers` takes them, then the family as `parseSshdMessage`
 * dispatches it. `undefined` for anything else.
 *
 * @internal
 */
export function hotSshd(h: HotContext): SshEvent | undefined {
  const text = h.text;
  let start = h.envelope.start;
  const messageEnd = h.envelope.end;
  let end = messageEnd;
  while (end > start && text.charCodeAt(end - 1) === 32) end--;
  let preauth = false;
  if (text.charCodeAt(end - 1) === 93 /* ] */ && end > start) {
    if (literalAt(text, end - 10, L_PREAUTH, end) && end - 10 >= start) {
      preauth = true;
      end -= 10;
    } else if (literalAt(text, end - 11, L_POSTAUTH, end) && end - 11 >= start) {
      preauth = true;
      end -= 11;
    }
  }
  const first = text.charCodeAt(start);
  if (first === 91 /* [ */) return undefined;
  let prefix: HotContext['prefix'];
  if (first === 101 /* e */ || first === 102 /* f */ || first === 100 /* d */) {
    for (let i = 0; i < PREFIXES.length; i++) {
      const candidate = PREFIXES[i] as string;
      if (literalAt(text, start, candidate, messageEnd)) {
        prefix = PREFIX_NAMES[i];
        start += candidate.length;
        break;
      }
    }
  }
  h.prefix = prefix;
  h.preauth = preauth;
  h.bodyStart = start;
  h.bodyEnd = Math.max(start, end);
  return dispatch(h);
}

function dispatch(h: HotContext): SshEvent | undefined {
  const text = h.text;
  const start = h.bodyStart;
  const end = h.bodyEnd;
  switch (text.charCodeAt(start)) {
    case 70 /* F */:
      return literalAt(text, start, L_FAILED, end) ? hotAuthLog(h, 'failure', 7) : undefined;
    case 65 /* A */:
      return literalAt(text, start, L_ACCEPTED, end) ? hotAuthLog(h, 'success', 9) : undefined;
    case 67 /* C */:
      // The four `C` literals differ at their 12th character: test only the one it names.
      switch (text.charCodeAt(start + 11)) {
        case 102 /* f */:
          return literalAt(text, start, L_CONNECTION_FROM, end) ? hotConnectionFrom(h) : undefined;
        case 99 /* c */:
          return literalAt(text, start, L_CONNECTION_CLOSED_BY, end)
            ? hotConnIdDisconnect(h, start + 21, 'closed')
            : undefined;
        case 114 /* r */:
          return literalAt(text, start, L_CONNECTION_RESET_BY, end)
            ? hotConnIdDisconnect(h, start + 20, 'reset')
            : undefined;
        case 111 /* o */:
          return literalAt(text, start, L_CLOSE_SESSION, end) ? hotCloseSession(h) : undefined;
        default:
          return undefined;
      }
    case 68 /* D */:
      return literalAt(text, start, L_DISCONNECTED_FROM, end)
        ? hotConnIdDisconnect(h, start + 18, 'disconnected')
        : undefined;
    case 82 /* R */:
      return literalAt(text, start, L_RECEIVED_DISCONNECT_FROM, end)
        ? hotReceivedDisconnect(h)
        : undefined;
    case 73 /* I */:
      return literalAt(text, start, L_INVALID_USER, end) ||
        literalAt(text, start, L_ILLEGAL_USER, end)
        ? hotInvalidUser(h)
        : undefined;
    case 83 /* S */:
      return literalAt(text, start, L_STARTING_SESSION, end) ? hotStartingSession(h) : undefined;
    case 85 /* U */:
      return literalAt(text, start, L_USER_CHILD, end) ? hotUserChild(h) : undefined;
    case 107 /* k */:
      return literalAt(text, start, L_KEX, end) ? hotKexIdentification(h) : undefined;
    default:
      return undefined;
  }
}
