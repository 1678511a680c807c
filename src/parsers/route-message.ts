import {
  parseLogindMessage,
  parsePamMessage,
  parseSudoMessage,
  parseSuMessage,
} from './auth/index.js';
import type { MessageContext, MessageResult } from './outcome.js';
import { parseSshdMessage } from './sshd/index.js';

const IGNORED_PROGRAM: MessageResult = { kind: 'ignored', reason: 'other_program' };

/**
 * Sends a message to the parser of the program that wrote it. PAM lines are recognised by
 * their `pam_` / `PAM ` prefix under any program, since PAM runs inside sshd, su and sudo.
 *
 * @internal
 */
export function routeMessage(message: string, context: MessageContext): MessageResult {
  const program = context.program ?? '';
  if (message.startsWith('pam_') || message.startsWith('PAM ')) {
    return parsePamMessage(message, context);
  }
  switch (program) {
    case 'sshd':
    case 'sshd-session':
    case 'sshd-auth':
      return parseSshdMessage(message, context);
    case 'sudo':
      return parseSudoMessage(message, context);
    case 'su':
      return parseSuMessage(message, context);
    case 'systemd-logind':
      return parseLogindMessage(message, context);
    default:
      // Old Linux-PAM wrote `su(pam_unix)[pid]: session opened ...` with no module prefix.
      if (program.includes('(pam_')) return parsePamMessage(message, context);
      return IGNORED_PROGRAM;
  }
}
