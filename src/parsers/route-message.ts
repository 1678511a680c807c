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
export function routeMessage(text: string, context: MessageContext): MessageResult {
  const program = context.program ?? '';
  // Kernel-time prefixes (`kernel:[  970.699396]: `) that some journal exports put in front.
  const message = text.startsWith('kernel:') ? stripKernelTime(text) : text;
  if (message.startsWith('pam_') || message.startsWith('PAM ') || message.startsWith('(pam_')) {
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

function stripKernelTime(text: string): string {
  let i = 7;
  if (text.charCodeAt(i) === 32) i++;
  if (text.charCodeAt(i) !== 91) return text;
  const close = text.indexOf(']', i);
  if (close === -1 || close - i > 20) return text;
  let rest = close + 1;
  if (text.charCodeAt(rest) === 58) rest++;
  if (text.charCodeAt(rest) === 32) rest++;
  return text.slice(rest);
}
