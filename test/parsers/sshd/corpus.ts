import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { SshtrailEvent } from '../../../src/events/index.js';
import { canonicalIp } from '../../../src/ip.js';
import type { MessageResult } from '../../../src/parsers/outcome.js';

/** The shared sshd corpora, found as `../shared/corpora/sshd` relative to the repo root. */
export const SSHD_CORPUS: string = path.resolve(process.cwd(), '../shared/corpora/sshd');

/** Whether the corpora are present (tests that read them are skipped otherwise). */
export const HAVE_CORPUS: boolean = existsSync(SSHD_CORPUS);

if (!HAVE_CORPUS) {
  console.warn(`sshd corpus not found at ${SSHD_CORPUS}: corpus conformance tests are skipped`);
}

/** Reads a corpus file as latin1 (some files hold invalid UTF-8), split into lines. */
export function corpusLines(relative: string): string[] {
  return readFileSync(path.join(SSHD_CORPUS, relative), 'latin1').split(/\r?\n/);
}

/** Every file under the sshd corpus, relative paths. */
export function corpusFiles(dir = SSHD_CORPUS): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...corpusFiles(full));
    else out.push(path.relative(SSHD_CORPUS, full));
  }
  return out.sort();
}

const TAGGED = /\bsshd(?:-session|-auth)?(?:\[\d+\])?: (.*)$/;
const BRACKET = /(?:^|\s)\[sshd\]:? (.*)$/;
const RFC5424 =
  /^<\d+>1 \S+ \S+ sshd(?:-session|-auth)? \S+ \S+ (?:-|(?:\[(?:[^\]"]|"(?:[^"\\]|\\.)*")*\])+) (.*)$/;
const REPEATED = /^message repeated \d+ times: \[ ?(.*)\]$/;
const KERNEL = /^kernel: ?\[ *\d+\.\d+\]:? /;

/**
 * A deliberately simple, tolerant envelope split for the corpus tests: the text after the first
 * `sshd[pid]: ` / `sshd-session[pid]: ` / `sshd: ` / `[sshd] `, or an RFC5424 `sshd` record's MSG.
 * rsyslog's `message repeated N times: [ ... ]` is unwrapped and fail2ban's journal `kernel:[...]`
 * artefact dropped (both are envelope matters, not sshd grammar).
 */
export function sshdMessageOf(line: string): string | undefined {
  const m = RFC5424.exec(line) ?? TAGGED.exec(line) ?? BRACKET.exec(line);
  if (m === null) return undefined;
  let message = m[1] ?? '';
  const repeated = REPEATED.exec(message);
  if (repeated !== null) message = repeated[1] ?? '';
  const kernel = KERNEL.exec(message);
  if (kernel !== null) message = message.slice(kernel[0].length);
  return message;
}

/** fail2ban's sshd filter modes as this suite models them (`ddos`/`extra` are subsets of `aggressive`). */
export type Fail2banMode = 'normal' | 'aggressive';

function hasSource(e: {
  readonly sourceIp: string | undefined;
  readonly sourceName: string | undefined;
}): boolean {
  return e.sourceIp !== undefined || e.sourceName !== undefined;
}

/**
 * Our model of "fail2ban's sshd filter counts this line as a failure", per line (fail2ban itself
 * also merges lines by pid; those multi-line verdicts are listed separately in the test):
 *
 * - any mode: an `ssh.auth` with a source and outcome failure / invalid_user / not_allowed /
 *   max_attempts / refused, except a `Failed publickey` for an existing user (clients try several
 *   keys, gh-1263); a `Received disconnect` whose code is not 11 (by application); a
 *   `Disconnecting <connid>: ...` other than `Too many authentication failures` (that one follows
 *   `maximum authentication attempts exceeded`, already counted).
 * - aggressive (ddos + extra): also a pre-auth connection end with a source (`Connection
 *   closed|reset by ... [preauth]`, `Disconnected from ... [preauth]`, `Received disconnect ...
 *   [preauth]`), `Timeout before authentication`, and protocol trouble with a source (no
 *   identification, bad banner, failed negotiation, dispatch fatal).
 */
export function isFail2banMatch(event: SshtrailEvent, mode: Fail2banMode): boolean {
  switch (event.kind) {
    case 'ssh.auth':
      if (!hasSource(event)) return false;
      if (event.outcome === 'failure') return !(event.method === 'publickey' && !event.invalidUser);
      return ['invalid_user', 'not_allowed', 'max_attempts', 'refused'].includes(event.outcome);
    case 'ssh.disconnect':
      if (!hasSource(event)) return false;
      if (event.reason === 'received_disconnect' && event.code !== 11) return true;
      if (event.reason === 'disconnecting') {
        return !(event.detail ?? '').startsWith('Too many authentication failures');
      }
      if (mode === 'normal') return false;
      if (event.reason === 'preauth_timeout') return true;
      return (
        event.preauth &&
        ['closed', 'reset', 'disconnected', 'received_disconnect'].includes(event.reason)
      );
    case 'pam.auth':
      // fail2ban's sshd filter counts pam_unix authentication failures that name a remote host.
      return event.outcome === 'failure' && hasSource(event);
    case 'ssh.protocol':
      return (
        mode === 'aggressive' &&
        hasSource(event) &&
        ['no_identification', 'bad_banner', 'negotiation_failed', 'dispatch_fatal'].includes(
          event.issue,
        )
      );
    default:
      return false;
  }
}

/** The event of a result, or `undefined` for a miss. */
export function eventOf(result: MessageResult): SshtrailEvent | undefined {
  return 'time' in result ? result : undefined;
}

/** The source of an event as fail2ban would name it (IP canonicalized, else the logged name). */
export function sourceOf(event: SshtrailEvent): string | undefined {
  if (!('sourceIp' in event)) return undefined;
  return event.sourceIp ?? event.sourceName;
}

/** Compares fail2ban's expected host with ours (via canonicalIp when both are IPs). */
export function sameHost(expected: string, actual: string | undefined): boolean {
  if (actual === undefined) return false;
  const a = canonicalIp(expected);
  const b = canonicalIp(actual);
  return a !== undefined && b !== undefined ? a === b : expected === actual;
}
