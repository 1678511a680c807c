/**
 * The audit header a bound reads, unchecked: the record type after `type=` and the event id
 * between `audit(` and `)`. Lines are assumed to start with `type=` (no `node=` prefix, as
 * in the benchmark file); a line without the shape yields garbage, never a throw.
 */

/** The header of one record (reused per line). */
export interface AuditHeader {
  /** The record type (`SYSCALL`, `EOE`, `USER_LOGIN`...). */
  type: string;
  /** The event id `SECONDS.MILLIS:SERIAL`, as the grouping key. */
  key: string;
  /** Where the record's fields start (after `): `). */
  body: number;
}

/**
 * A fresh, reusable header.
 *
 * @returns an empty header
 * @example
 * ```ts
 * const h = newAuditHeader();
 * ```
 */
export function newAuditHeader(): AuditHeader {
  return { type: '', key: '', body: 0 };
}

/**
 * Reads the header of `text` into `h` with two searches and two slices.
 *
 * @param text - one record line
 * @param h - receives the type, key and body start
 * @example
 * ```ts
 * const h = newAuditHeader();
 * readAuditHeader('type=EOE msg=audit(1709251200.011:7): ', h); // h.key === '1709251200.011:7'
 * ```
 */
export function readAuditHeader(text: string, h: AuditHeader): void {
  const typeEnd = text.indexOf(' ', 5);
  h.type = text.slice(5, typeEnd);
  // ` msg=audit(` is 11 units: the id starts right after it.
  const open = typeEnd + 11;
  const close = text.indexOf(')', open);
  h.key = text.slice(open, close);
  h.body = close + 3;
}
