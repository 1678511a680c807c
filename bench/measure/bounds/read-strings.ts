/**
 * The bound on today's interface: the fields read from the line string with the cheapest
 * string primitives (native searches and slices, digits by `charCodeAt`), and no checks.
 */
import type { BoundFields } from './bound-event.js';

let lastKey = '';
let lastTime = 0;

function digits(line: string, from: number): number {
  let n = 0;
  for (let i = from; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c < 48 || c > 57) break;
    n = n * 10 + c - 48;
  }
  return n;
}

// Where `char` is, from `from`, or the line's end.
function until(line: string, char: string, from: number): number {
  const at = line.indexOf(char, from);
  return at === -1 ? line.length : at;
}

/**
 * Reads the fields of one line into `f`.
 *
 * @param line - the line
 * @param lineNo - its number (stands in for a freshly parsed time)
 * @param f - receives the fields
 * @example
 * ```ts
 * readFieldsFromString('Mar  1 00:00:21 h sshd[1]: x', 1, newFields());
 * ```
 */
export function readFieldsFromString(line: string, lineNo: number, f: BoundFields): void {
  const key = line.slice(0, 16);
  if (key !== lastKey) {
    lastKey = key;
    lastTime = lineNo;
  }
  f.time = lastTime;
  const stamp = line.charCodeAt(0) <= 57 ? until(line, ' ', 0) : 15;
  const hostEnd = until(line, ' ', stamp + 1);
  f.host = line.slice(stamp + 1, hostEnd);
  const bracket = until(line, '[', hostEnd + 1);
  f.program = line.slice(hostEnd + 1, bracket);
  f.pid = digits(line, bracket + 1);
  const message = until(line, ']', bracket + 1) + 3;
  f.lead = message < line.length ? line.charCodeAt(message) : 0;
  const port = line.lastIndexOf(' port ');
  if (port < message) {
    f.peer = '';
    f.port = 0;
    return;
  }
  f.peer = line.slice(Math.max(line.lastIndexOf(' ', port - 1) + 1, message), port);
  f.port = digits(line, port + 6);
}
