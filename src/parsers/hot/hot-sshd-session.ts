import type { SshChildEvent, SshSessionCloseEvent, SshSessionOpenEvent } from '../../events/ssh.js';
import { canonicalIpAt } from '../../ip.js';
import type { HotContext } from './hot-context.js';
import { L_PORT } from './peer-token.js';
import { bulk, digitsEnd, literalAt, portIn } from './text-at.js';

const L_COMMAND = bulk('command');
const L_FOR = bulk(' for ');
const L_FROM = bulk(' from ');
const L_ID = bulk(' id ');
const L_ON = bulk(' on ');
const L_SHELL = bulk('shell');
const L_SUBSYSTEM = bulk("subsystem '");

// Longest digit run whose value is always a safe integer (toInt's test).
const MAX_SAFE_DIGITS = 15;

/** `User child is on pid N` (`USER_CHILD`), N a safe integer. @internal */
export function hotUserChild(h: HotContext): SshChildEvent | undefined {
  const text = h.text;
  const end = h.bodyEnd;
  const at = h.bodyStart + 21;
  if (end <= at || end - at > MAX_SAFE_DIGITS || digitsEnd(text, at, end) !== end) {
    return undefined;
  }
  const e = h.envelope;
  return {
    kind: 'ssh.child',
    time: e.time,
    timeBasis: e.timeBasis,
    host: h.host,
    program: e.program,
    pid: e.pid,
    repeat: e.repeat,
    source: h.source,
    prefix: h.prefix,
    preauth: h.preauth,
    childPid: intIn(text, at, end),
  };
}

/** Outputs of {@link readPeerTail} (no tuple per line). */
let peerStart = 0;
let portStart = 0;
let portEnd = 0;
let sessionNumber: number | undefined;

/**
 * The tail ` from H port N[ id S]` that ends at `end`, read from the RIGHT: `S` and `N`
 * digit runs, `H` a visible-ASCII token; the index of its ` from `, or -1.
 */
function readPeerTail(text: string, from: number, end: number): number {
  let j = end;
  sessionNumber = undefined;
  let k = j;
  while (k > from && isDigit(text.charCodeAt(k - 1))) k--;
  if (k === j) return -1;
  if (k - 4 >= from && literalAt(text, k - 4, L_ID, j)) {
    if (j - k > MAX_SAFE_DIGITS) return -1;
    sessionNumber = intIn(text, k, j);
    j = k - 4;
    k = j;
    while (k > from && isDigit(text.charCodeAt(k - 1))) k--;
    if (k === j) return -1;
  }
  portStart = k;
  portEnd = j;
  if (k - 6 < from || !literalAt(text, k - 6, L_PORT, j)) return -1;
  j = k - 6;
  k = j;
  while (k > from && isVisible(text.charCodeAt(k - 1))) k--;
  if (k === j || k - 6 < from || !literalAt(text, k - 6, L_FROM, j)) return -1;
  peerStart = k;
  return k - 6;
}

/**
 * `Close session: user U from H port N[ id S]` (`CLOSE_SESSION`), with visible-ASCII `U`
 * and `H`. @internal
 */
export function hotCloseSession(h: HotContext): SshSessionCloseEvent | undefined {
  const text = h.text;
  const userStart = h.bodyStart + 20;
  const from = readPeerTail(text, userStart, h.bodyEnd);
  if (from < userStart || !allVisible(text, userStart, from)) return undefined;
  const hostEnd = portStart - 6;
  const ip = canonicalIpAt(text, peerStart, hostEnd);
  const e = h.envelope;
  return {
    kind: 'ssh.session.close',
    time: e.time,
    timeBasis: e.timeBasis,
    host: h.host,
    program: e.program,
    pid: e.pid,
    repeat: e.repeat,
    source: h.source,
    prefix: h.prefix,
    preauth: h.preauth,
    sourceIp: ip,
    sourceName: ip === undefined ? text.slice(peerStart, hostEnd) : undefined,
    sourcePort: portIn(text, portStart, portEnd),
    user: text.slice(userStart, from),
    sessionNumber,
  };
}

