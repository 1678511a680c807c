/**
 * The event a bound builds per line: the fields every auth-log event carries (time, host,
 * program, pid, provenance) plus the peer address and port most sshd lines end with. The shape
 * is the parser's, so allocation costs what the parser's does.
 */

/** Fields a bound reads from a line, without checking that the line has them (reused per line). */
export interface BoundFields {
  /** Stand-in time: cached per timestamp key as a real parser does. */
  time: number;
  /** Host as written. */
  host: string;
  /** Program as written. */
  program: string;
  /** Digits after `[`. */
  pid: number;
  /** The word before the last ` port `. */
  peer: string;
  /** Digits after the last ` port `. */
  port: number;
  /** First character of the message, standing in for the kind dispatch. */
  lead: number;
}

/**
 * A fresh, reusable field record.
 *
 * @returns zeroed fields
 * @example
 * ```ts
 * const f = newFields();
 * ```
 */
export function newFields(): BoundFields {
  return { time: 0, host: '', program: '', pid: 0, peer: '', port: 0, lead: 0 };
}

const BASIS = { year: 'line', zone: 'line' } as const;

/**
 * Wraps the fields in the parser's outcome shape.
 *
 * @param f - the fields read
 * @param text - the line (provenance)
 * @param source - the source name
 * @param line - 1-based line number
 * @returns an outcome-shaped object
 * @example
 * ```ts
 * boundOutcome(newFields(), 'sshd[1]: x', 'auth.log', 1).event.pid;
 * ```
 */
export function boundOutcome(f: BoundFields, text: string, source: string, line: number) {
  const failed = f.lead === 70; // 'F'ailed
  return {
    kind: 'event',
    event: {
      kind: failed ? 'ssh.auth' : f.lead === 67 ? 'ssh.connection' : 'ssh.other',
      time: f.time,
      timeBasis: BASIS,
      host: f.host,
      program: f.program,
      pid: f.pid,
      repeat: 1,
      source: { source, line, text },
      preauth: false,
      sourceIp: f.peer,
      sourcePort: f.port,
      outcome: failed ? 'failure' : 'success',
      invalidUser: false,
      count: 1,
    },
  } as const;
}
