import type { SudoEvent } from '../../events/auth.js';
import type { MessageContext, MessageMiss, MessageResult } from '../outcome.js';
import { parsePamMessage } from './parse-pam-message.js';
import { SUDO_BAD_PASSWORD_PATTERN } from './patterns.js';

const UNKNOWN: MessageMiss = { kind: 'unrecognized', reason: 'unknown_sudo_message' };
const CONFIG_PROBLEM: MessageMiss = { kind: 'ignored', reason: 'sudo_config_problem' };
const DIAGNOSTIC: MessageMiss = { kind: 'ignored', reason: 'sudo_diagnostic' };

const SEPARATOR = ' ; ';
const MAX_USER = 256;

type Outcome = SudoEvent['outcome'];

/**
 * Parses a sudo log message:
 * `alice : [<error> ; ]TTY=pts/0 ; PWD=/home/alice ; USER=root ; [GROUP=g ; ][TSID=x ; ][ENV=... ; ]COMMAND=/bin/ls -la`.
 *
 * The user is everything before the first ` : ` (left padding removed). Fields are split on
 * ` ; ` from the left; `COMMAND=` takes the rest of the line, so a command containing ` ; `
 * or ` : ` is kept whole. `TTY=` may be absent (no terminal). The error text before the
 * fields decides the outcome: `user NOT in sudoers` (`not_in_sudoers`), `command not
 * allowed` and `user NOT authorized on host` (`not_allowed`), `N incorrect password
 * attempt(s)` (`bad_password`, `attempts` N), anything else (`error`, e.g. `a password is
 * required`). `problem with defaults entries` and messages without `user : ` (`unable to
 * resolve host ...`) are `ignored`. A `pam_...` message is handed to {@link parsePamMessage}.
 *
 * A working directory containing ` ; COMMAND=` can shift where the command starts; the
 * returned `command` then holds the real command as its tail.
 *
 * @param message - The message text after the program tag.
 * @param context - Envelope fields copied into the event.
 * @returns A `priv.sudo` event (or a PAM event), or an `ignored`/`unrecognized` miss.
 * @example
 * ```ts
 * const r = parseSudoMessage('alice : TTY=pts/0 ; PWD=/home/alice ; USER=root ; COMMAND=/bin/ls -la', context);
 * // r.kind === 'priv.sudo', r.outcome === 'allowed', r.runAs === 'root', r.command === '/bin/ls -la'
 * ```
 */
export function parseSudoMessage(message: string, context: MessageContext): MessageResult {
  if (message.startsWith('pam_') || message.startsWith('PAM ')) {
    return parsePamMessage(message, context);
  }
  const colon = message.indexOf(' : ');
  if (colon === -1) return DIAGNOSTIC;
  const user = message.slice(0, colon).trimStart();
  if (user.length === 0 || user.length > MAX_USER || user.includes(' ')) return UNKNOWN;

  let error: string | undefined;
  let tty: string | undefined;
  let cwd: string | undefined;
  let runAs: string | undefined;
  let runAsGroup: string | undefined;
  let command: string | undefined;
  let fields = 0;
  let lastKey = '';
  let at = colon + 3;
  for (;;) {
    if (message.startsWith('COMMAND=', at)) {
      command = message.slice(at + 8);
      fields += 1;
      break;
    }
    const next = message.indexOf(SEPARATOR, at);
    const end = next === -1 ? message.length : next;
    const keyEnd = keyLength(message, at, end);
    if (keyEnd === 0) {
      if (fields === 0 && error === undefined) error = message.slice(at, end).trimEnd();
      // A directory name containing ` ; ` continues PWD.
      else if (lastKey === 'PWD=') cwd = `${cwd ?? ''}${SEPARATOR}${message.slice(at, end)}`;
    } else {
      fields += 1;
      lastKey = message.slice(at, at + keyEnd);
      const value = message.slice(at + keyEnd, end);
      if (lastKey === 'TTY=') tty = value;
      else if (lastKey === 'PWD=') cwd = value;
      else if (lastKey === 'USER=') runAs = value;
      else if (lastKey === 'GROUP=') runAsGroup = value;
      // TSID=, ENV=, CHROOT=, CWD= and other keys are skipped.
    }
    if (next === -1) break;
    at = next + 3;
  }

  if (error?.startsWith('problem with defaults entries') === true) return CONFIG_PROBLEM;
  if (fields === 0) return UNKNOWN;
  let outcome: Outcome = 'allowed';
  let attempts: number | undefined;
  if (error !== undefined) {
    if (error === 'user NOT in sudoers') outcome = 'not_in_sudoers';
    else if (error === 'command not allowed' || error === 'user NOT authorized on host') {
      outcome = 'not_allowed';
    } else {
      const bad = SUDO_BAD_PASSWORD_PATTERN.exec(error);
      if (bad === null) outcome = 'error';
      else {
        outcome = 'bad_password';
        attempts = Number(bad[1]);
      }
    }
  }
  return {
    kind: 'priv.sudo',
    time: context.time,
    timeBasis: context.timeBasis,
    host: context.host,
    program: context.program,
    pid: context.pid,
    repeat: context.repeat,
    source: context.source,
    user,
    outcome,
    attempts,
    error,
    tty,
    cwd,
    runAs,
    runAsGroup,
    command,
  };
}

/** Length of an upper-case `KEY=` at `from` (before `end`), or 0. */
function keyLength(text: string, from: number, end: number): number {
  const limit = Math.min(end, from + 16);
  for (let i = from; i < limit; i += 1) {
    const code = text.charCodeAt(i);
    if (code === 61 /* = */) return i > from ? i - from + 1 : 0;
    if (code < 65 || code > 90) return 0;
  }
  return 0;
}
