import type { TimeBasis } from '../../events/provenance.js';
import type { EnvelopeScratch } from './envelope.js';
import { REPEATED_MESSAGE, SOLARIS_MESSAGE_ID } from './patterns.js';

const REPEATED = 'message repeated ';
const TIMES = ' times: [';

/**
 * Fills `out` for a message that starts at `start` (up to `end`), stripping a Solaris
 * `[ID n facility.level]` block and unwrapping rsyslog's `message repeated N times: [ ... ]`
 * (N becomes `repeat`). Only the start of the message is examined, where the writing daemon
 * (not a remote user) controls the text. The message stays a range of the line unless a
 * Solaris block forces a string of its own.
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
  out: EnvelopeScratch,
): undefined {
  out.time = time;
  out.timeBasis = basis;
  out.host = host;
  out.program = program;
  out.pid = pid;
  out.repeat = 1;
  out.message = undefined;
  out.start = start;
  out.end = end;
  if (start >= end) return;
  const c = text.charCodeAt(start);
  if (c === 91 /* [ */) {
    if (text.startsWith('[ID ', start)) stringFinish(text.slice(start, end), out);
    return;
  }
  if (c !== 109 /* m */ || !text.startsWith(REPEATED, start)) return;
  // `^message repeated (\d{1,9}) times: \[ ?` read in place.
  let i = start + REPEATED.length;
  let count = 0;
  while (i < end && i - start - REPEATED.length < 9) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) break;
    count = count * 10 + d;
    i++;
  }
  if (i === start + REPEATED.length || i + TIMES.length > end || !text.startsWith(TIMES, i)) {
    return;
  }
  i += TIMES.length;
  if (i < end && text.charCodeAt(i) === 32) i++;
  out.repeat = Math.max(1, count);
  const close = text.charCodeAt(end - 1) === 93 ? end - 1 : end;
  out.start = i;
  out.end = Math.max(i, close);
  if (i < out.end && text.charCodeAt(i) === 91 && text.startsWith('[ID ', i)) {
    const inner = text.slice(i, out.end);
    out.message = stripSolarisId(inner);
  }
}

/** The rare path: a message that starts with a Solaris `[ID ...]` block. */
function stringFinish(message: string, out: EnvelopeScratch): void {
  const stripped = stripSolarisId(message);
  if (stripped === message) return;
  out.message = stripped;
  if (stripped.charCodeAt(0) === 109 && stripped.startsWith(REPEATED)) {
    const wrapper = REPEATED_MESSAGE.exec(stripped);
    if (wrapper !== null) {
      out.repeat = Math.max(1, Number(wrapper[1]));
      const close = stripped.endsWith(']') ? stripped.length - 1 : stripped.length;
      out.message = stripSolarisId(stripped.slice(wrapper[0].length, close));
    }
  }
}

function stripSolarisId(message: string): string {
  if (message.charCodeAt(0) !== 91 || !message.startsWith('[ID ')) return message;
  const id = SOLARIS_MESSAGE_ID.exec(message);
  return id === null ? message : message.slice(id[0].length);
}
