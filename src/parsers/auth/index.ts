/**
 * Parsers for sshd's neighbours in the auth log: PAM, systemd-logind, sudo and su.
 * Their regular expressions live in `patterns.ts` (checked by the ReDoS test), not here.
 *
 * @module
 */
export { parseAuthMessage } from './parse-auth-message.js';
export { parseLogindMessage } from './parse-logind-message.js';
export { parsePamMessage } from './parse-pam-message.js';
export { parseSuMessage } from './parse-su-message.js';
export { parseSudoMessage } from './parse-sudo-message.js';
