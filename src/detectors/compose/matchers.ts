import type { SshtrailEvent } from '../../events/index.js';
import type { SshSession } from '../../model/session.js';
import type { DetectorContext, DetectorInput } from '../detector.js';

/**
 * A condition on one input.
 *
 * @example
 * ```ts
 * const isEvent: Matcher = (input) => input.kind === 'event';
 * ```
 */
export type Matcher = (input: DetectorInput, context: DetectorContext) => boolean;

/** The event of a given kind. */
export type EventOfKind<K extends SshtrailEvent['kind']> = Extract<SshtrailEvent, { kind: K }>;

/**
 * Matches events of one kind, optionally narrowed by a predicate on the typed event.
 *
 * @param kind - The event kind (`ssh.auth`, `priv.sudo`...).
 * @param predicate - Optional further condition.
 * @returns The matcher.
 * @example
 * ```ts
 * const failed = eventOf('ssh.auth', (e) => e.outcome === 'failure');
 * ```
 */
export function eventOf<K extends SshtrailEvent['kind']>(
  kind: K,
  predicate?: (event: EventOfKind<K>, context: DetectorContext) => boolean,
): Matcher {
  return (input, context) =>
    input.kind === 'event' &&
    input.event.kind === kind &&
    (predicate === undefined || predicate(input.event as EventOfKind<K>, context));
}

/**
 * Matches session changes, optionally of one kind of change and narrowed by a predicate.
 *
 * @param change - `open`, `update`, `close`, or `any`.
 * @param predicate - Optional further condition.
 * @returns The matcher.
 * @example
 * ```ts
 * const rootLogin = sessionOf('open', (s) => s.user === 'root');
 * ```
 */
export function sessionOf(
  change: 'open' | 'update' | 'close' | 'any',
  predicate?: (session: SshSession, context: DetectorContext) => boolean,
): Matcher {
  return (input, context) =>
    input.kind === 'session' &&
    (change === 'any' || input.change === change) &&
    (predicate === undefined || predicate(input.session, context));
}

/**
 * Negates a matcher.
 *
 * @param matcher - The condition.
 * @returns A matcher true exactly when `matcher` is false.
 * @example
 * ```ts
 * const notRoot = not(sessionOf('open', (s) => s.user === 'root'));
 * ```
 */
export function not(matcher: Matcher): Matcher {
  return (input, context) => !matcher(input, context);
}

/**
 * True when any of the matchers is.
 *
 * @param matchers - The conditions.
 * @returns The matcher.
 * @example
 * ```ts
 * const privileged = anyOf(eventOf('priv.sudo'), eventOf('priv.su'));
 * ```
 */
export function anyOf(...matchers: readonly Matcher[]): Matcher {
  return (input, context) => matchers.some((m) => m(input, context));
}

/**
 * True when all of the matchers are.
 *
 * @param matchers - The conditions.
 * @returns The matcher.
 * @example
 * ```ts
 * const rootSudo = allOf(eventOf('priv.sudo'), (i) => i.kind === 'event' && i.event.host === 'db1');
 * ```
 */
export function allOf(...matchers: readonly Matcher[]): Matcher {
  return (input, context) => matchers.every((m) => m(input, context));
}
