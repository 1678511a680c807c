import type { TimeBasis } from '../../events/provenance.js';
import { detachString } from '../detach-string.js';
import type { MalformedReason } from '../outcome.js';
import type { EnvelopeScratch } from './envelope.js';
import { finishEnvelope } from './message-wrappers.js';
import { FACILITY_PRIORITY } from './patterns.js';
import { digitAt, flatCopy, matchesAt, sameTextAt, skipSpaces } from './scan.js';

/**
 * Reads the part of a syslog line after its timestamp: `[host] [facility.level] tag msg`.
 * Strings already seen on the previous line (host, program) are reused rather than
 * sliced again. The header is read left to right and ends at the program tag, so text
 * in the message can never change host, program or pid.
 *
 * @internal
 */
export interface HeaderReader {
  /** Reads the header starting at `start` into `out`; returns why the line is malformed, if it is. */
  read(
    text: string,
    start: number,
    time: number,
    basis: TimeBasis,
    out: EnvelopeScratch,
  ): MalformedReason | undefined;
}

const RECENT_HOSTS = 8;
const RECENT_PAIRS = 16;

/** Creates a header reader with its own small string caches. @internal */
export function createHeaderReader(): HeaderReader {
  let lastHost = '';
  let lastProgram = '';
  // Outputs of readTag (avoid allocating a tuple per line).
  let program = '';
  let pid: number | undefined;
  // Recent hosts, matched in place before any tag test or slice. Only hosts free of `:` and
  // `[` are kept: for them the tag test is a pure function of the token (it cannot depend on
  // the previous program), so skipping it cannot change the result.
  const hosts: string[] = [];
  let nextHost = 0;
  // Recent `host program` pairs (flat copies), with their host and program (see knownPair).
  const pairs: string[] = [];
  const pairHosts: string[] = [];
  const pairPrograms: string[] = [];
  let nextPair = 0;
  // Where the last readProgramTag started.
  let tagAt = -1;

  function knownHost(text: string, i: number, end: number): string | undefined {
    for (let h = 0; h < hosts.length; h++) {
      const candidate = hosts[h] as string;
      const after = i + candidate.length;
      if (after < end && text.charCodeAt(after) === 32 && matchesAt(text, i, candidate)) {
        return candidate;
      }
    }
    return undefined;
  }

  function rememberHost(host: string): void {
    if (host.includes(':') || host.includes('[')) return;
    if (hosts.length < RECENT_HOSTS) hosts.push(host);
    else hosts[nextHost] = host;
    nextHost = (nextHost + 1) % RECENT_HOSTS;
  }

  /** Reads `prog[pid]:`, `prog:`, `prog[pid]` at `i`; returns the message start or -1. */
  function readTag(text: string, i: number, end: number): number {
    let k = i + lastProgram.length;
    let c = text.charCodeAt(k);
    // Same program as the previous line: the scan below would stop at the same place.
    const same =
      lastProgram.length !== 0 && (c === 91 || c === 58) && matchesAt(text, i, lastProgram);
    if (!same) {
      k = i;
      c = text.charCodeAt(k);
      while (k < end && c !== 91 && c !== 58 && c !== 32) c = text.charCodeAt(++k);
    }
    if (k === i || k >= end) return -1;
    const next = tagEnd(text, k, c, end);
    if (next < 0) return -1;
    if (!same) lastProgram = text.slice(i, k);
    program = lastProgram;
    return next < end && text.charCodeAt(next) === 32 ? next + 1 : next;
  }

  /** Reads the `[pid]:` / `:` after a program name ending at `k` (`c` there); sets pid. */
  function tagEnd(text: string, k: number, c: number, end: number): number {
    let next: number;
    if (c === 58) {
      // `prog:` must be followed by a space or the end (not `fe80::1`, not `12:00`).
      next = k + 1;
      if (next < end && text.charCodeAt(next) !== 32) return -1;
      pid = undefined;
    } else if (c === 91) {
      let j = k + 1;
      let value = 0;
      for (let d = digitAt(text, j); d >= 0 && j - k <= 10; d = digitAt(text, ++j))
        value = value * 10 + d;
      if (j === k + 1 || j - k > 10 || text.charCodeAt(j) !== 93) return -1;
      next = j + 1;
      if (text.charCodeAt(next) === 58) next++;
      else if (next < end && text.charCodeAt(next) !== 32) return -1;
      pid = value;
    } else {
      return -1;
    }
    return next;
  }

  /** Reads `[prog]` at `i`; returns the message start or -1. */
  function readBracketTag(text: string, i: number, end: number): number {
    let k = i + 1;
    let c = text.charCodeAt(k);
    while (k < end && c !== 93 && c !== 32 && c !== 91) c = text.charCodeAt(++k);
    if (k === i + 1 || k >= end || c !== 93) return -1;
    program = reuse(text, i + 1, k, lastProgram);
    lastProgram = program;
    pid = undefined;
    let next = k + 1;
    if (text.charCodeAt(next) === 58) next++;
    return next < end && text.charCodeAt(next) === 32 ? next + 1 : next;
  }

  function readProgramTag(text: string, i: number, end: number): number {
    tagAt = i;
    return text.charCodeAt(i) === 91 ? readBracketTag(text, i, end) : readTag(text, i, end);
  }

  /**
   * A recent `host program` pair at `i`, followed by `[` or `:`: the message start (host,
   * program and pid set), or -1. Pairs are recorded only for a host free of `:` and `[`, one
   * space, and a scanned program free of `:`; for such a line the step-by-step path would
   * take the same host and stop the program scan at the same place, whatever the previous
   * line was, so one bulk comparison replaces the two checks.
   */
  function knownPair(text: string, i: number, end: number): number {
    const first = text.charCodeAt(i);
    for (let p = 0; p < pairs.length; p++) {
      const pair = pairs[p] as string;
      // The pair's own first character first: it is flat, so that test is the cheap one.
      if (first !== pair.charCodeAt(0)) continue;
      const k = i + pair.length;
      const c = text.charCodeAt(k);
      if ((c !== 91 && c !== 58) || !sameTextAt(text, i, pair)) continue;
      const next = tagEnd(text, k, c, end);
      if (next < 0) return -1;
      lastHost = pairHosts[p] as string;
      lastProgram = pairPrograms[p] as string;
      program = lastProgram;
      return next < end && text.charCodeAt(next) === 32 ? next + 1 : next;
    }
    return -1;
  }

  function rememberPair(host: string, name: string, text: string, hostAt: number): void {
    if (tagAt !== hostAt + host.length + 1 || text.charCodeAt(tagAt) === 91) return;
    if (host.includes(':') || host.includes('[') || name.includes(':')) return;
    for (let p = 0; p < pairs.length; p++) {
      if (pairHosts[p] === host && pairPrograms[p] === name) return;
    }
    const at = pairs.length < RECENT_PAIRS ? pairs.length : nextPair;
    pairs[at] = flatCopy(`${host} ${name}`);
    pairHosts[at] = host;
    // Programs outlive their line (events, sessions): keep a detached copy.
    pairPrograms[at] = detachString(name);
    nextPair = (at + 1) % RECENT_PAIRS;
  }

  return {
    read(text, start, time, basis, out) {
      const end = text.charCodeAt(text.length - 1) === 13 ? text.length - 1 : text.length;
      let i = skipSpaces(text, start, end);
      if (i >= end) return 'bad_header';
      const paired = knownPair(text, i, end);
      if (paired >= 0) {
        return finishEnvelope(text, paired, end, time, basis, lastHost, program, pid, out);
      }
      const hostAt = i;
      let host: string | undefined;
      let msg = -1;
      const after = i + lastHost.length;
      // The previous line's host, else another recent host (logs of several hosts
      // interleave): a token already known not to be a tag.
      const recent =
        lastHost.length !== 0 &&
        after < end &&
        text.charCodeAt(after) === 32 &&
        matchesAt(text, i, lastHost)
          ? lastHost
          : knownHost(text, i, end);
      if (recent !== undefined) {
        host = recent;
        lastHost = recent;
        i = skipSpaces(text, i + recent.length, end);
      } else {
        msg = readProgramTag(text, i, end);
        if (msg < 0) {
          const space = text.indexOf(' ', i);
          if (space < 0 || space >= end) return 'bad_header';
          const token = text.slice(i, space);
          if (!isFacility(token)) {
            // Hosts outlive their line (events, sessions, map keys): keep a detached copy.
            host = detachString(token);
            lastHost = host;
            rememberHost(host);
          }
          i = skipSpaces(text, space, end);
        }
      }
      if (msg < 0) {
        msg = readProgramTag(text, i, end);
        if (msg < 0 && host !== undefined) {
          // busybox: `host auth.info prog[pid]: msg`
          const space = text.indexOf(' ', i);
          if (space > i && space - i <= 24 && isFacility(text.slice(i, space))) {
            i = skipSpaces(text, space, end);
            msg = readProgramTag(text, i, end);
          }
        }
        if (msg < 0) return 'bad_header';
      }
      if (host !== undefined) rememberPair(host, program, text, hostAt);
      return finishEnvelope(text, msg, end, time, basis, host, program, pid, out);
    },
  };
}

function isFacility(token: string): boolean {
  return token.length <= 24 && token.includes('.') && FACILITY_PRIORITY.test(token);
}

/** `text.slice(from, to)`, or `previous` when it holds the same characters. */
function reuse(text: string, from: number, to: number, previous: string): string {
  return previous.length === to - from && matchesAt(text, from, previous)
    ? previous
    : text.slice(from, to);
}
