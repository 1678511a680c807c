export { decodeSshdEscapes } from './escapes.js';
export { parseSshdMessage } from './parse-sshd-message.js';
