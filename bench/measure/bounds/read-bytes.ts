/**
 * The optimistic bound: the same fields read from the line's bytes, the host reused when its
 * bytes repeat (no slice), and no checks. Loops stop at the line's end, so any line is safe.
 */
import type { BoundFields } from './bound-event.js';

const KEY = 16;
const lastKey = new Uint8Array(KEY);
let lastTime = 0;
let lastHost = '';
let lastHostBytes = new Uint8Array(0);

function skipTo(b: Uint8Array, i: number, end: number, stop: number): number {
  while (i < end && b[i] !== stop) i++;
  return i;
}

function sameKey(b: Uint8Array, s: number, end: number): boolean {
  let same = true;
  for (let i = 0; i < KEY; i++) {
    const c = s + i < end ? (b[s + i] ?? 0) : 0;
    if (c !== lastKey[i]) {
      same = false;
      lastKey[i] = c;
    }
  }
  return same;
}

function host(line: string, b: Uint8Array, s: number, from: number, to: number): string {
  const n = to - from;
  if (n === lastHostBytes.length) {
    let i = 0;
    while (i < n && b[from + i] === lastHostBytes[i]) i++;
    if (i === n) return lastHost;
  }
  lastHostBytes = b.slice(from, to);
  lastHost = line.slice(from - s, to - s);
  return lastHost;
}

function digits(b: Uint8Array, i: number, end: number): number {
  let n = 0;
  for (; i < end; i++) {
    const c = b[i] ?? 0;
    if (c < 48 || c > 57) break;
    n = n * 10 + c - 48;
  }
  return n;
}

// The last ` port ` of the line, read from the right.
function lastPort(b: Uint8Array, from: number, end: number): number {
  for (let i = end - 6; i >= from; i--) {
    if (b[i] === 32 && b[i + 1] === 112 && b[i + 2] === 111 && b[i + 3] === 114) {
      if (b[i + 4] === 116 && b[i + 5] === 32) return i;
    }
  }
  return -1;
}

/**
 * Reads the fields of one line into `f` from its bytes.
 *
 * @param line - the line (values are sliced from it)
 * @param b - bytes holding the line
 * @param s - where the line starts in `b`
 * @param lineNo - its number (stands in for a freshly parsed time)
 * @param f - receives the fields
 * @example
 * ```ts
 * const line = 'Mar  1 00:00:21 h sshd[1]: x';
 * readFieldsFromBytes(line, Buffer.from(line), 0, 1, newFields());
 * ```
 */
export function readFieldsFromBytes(
  line: string,
  b: Uint8Array,
  s: number,
  lineNo: number,
  f: BoundFields,
): void {
  const end = s + line.length;
  if (!sameKey(b, s, end)) lastTime = lineNo;
  f.time = lastTime;
  const stamp = (b[s] ?? 0) <= 57 ? skipTo(b, s, end, 32) : s + 15;
  const hostEnd = skipTo(b, stamp + 1, end, 32);
  f.host = host(line, b, s, stamp + 1, hostEnd);
  const bracket = skipTo(b, hostEnd + 1, end, 91);
  f.program = line.slice(hostEnd + 1 - s, bracket - s);
  const close = skipTo(b, bracket + 1, end, 93);
  f.pid = digits(b, bracket + 1, close);
  const message = close + 3;
  f.lead = message < end ? (b[message] ?? 0) : 0;
  const port = lastPort(b, message, end);
  if (port === -1) {
    f.peer = '';
    f.port = 0;
    return;
  }
  f.port = digits(b, port + 6, end);
  let peer = port - 1;
  while (peer >= message && b[peer] !== 32) peer--;
  f.peer = line.slice(peer + 1 - s, port - s);
}
