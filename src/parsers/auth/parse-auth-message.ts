import type { MessageContext, MessageMiss, MessageResult } from '../outcome.js';
import { parseLogindMessage } from './parse-logind-message.js';
import { parsePamMessage } from './parse-pam-message.js';
import { parseSuMessage } from './parse-su-message.js';
import { parseSudoMessage } from './parse-sudo-message.js';

const NOT_AUTH: MessageMiss = { kind: 'unrecognized', reason: 'not_auth_message' };

/**
 * Routes a message from sshd's neighbours in the auth log to its parser: PAM messages
 * (`pam_...`, `PAM ...`, `(pam_unix) ...`, or a `<service>(pam_unix)` program tag) go to
 * {@link parsePamMessage} whatever the program; otherwise the program decides: `sudo` to
 * {@link parseSudoMessage}, `su` to {@link parseSuMessage}, `systemd-logind` to
 * {@link parseLogindMessage}. Anything else is `unrecognized` with reason `not_auth_message`.
 *
 * @param message - The message text after the program tag.
 * @param context - Envelope fields; `context.program` picks the parser.
 * @returns The chosen parser's result.
 * @example
 * ```ts
 * const r = parseAuthMessage('New session 12 of user alice.', { ...context, program: 'systemd-logind' });
 * // r.kind === 'logind.session'
 * ```
 */
export function parseAuthMessage(message: string, context: MessageContext): MessageResult {
  const program = context.program;
  if (
    message.startsWith('pam_') ||
    message.startsWith('PAM ') ||
    message.startsWith('(pam_') ||
    (program?.endsWith(')') === true && program.includes('(pam_'))
  ) {
    return parsePamMessage(message, context);
  }
  switch (program) {
    case 'sudo':
      return parseSudoMessage(message, context);
    case 'su':
      return parseSuMessage(message, context);
    case 'systemd-logind':
      return parseLogindMessage(message, context);
    default:
      return NOT_AUTH;
  }
}
