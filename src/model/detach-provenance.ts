import type { Provenance } from '../events/provenance.js';
import type { SshKey } from '../events/ssh.js';
import { detachString } from '../parsers/detach-string.js';

/**
 * A copy of an evidence line whose text shares no memory with the read chunk it was cut from,
 * for state that outlives the line (sessions, detector windows, findings in open cases).
 *
 * @param line - The evidence line.
 * @returns A self-contained copy with the same source, line number and text.
 * @example
 * ```ts
 * const kept = detachProvenance(event.source);
 * ```
 * @internal
 */
export function detachProvenance(line: Provenance): Provenance {
  return { source: line.source, line: line.line, text: detachString(line.text) };
}

/**
 * A string that shares no memory with a log line, or `undefined`.
 *
 * @param text - A string cut from a line, or `undefined`.
 * @returns The detached copy.
 * @example
 * ```ts
 * draft.keyLocation = detachOptional(event.keyLocation);
 * ```
 * @internal
 */
export function detachOptional(text: string | undefined): string | undefined {
  return text === undefined ? undefined : detachString(text);
}

/**
 * A copy of a key whose fingerprint (and certificate fields) share no memory with the line.
 *
 * @param key - The key of an event.
 * @returns The detached copy.
 * @example
 * ```ts
 * draft.key = detachKey(event.key);
 * ```
 * @internal
 */
export function detachKey(key: SshKey): SshKey {
  const c = key.certificate;
  return {
    type: detachString(key.type),
    fingerprint: detachString(key.fingerprint),
    certificate:
      c === undefined
        ? undefined
        : {
            ...c,
            id: detachString(c.id),
            serial: detachString(c.serial),
            caType: detachString(c.caType),
            caFingerprint: detachString(c.caFingerprint),
          },
  };
}
