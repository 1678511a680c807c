import type { TimeBasis } from '../../events/provenance.js';
import type { MalformedReason } from '../outcome.js';
import type { EnvelopeScratch } from './envelope.js';
import { finishEnvelope } from './message-wrappers.js';
import { digitAt } from './scan.js';

/**
 * Reads (into `out`) the RFC5424 fields after the timestamp: `HOST APP-NAME PROCID MSGID SD [MSG]`.
 * `-` is the nil value. Structured data is skipped element by element: inside a quoted
 * parameter value `\"`, `\\` and `\]` are escapes and `]` does not end the element. A
 * UTF-8 BOM at the start of MSG is dropped. A non-numeric PROCID gives no pid.
 *
 * @internal
 */
export function readRfc5424Fields(
  text: string,
  start: number,
  time: number,
  basis: TimeBasis,
  out: EnvelopeScratch,
): MalformedReason | undefined {
  const end = text.charCodeAt(text.length - 1) === 13 ? text.length - 1 : text.length;
  const hostEnd = fieldEnd(text, start, end);
  const appEnd = fieldEnd(text, hostEnd + 1, end);
  const procEnd = fieldEnd(text, appEnd + 1, end);
  const msgIdEnd = fieldEnd(text, procEnd + 1, end);
  if (msgIdEnd < 0 || msgIdEnd >= end) return 'bad_header';
  const sdEnd = structuredDataEnd(text, msgIdEnd + 1, end);
  if (sdEnd < 0) return 'bad_header';
  let msg = sdEnd;
  if (msg < end) {
    if (text.charCodeAt(msg) !== 32) return 'bad_header';
    msg++;
    if (text.charCodeAt(msg) === 0xfeff) msg++;
  }
  const host = nilable(text, start, hostEnd);
  const program = nilable(text, hostEnd + 1, appEnd);
  let pid: number | undefined;
  let value = 0;
  let i = appEnd + 1;
  for (let d = digitAt(text, i); d >= 0 && i - appEnd <= 10; d = digitAt(text, ++i)) {
    value = value * 10 + d;
  }
  if (i === procEnd && i > appEnd + 1) pid = value;
  return finishEnvelope(text, msg, end, time, basis, host, program, pid, out);
}

/** End (exclusive) of the non-empty space-free field at `i`, or -1. */
function fieldEnd(text: string, i: number, end: number): number {
  if (i <= 0 || i >= end) return -1;
  const space = text.indexOf(' ', i);
  const stop = space < 0 || space > end ? end : space;
  return stop === i ? -1 : stop;
}

function nilable(text: string, from: number, to: number): string | undefined {
  return to - from === 1 && text.charCodeAt(from) === 45 ? undefined : text.slice(from, to);
}

/** End (exclusive) of the STRUCTURED-DATA field at `i` (`-` or `[...]...`), or -1. */
function structuredDataEnd(text: string, i: number, end: number): number {
  if (text.charCodeAt(i) === 45) return i + 1;
  let j = i;
  while (j < end && text.charCodeAt(j) === 91) {
    j++;
    let quoted = false;
    for (;;) {
      if (j >= end) return -1;
      const c = text.charCodeAt(j);
      if (quoted) {
        if (c === 92) j++;
        else if (c === 34) quoted = false;
      } else if (c === 34) {
        quoted = true;
      } else if (c === 93) {
        break;
      }
      j++;
    }
    j++;
  }
  return j === i ? -1 : j;
}
