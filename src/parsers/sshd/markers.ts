import type { SshdMarkers } from '../../events/ssh.js';
import { SOLARIS_ID } from './patterns.js';

/**
 * An sshd message with its markers taken off: the level prefix, the `[preauth]`/`[postauth]`
 * suffix and the Solaris `[ID n facility.level]` tag.
 * @internal
 */
export interface MarkedMessage extends SshdMarkers {
  /** The message text between the markers. */
  readonly body: string;
}

const PREFIXES = ['error: ', 'fatal: ', 'debug1: ', 'debug2: ', 'debug3: '] as const;
const PREFIX_NAMES = ['error', 'fatal', 'debug1', 'debug2', 'debug3'] as const;

/**
 * Splits the level prefix and the monitor suffix off an sshd message (one slice, no regex
 * unless the message starts with `[ID `).
 *
 * @param message - The message after `sshd[pid]: `.
 * @returns The markers and the body.
 * @internal
 */
export function stripMarkers(message: string): MarkedMessage {
  let start = 0;
  let end = message.length;
  while (end > 0 && message.charCodeAt(end - 1) === 32) end--;
  let preauth = false;
  if (message.charCodeAt(end - 1) === 93 /* ] */) {
    if (message.endsWith(' [preauth]', end)) {
      preauth = true;
      end -= 10;
    } else if (message.endsWith(' [postauth]', end)) {
      preauth = true;
      end -= 11;
    }
  }
  if (message.charCodeAt(0) === 91 /* [ */ && message.startsWith('[ID ')) {
    const tag = SOLARIS_ID.exec(message);
    if (tag !== null) start = tag[0].length;
  }
  let prefix: SshdMarkers['prefix'];
  const first = message.charCodeAt(start);
  if (first === 101 /* e */ || first === 102 /* f */ || first === 100 /* d */) {
    for (let i = 0; i < PREFIXES.length; i++) {
      const candidate = PREFIXES[i] as string;
      if (message.startsWith(candidate, start)) {
        prefix = PREFIX_NAMES[i];
        start += candidate.length;
        break;
      }
    }
  }
  const body =
    start === 0 && end === message.length ? message : message.slice(start, Math.max(start, end));
  return { prefix, preauth, body };
}
