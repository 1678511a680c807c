/**
 * Parsers for sshd's neighbours in the auth log: PAM, systemd-logind, sudo and su.
 *
 * @module
 */
export { parseAuthMessage } from './parse-auth-message.js';
export { parseLogindMessage } from './parse-logind-message.js';
export { parsePamMessage } from './parse-pam-message.js';
export { parseSuMessage } from './parse-su-message.js';
export { parseSudoMessage } from './parse-sudo-message.js';
export {
  PAM_ACCOUNT_DENIED_PATTERN,
  PAM_EXPIRED_PASSWORD_PATTERN,
  PAM_FAILLOCK_PATTERN,
  PAM_MAX_RETRIES_PATTERN,
  PAM_MORE_FAILURES_PATTERN,
  PAM_SESSION_PATTERN,
  PAM_TALLY_PATTERN,
  SU_BSD_PATTERN,
  SU_CHANGING_PATTERN,
  SU_SHADOW_SIGN_PATTERN,
  SU_SHADOW_WORDS_PATTERN,
  SU_UTIL_LINUX_PATTERN,
  SUDO_BAD_PASSWORD_PATTERN,
} from './patterns.js';
