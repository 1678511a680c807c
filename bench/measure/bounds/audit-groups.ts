/**
 * The least grouping of audit records into events: an event is open until its `EOE`, and
 * only two may be open at once (the current one and the one before), enough for the
 * benchmark's pairs of interleaved events. A third id closes the older of the two. No map,
 * no time-outs, no closed-id memory, no size caps: strictly less than the assembler, which
 * also keeps any number of open events by id.
 */
import type { Provenance } from '../../../src/events/provenance.js';

/** One event's records as the grouping keeps them. */
export interface AuditGroup {
  /** The event id. */
  readonly key: string;
  /** The type of its first record (the login record's type for user-space events). */
  readonly firstType: string;
  /** Every record line, in arrival order (`EOE` included). */
  readonly evidence: Provenance[];
  /** The line of its `SYSCALL` record, if it had one. */
  syscall: string | undefined;
  /** Where that line's fields start. */
  syscallBody: number;
}

/** Takes records one at a time, hands each event to `close` once complete. */
export interface AuditGroups {
  /** Adds one record. */
  add(type: string, key: string, body: number, source: Provenance): void;
  /** Closes what is still open (at the end of the file). */
  flush(): void;
}

/**
 * A fresh grouping.
 *
 * @param close - receives each event once its records are all in
 * @returns the grouping
 * @example
 * ```ts
 * const groups = createAuditGroups((g) => console.log(g.key, g.evidence.length));
 * groups.add('EOE', '1.000:1', 24, { source: 'audit.log', line: 1, text: 'type=EOE ...' });
 * groups.flush();
 * ```
 */
export function createAuditGroups(close: (group: AuditGroup) => void): AuditGroups {
  let current: AuditGroup | undefined;
  let before: AuditGroup | undefined;
  return {
    add(type, key, body, source) {
      if (current === undefined || current.key !== key) {
        if (before !== undefined && before.key === key) {
          const swap = current;
          current = before;
          before = swap;
        } else {
          // A new id: the older open event is taken to be complete.
          if (current !== undefined) {
            if (before !== undefined) close(before);
            before = current;
          }
          current = { key, firstType: type, evidence: [], syscall: undefined, syscallBody: 0 };
        }
      }
      current.evidence.push(source);
      if (type === 'SYSCALL') {
        current.syscall = source.text;
        current.syscallBody = body;
      } else if (type === 'EOE') {
        close(current);
        current = before;
        before = undefined;
      }
    },
    flush() {
      if (before !== undefined) close(before);
      if (current !== undefined) close(current);
      before = undefined;
      current = undefined;
    },
  };
}
