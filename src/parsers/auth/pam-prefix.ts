/**
 * Splits the writer of a PAM message from its body: `pam_unix(sshd:auth): `, `pam_unix: `,
 * `(pam_unix) `, libpam's `PAM `, or the pre-0.99 program form `su(pam_unix)[pid]:`.
 *
 * @internal
 * @module
 */

/** Who wrote a PAM message, and where its body starts. @internal */
export interface PamPrefix {
  /** The module (`pam_unix`, `pam_sss`...), or `PAM` for libpam's own lines. */
  readonly module: string;
  /** The PAM service, from the prefix, the program tag or, failing both, the program. */
  readonly service: string;
  /** Offset of the body in the message. */
  readonly bodyAt: number;
}

const MAX_NAME = 128;

/**
 * Reads the PAM prefix of `message`, written under `program`.
 *
 * @param message - The message text.
 * @param program - The program tag (`sshd`, `su(pam_unix)`...), when known.
 * @returns The prefix, or `undefined` when the message is not a PAM message.
 * @internal
 */
export function readPamPrefix(message: string, program: string | undefined): PamPrefix | undefined {
  if (message.startsWith('pam_')) return readModulePrefix(message, program);
  if (message.startsWith('PAM '))
    return { module: 'PAM', service: programService(program), bodyAt: 4 };
  if (message.startsWith('(pam_')) {
    const close = message.indexOf(') ', 5);
    if (close === -1 || close > MAX_NAME || !isName(message, 1, close)) return undefined;
    return { module: message.slice(1, close), service: programService(program), bodyAt: close + 2 };
  }
  // Linux-PAM before 0.99.2 put the module in the tag: `su(pam_unix)[23164]: session opened ...`.
  if (program?.endsWith(')') === true) {
    const open = program.indexOf('(pam_');
    if (open > 0 && isName(program, open + 1, program.length - 1)) {
      return {
        module: program.slice(open + 1, program.length - 1),
        service: program.slice(0, open),
        bodyAt: 0,
      };
    }
  }
  return undefined;
}

function readModulePrefix(message: string, program: string | undefined): PamPrefix | undefined {
  let at = 4;
  const limit = Math.min(message.length, MAX_NAME);
  while (at < limit && isNameCode(message.charCodeAt(at))) at += 1;
  const module = message.slice(0, at);
  const next = message.charCodeAt(at);
  if (next === 58 /* : */) {
    if (message.charCodeAt(at + 1) !== 32) return undefined;
    return { module, service: programService(program), bodyAt: at + 2 };
  }
  if (next !== 40 /* ( */) return undefined;
  const close = message.indexOf('):', at);
  if (close === -1 || close - at > MAX_NAME) return undefined;
  const bodyAt = message.charCodeAt(close + 2) === 32 ? close + 3 : close + 2;
  // `(service:type)`; fail2ban also shows a bare `(type)`.
  const colon = message.lastIndexOf(':', close);
  const service = colon > at ? message.slice(at + 1, colon) : programService(program);
  return { module, service, bodyAt };
}

function programService(program: string | undefined): string {
  if (program === undefined) return '';
  const open = program.indexOf('(');
  return open > 0 ? program.slice(0, open) : program;
}

function isName(text: string, from: number, to: number): boolean {
  if (to <= from) return false;
  for (let i = from; i < to; i += 1) if (!isNameCode(text.charCodeAt(i))) return false;
  return true;
}

/** `[A-Za-z0-9_-]`. */
function isNameCode(code: number): boolean {
  return (
    (code >= 97 && code <= 122) ||
    (code >= 65 && code <= 90) ||
    (code >= 48 && code <= 57) ||
    code === 95 ||
    code === 45
  );
}
