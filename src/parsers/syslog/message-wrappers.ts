import type { TimeBasis } from '../../events/provenance.js';
import type { EnvelopeResult } from '../outcome.js';
import { envelopeResult } from './envelope.js';
import { REPEATED_MESSAGE, SOLARIS_MESSAGE_ID } from './patterns.js';

/**
 * Builds the envelope for a message that starts at `start` (up to `end`), stripping a
 * Solaris `[ID n facility.level]` block and unwrapping rsyslog's
 * `message repeated N times: [ ... ]` (N becomes `repeat`). Only the start of the
 * message is examined, where the writing daemon (not a remote user) controls the text.
 *
 * @internal
 */
export function finishEnvelope(
  text: string,
  start: number,
  end: number,
  time: number,
  basis: TimeBasis,
  host: string | undefined,
  program: string | undefined,
  pid: number | undefined,
): EnvelopeResult {
  let message = stripSolarisId(text.slice(start, end));
  let repeat = 1;
  if (message.charCodeAt(0) === 109 && message.startsWith('message repeated ')) {
    const wrapper = REPEATED_MESSAGE.exec(message);
    if (wrapper !== null) {
      repeat = Math.max(1, Number(wrapper[1]));
      const close = message.endsWith(']') ? message.length - 1 : message.length;
      message = stripSolarisId(message.slice(wrapper[0].length, close));
    }
  }
  return envelopeResult(time, basis, host, program, pid, repeat, message);
}

function stripSolarisId(message: string): string {
  if (message.charCodeAt(0) !== 91 || !message.startsWith('[ID ')) return message;
  const id = SOLARIS_MESSAGE_ID.exec(message);
  return id === null ? message : message.slice(id[0].length);
}
