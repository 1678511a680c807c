import type { SuEvent } from '../../events/auth.js';
import type { MessageContext, MessageMiss, MessageResult } from '../outcome.js';
import { parsePamMessage } from './parse-pam-message.js';
import {
  SU_BSD_PATTERN,
  SU_CHANGING_PATTERN,
  SU_SHADOW_SIGN_PATTERN,
  SU_SHADOW_WORDS_PATTERN,
  SU_UTIL_LINUX_PATTERN,
} from './patterns.js';

const UNKNOWN: MessageMiss = { kind: 'unrecognized', reason: 'unknown_su_message' };

/**
 * Parses a su log message, in each implementation's wording:
 * - util-linux: `(to root) alice on pts/0`, `FAILED SU (to root) alice on pts/0`;
 * - shadow: `Successful su for root by alice`, `FAILED su for root by alice`,
 *   `+ pts/0 alice:root` (success), `- pts/0 alice:root` (failure);
 * - old BSD: `dcid to root on /dev/ttyp1`, `BAD SU ger to fwmaster on /dev/ttyp0`;
 * - old System V: `failed: ttyq4 changing from ldap to root`.
 *
 * `tty` loses its `/dev/` prefix and is `undefined` for util-linux's `none` and shadow's `???`.
 * A `pam_...` message is handed to {@link parsePamMessage}.
 *
 * @param message - The message text after the program tag.
 * @param context - Envelope fields copied into the event.
 * @returns A `priv.su` event (or a PAM event), or an `unrecognized` miss.
 * @example
 * ```ts
 * const r = parseSuMessage('FAILED SU (to root) alice on pts/0', context);
 * // r.kind === 'priv.su', r.outcome === 'failure', r.user === 'alice', r.target === 'root', r.tty === 'pts/0'
 * ```
 */
export function parseSuMessage(message: string, context: MessageContext): MessageResult {
  let m: RegExpExecArray | null = null;
  let tried = false;
  switch (message.charCodeAt(0)) {
    case 40 /* ( */:
      {
        tried = true;
        m = SU_UTIL_LINUX_PATTERN.exec(message);
        if (m !== null) return suEvent(context, true, m[3], m[2], m[4]);
        break;
      }
    case 70 /* F */:
      {
        if (message.startsWith('FAILED SU (')) {
          tried = true;
          m = SU_UTIL_LINUX_PATTERN.exec(message);
          if (m !== null) return suEvent(context, false, m[3], m[2], m[4]);
        } else if (message.startsWith('FAILED su for ')) {
          tried = true;
          m = SU_SHADOW_WORDS_PATTERN.exec(message);
          if (m !== null) return suEvent(context, false, m[3], m[2], undefined);
        }
        break;
      }
    case 83 /* S */:
      {
        if (message.startsWith('Successful su for ')) {
          tried = true;
          m = SU_SHADOW_WORDS_PATTERN.exec(message);
          if (m !== null) return suEvent(context, true, m[3], m[2], undefined);
        }
        break;
      }
    case 43 /* + */:
    case 45 /* - */:
      {
        tried = true;
        m = SU_SHADOW_SIGN_PATTERN.exec(message);
        if (m !== null) return suEvent(context, m[1] === '+', m[3], m[4], m[2]);
        break;
      }
    case 102 /* f */:
      {
        if (message.startsWith('failed: ')) {
          tried = true;
          m = SU_CHANGING_PATTERN.exec(message);
          if (m !== null) return suEvent(context, false, m[2], m[3], m[1]);
        }
        break;
      }
    case 112 /* p */:
    case 80 /* P */:
      {
        if (message.startsWith('pam_') || message.startsWith('PAM ')) {
          return parsePamMessage(message, context);
        }
        break;
      }
    default:
      break;
  }
  // Old BSD su: `dcid to root on /dev/ttyp1`, `BAD SU ger to fwmaster on /dev/ttyp0`.
  if (!tried && message.includes(' to ')) {
    m = SU_BSD_PATTERN.exec(message);
    if (m !== null) return suEvent(context, m[1] === undefined, m[2], m[3], m[4]);
  }
  return UNKNOWN;
}

function suEvent(
  context: MessageContext,
  success: boolean,
  user: string | undefined,
  target: string | undefined,
  rawTty: string | undefined,
): SuEvent {
  return {
    kind: 'priv.su',
    time: context.time,
    timeBasis: context.timeBasis,
    host: context.host,
    program: context.program,
    pid: context.pid,
    repeat: context.repeat,
    source: context.source,
    outcome: success ? 'success' : 'failure',
    user,
    target,
    tty: normalizeTty(rawTty),
  };
}

function normalizeTty(tty: string | undefined): string | undefined {
  if (tty === undefined || tty === 'none' || tty === '???') return undefined;
  return tty.startsWith('/dev/') ? tty.slice(5) : tty;
}
