/**
 * sshtrail: reconstruct SSH sessions from the logs a Linux estate already writes and
 * detect SSH session hijacking (MITRE ATT&CK T1563.001). This entry point is
 * runtime-neutral: it imports no Node built-ins.
 *
 * @module sshtrail
 */
export type * from './events/index.js';
export { canonicalIp, ipInCidr } from './ip.js';
export type {
  Envelope,
  EnvelopeResult,
  LineOutcome,
  MalformedReason,
  MessageContext,
  MessageMiss,
  MessageResult,
} from './parsers/outcome.js';