/**
 * `Starting session: TYPE[ on TTY] for U from H port N[ id S]` (`STARTING_SESSION`, then
 * `SESSION_TYPE`) for the types `shell`, `command` and `subsystem 'NAME'`, with visible-ASCII
 * `TTY`, `U`, `H` and `NAME`. The tail is read from the right (the user cannot move it); the
 * lazy type then ends at the ` on ` before the last token, if there is one. @internal
 */
export function hotStartingSession(h: HotContext): SshSessionOpenEvent | undefined {
  const text = h.text;
  const typeStart = h.bodyStart + 18;
  const from = readPeerTail(text, typeStart, h.bodyEnd);
  if (from < typeStart) return undefined;
  let userStart = from;
  while (userStart > typeStart && isVisible(text.charCodeAt(userStart - 1))) userStart--;
  const forAt = userStart - 5;
  if (forAt < typeStart || !literalAt(text, forAt, L_FOR, userStart)) return undefined;
  // `(.*?)(?: on (\S+))?`: the type stops at ` on TTY` when the text before ` for ` ends so.
  let ttyStart = forAt;
  while (ttyStart > typeStart && isVisible(text.charCodeAt(ttyStart - 1))) ttyStart--;
  let typeEnd = forAt;
  let tty: string | undefined;
  if (ttyStart < forAt && ttyStart - 4 >= typeStart && literalAt(text, ttyStart - 4, L_ON, forAt)) {
    typeEnd = ttyStart - 4;
    tty = text.slice(ttyStart, forAt);
  } else if (ttyStart > typeStart && text.charCodeAt(ttyStart - 1) !== 32) {
    return undefined; // a character the pattern may read otherwise
  }
  let channelType: 'shell' | 'command' | 'subsystem';
  let subsystem: string | undefined;
  const typeLength = typeEnd - typeStart;
  if (typeLength === 5 && literalAt(text, typeStart, L_SHELL, typeEnd)) channelType = 'shell';
  else if (typeLength === 7 && literalAt(text, typeStart, L_COMMAND, typeEnd)) {
    channelType = 'command';
  } else if (
    typeLength >= 12 &&
    literalAt(text, typeStart, L_SUBSYSTEM, typeEnd) &&
    text.charCodeAt(typeEnd - 1) === 39 &&
    allVisible(text, typeStart + 11, typeEnd - 1)
  ) {
    channelType = 'subsystem';
    subsystem = text.slice(typeStart + 11, typeEnd - 1);
  } else {
    return undefined;
  }
  const hostEnd = portStart - 6;
  const ip = canonicalIpAt(text, peerStart, hostEnd);
  const e = h.envelope;
  return {
    kind: 'ssh.session.open',
    time: e.time,
    timeBasis: e.timeBasis,
    host: h.host,
    program: e.program,
    pid: e.pid,
    repeat: e.repeat,
    source: h.source,
    prefix: h.prefix,
    preauth: h.preauth,
    sourceIp: ip,
    sourceName: ip === undefined ? text.slice(peerStart, hostEnd) : undefined,
    sourcePort: portIn(text, portStart, portEnd),
    channelType,
    subsystem,
    forcedBy: undefined,
    tty,
    user: text.slice(userStart, from),
    sessionNumber,
  };
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** `!`..`~`: characters `\S` takes and `.` takes, and nothing the pattern reads otherwise. */
function isVisible(c: number): boolean {
  return c > 32 && c < 127;
}

function allVisible(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (!isVisible(text.charCodeAt(i))) return false;
  return true;
}

/** The value of the digit run `[from, to)` (at most 15 digits: exact). */
function intIn(text: string, from: number, to: number): number {
  let value = 0;
  for (let i = from; i < to; i++) value = value * 10 + text.charCodeAt(i) - 48;
  return value;
}
