import type { MessageMiss } from '../outcome.js';

/** The result for an sshd message the grammar does not know. @internal */
export const UNKNOWN: MessageMiss = { kind: 'unrecognized', reason: 'unknown_sshd_message' };

/**
 * Builds an `ignored` miss: a known sshd message that carries nothing for sshtrail.
 * @internal
 */
export function ignored(reason: string): MessageMiss {
  return { kind: 'ignored', reason };
}
