import type { DetectorInput } from '../detector.js';
import { inputHost, inputSourceIp, inputUser } from '../input.js';

/** Which entity inputs are grouped by. */
export type Entity = 'user' | 'sourceIp' | 'host' | 'session' | 'host_user';

/**
 * A grouping key of an input: inputs with the same key belong together; `undefined` means
 * the input has no such entity and is skipped.
 *
 * @example
 * ```ts
 * const bySource: KeyFn = (input) => (input.kind === 'event' ? input.event.host : undefined);
 * ```
 */
export type KeyFn = (input: DetectorInput) => string | undefined;

/**
 * The key function of an entity: `user`, `sourceIp`, `host`, `session` (a session's id; for
 * events, host and pid) or `host_user`.
 *
 * @param entity - The entity.
 * @returns The key function.
 * @example
 * ```ts
 * threshold({ ..., key: sameEntity('sourceIp') });
 * ```
 */
export function sameEntity(entity: Entity): KeyFn {
  switch (entity) {
    case 'user':
      return inputUser;
    case 'sourceIp':
      return inputSourceIp;
    case 'host':
      return (input) => inputHost(input) ?? '-';
    case 'session':
      return (input) => {
        if (input.kind === 'session') return input.session.id;
        const pid = input.event.pid;
        return pid === undefined ? undefined : `${input.event.host ?? '-'}/${pid}`;
      };
    case 'host_user':
      return (input) => {
        const user = inputUser(input);
        return user === undefined ? undefined : `${inputHost(input) ?? '-'}/${user}`;
      };
  }
}
