import type { Provenance } from '../events/provenance.js';
import type { DetectorInput } from './detector.js';

/**
 * When an input happened: the event's time; for a session, its authentication (`open`),
 * its end (`close`) or its latest line (`update`).
 *
 * @param input - An event or a session change.
 * @returns Epoch milliseconds.
 * @example
 * ```ts
 * inputTime({ kind: 'event', event }) === event.time; // true
 * ```
 */
export function inputTime(input: DetectorInput): number {
  if (input.kind === 'event') return input.event.time;
  const s = input.session;
  if (input.change === 'open') return s.authTime ?? s.startTime;
  if (input.change === 'close') return s.endTime ?? s.lastSeenTime;
  return s.lastSeenTime;
}

/**
 * The evidence lines behind an input: the event's line, or the session's lines.
 *
 * @param input - An event or a session change.
 * @returns The lines, in order.
 * @example
 * ```ts
 * inputEvidence({ kind: 'event', event }); // [event.source]
 * ```
 */
export function inputEvidence(input: DetectorInput): readonly Provenance[] {
  return input.kind === 'event' ? [input.event.source] : input.session.evidence;
}

/**
 * The account an input is about, when it names one (sudo/su: the invoking user).
 *
 * @param input - An event or a session change.
 * @returns The user, or `undefined`.
 * @example
 * ```ts
 * inputUser({ kind: 'session', change: 'open', session }); // session.user
 * ```
 */
export function inputUser(input: DetectorInput): string | undefined {
  if (input.kind === 'session') return input.session.user;
  const e = input.event;
  switch (e.kind) {
    case 'ssh.auth':
    case 'ssh.disconnect':
    case 'ssh.session.open':
    case 'ssh.session.close':
    case 'pam.session':
    case 'pam.auth':
    case 'logind.session':
    case 'priv.sudo':
    case 'priv.su':
      return e.user;
    default:
      return undefined;
  }
}

/**
 * The remote source address of an input, when it has one.
 *
 * @param input - An event or a session change.
 * @returns The canonical address, or `undefined`.
 * @example
 * ```ts
 * inputSourceIp({ kind: 'event', event: failedPassword }); // '203.0.113.77'
 * ```
 */
export function inputSourceIp(input: DetectorInput): string | undefined {
  if (input.kind === 'session') return input.session.sourceIp;
  const e = input.event;
  return 'sourceIp' in e && typeof e.sourceIp === 'string' ? e.sourceIp : undefined;
}

/**
 * The host of an input.
 *
 * @param input - An event or a session change.
 * @returns The host name, or `undefined` for the anonymous host.
 * @example
 * ```ts
 * inputHost({ kind: 'session', change: 'open', session }); // session.host
 * ```
 */
export function inputHost(input: DetectorInput): string | undefined {
  return input.kind === 'session' ? input.session.host : input.event.host;
}
