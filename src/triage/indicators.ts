import type { Finding } from '../findings/finding.js';
import type { SshSession } from '../model/session.js';
import { uniqueSorted } from './case-context.js';

/**
 * Indicators of a case to sweep the estate for.
 *
 * @example
 * ```ts
 * const iocs: Indicators = { addresses: ['203.0.113.77'], fingerprints: [], socketPaths: [] };
 * ```
 */
export interface Indicators {
  /** Source addresses. */
  readonly addresses: readonly string[];
  /** Key fingerprints (`SHA256:...`). */
  readonly fingerprints: readonly string[];
  /**
   * Socket paths: agent sockets named anywhere in the evidence, and any unix socket an audit
   * `PATH` record of the evidence names (a ControlMaster's ControlPath) or `ssh -S` was given.
   */
  readonly socketPaths: readonly string[];
}

const AGENT_DIR = '/.ssh/agent/s.';
const TMP_AGENT = '/tmp/ssh-';
const SHA256 = 'SHA256:';
const MAX_HITS = 16;

function isBase64(c: number): boolean {
  return (
    (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 43 || c === 47
  );
}

function isWord(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 95;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Index just past the run of `test` characters from `from` (at most `max` of them). */
function runEnd(text: string, from: number, max: number, test: (c: number) => boolean): number {
  let i = from;
  while (i < text.length && i - from < max && test(text.charCodeAt(i))) i++;
  return i;
}

/** `SHA256:` + 43 base64 characters (OpenSSH fingerprints carry no padding). No regex: an indexOf scan. */
function keyFingerprints(text: string): string[] {
  const out: string[] = [];
  let at = text.indexOf(SHA256);
  while (at >= 0 && out.length < MAX_HITS) {
    const start = at + SHA256.length;
    const end = runEnd(text, start, 44, isBase64);
    if (end - start === 43) out.push(text.slice(at, end));
    at = text.indexOf(SHA256, end);
  }
  return out;
}

/** `/tmp/ssh-XXXX/agent.N` (OpenSSH before 10.1). */
function tmpAgentSockets(text: string): string[] {
  const out: string[] = [];
  let at = text.indexOf(TMP_AGENT);
  while (at >= 0 && out.length < MAX_HITS) {
    const dir = runEnd(text, at + TMP_AGENT.length, 64, isWord);
    let end = dir;
    if (dir > at + TMP_AGENT.length && text.startsWith('/agent.', dir)) {
      const digits = runEnd(text, dir + 7, 10, isDigit);
      if (digits > dir + 7) {
        out.push(text.slice(at, digits));
        end = digits;
      }
    }
    at = text.indexOf(TMP_AGENT, end + 1);
  }
  return out;
}

function isPathChar(c: number): boolean {
  // A-Z a-z 0-9 _ . - /
  return (
    (c >= 65 && c <= 90) ||
    (c >= 97 && c <= 122) ||
    (c >= 48 && c <= 57) ||
    c === 95 ||
    c === 46 ||
    c === 45 ||
    c === 47
  );
}

/** OpenSSH 10.1+ agent sockets (`~/.ssh/agent/s.<hash>.sshd.<random>`), found without a regex. */
function agentDirSockets(text: string): string[] {
  const out: string[] = [];
  let at = text.indexOf(AGENT_DIR);
  while (at >= 0 && out.length < MAX_HITS) {
    let start = at;
    while (start > 0 && at - start < 256 && isPathChar(text.charCodeAt(start - 1))) start--;
    let end = at + AGENT_DIR.length;
    while (
      end < text.length &&
      end - at < 256 &&
      isPathChar(text.charCodeAt(end)) &&
      text.charCodeAt(end) !== 47
    )
      end++;
    if (end > at + AGENT_DIR.length && text.charCodeAt(start) === 47)
      out.push(text.slice(start, end));
    at = text.indexOf(AGENT_DIR, end);
  }
  return out;
}

const PATH_RECORD = 'type=PATH ';
const NAME = ' name=';
const SOCKET_MODE = ' mode=0140';
const EXECVE_RECORD = 'type=EXECVE ';
const DASH_S = '="-S';

function isHex(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}

/**
 * An audit field value at `from`: `"quoted"`, or hex (auditd's encoding of a value with a
 * space or quote; ASCII only, enough for a path), else `undefined`.
 */
function auditValue(text: string, from: number): string | undefined {
  if (text.charCodeAt(from) === 34) {
    const end = text.indexOf('"', from + 1);
    return end < 0 ? undefined : text.slice(from + 1, end);
  }
  const end = runEnd(text, from, 8192, isHex);
  if (end === from || (end - from) % 2 !== 0) return undefined;
  let out = '';
  for (let i = from; i < end; i += 2) {
    const byte = Number.parseInt(text.slice(i, i + 2), 16);
    if (byte < 32 || byte > 126) return undefined;
    out += String.fromCharCode(byte);
  }
  return out;
}

/** A path worth sweeping for: absolute, and not an unexpanded `%r@%h:%p` template. */
function isSocketPath(path: string | undefined): path is string {
  return path?.startsWith('/') === true && !path.includes('%');
}

/**
 * Unix sockets the audit records of the evidence name: the `PATH` record of a connect() to a
 * socket (file type 0140000: a ControlMaster or agent socket, whatever its ControlPath), and
 * the `-S <path>` of an ssh client's `EXECVE`. A ControlPath has no fixed shape, so only the
 * records' own fields say it is a socket.
 */
function auditSockets(text: string): string[] {
  if (text.startsWith(PATH_RECORD) || text.includes(` ${PATH_RECORD}`)) {
    const at = text.indexOf(NAME);
    if (at < 0 || !text.includes(SOCKET_MODE, at)) return [];
    const path = auditValue(text, at + NAME.length);
    return isSocketPath(path) ? [path] : [];
  }
  if (!text.startsWith(EXECVE_RECORD) && !text.includes(` ${EXECVE_RECORD}`)) return [];
  const out: string[] = [];
  let at = text.indexOf(DASH_S);
  while (at >= 0 && out.length < MAX_HITS) {
    const after = at + DASH_S.length;
    // `-S/path` in one argument, or `-S` then the next `aN=` argument.
    let path: string | undefined;
    if (text.charCodeAt(after) === 34) {
      const next = text.indexOf('=', after);
      path = next < 0 ? undefined : auditValue(text, next + 1);
    } else {
      const end = text.indexOf('"', after);
      path = end < 0 ? undefined : text.slice(after, end);
    }
    if (isSocketPath(path)) out.push(path);
    at = text.indexOf(DASH_S, after);
  }
  return out;
}

/**
 * Collects the indicators of a case: source addresses of the findings and of their actors (the
 * session a hijacker came from), key fingerprints of their sessions and evidence, and socket
 * paths: agent sockets named in the evidence (`/tmp/ssh-XXXX/agent.N` and OpenSSH 10.1's
 * `~/.ssh/agent/s.HASH.sshd.XXXX`) and the unix sockets its audit records name (a hijacked
 * ControlMaster's ControlPath).
 *
 * @param findings - The case's findings.
 * @param sessions - The case's sessions.
 * @returns Sorted, unique indicators.
 * @example
 * ```ts
 * const { addresses } = collectIndicators(findings, sessions);
 * ```
 */
export function collectIndicators(
  findings: readonly Finding[],
  sessions: readonly SshSession[],
): Indicators {
  const fingerprints: string[] = sessions.map((s) => s.key?.fingerprint ?? '');
  const sockets: string[] = [];
  for (const f of findings) {
    for (const text of [f.explanation, ...f.evidence.map((e) => e.text)]) {
      fingerprints.push(...keyFingerprints(text));
      sockets.push(...tmpAgentSockets(text), ...agentDirSockets(text));
    }
    for (const e of f.evidence) sockets.push(...auditSockets(e.text));
  }
  return {
    addresses: uniqueSorted(findings.flatMap((f) => [f.sourceIp, f.actor?.sourceIp])),
    fingerprints: uniqueSorted(fingerprints),
    socketPaths: uniqueSorted(sockets),
  };
}
