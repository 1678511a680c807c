/**
 * What a scenario sees: the random source, the estate, and two ways to put things on the
 * agenda (a line at a time, or an action that runs when its time comes, so pids are
 * allocated in time order).
 */
import type { HostState } from './hosts.js';
import type { Rng } from './rng.js';
import type { Account } from './vocabulary.js';

/** The per-kind label of every generated line, counted in the metadata. */
export type LineKind =
  | 'sshd.connection_from'
  | 'sshd.invalid_user'
  | 'sshd.failed_password'
  | 'sshd.failed_password_invalid_user'
  | 'sshd.message_repeated'
  | 'sshd.max_auth_exceeded'
  | 'sshd.disconnecting_too_many'
  | 'sshd.accepted_publickey'
  | 'sshd.accepted_password'
  | 'sshd.user_child'
  | 'sshd.starting_session'
  | 'sshd.close_session'
  | 'sshd.transferred'
  | 'sshd.closing_connection'
  | 'sshd.received_disconnect'
  | 'sshd.received_disconnect_preauth'
  | 'sshd.disconnected_user'
  | 'sshd.disconnected_preauth'
  | 'sshd.connection_closed'
  | 'sshd.connection_closed_preauth'
  | 'sshd.connection_reset_preauth'
  | 'sshd.timeout_client'
  | 'sshd.kex_error'
  | 'sshd.banner_exchange'
  | 'sshd.unable_to_negotiate'
  | 'sshd.timeout_before_auth'
  | 'pam.auth_failure'
  | 'pam.check_pass'
  | 'pam.more_failures'
  | 'pam.ignoring_max_retries'
  | 'pam.sshd_session_opened'
  | 'pam.sshd_session_closed'
  | 'pam.sudo_session_opened'
  | 'pam.sudo_session_closed'
  | 'pam.cron_session_opened'
  | 'pam.cron_session_closed'
  | 'logind.new_session'
  | 'logind.logged_out'
  | 'logind.removed_session'
  | 'sudo.command';

/** The scheduling surface scenarios write to. */
export interface ScenarioContext {
  /** Random source. */
  readonly rng: Rng;
  /** The estate. */
  readonly hosts: readonly HostState[];
  /** Attacker addresses. */
  readonly attackers: readonly string[];
  /** Legitimate accounts. */
  readonly accounts: readonly Account[];
  /** Schedules one line: `<stamp> <host> <tag>: <message>`. Times are integer microseconds. */
  line(timeUs: number, host: HostState, tag: string, kind: LineKind, message: string): void;
  /** Schedules an action at a time; it may schedule more lines and actions (not earlier). */
  at(timeUs: number, run: (timeUs: number) => void): void;
}

/** Seconds to integer microseconds. */
export function us(seconds: number): number {
  return Math.round(seconds * 1e6);
}

/**
 * A client source port (Linux ephemeral range).
 *
 * @param ctx - scenario context
 * @returns a port number
 * @example
 * ```ts
 * ephemeralPort(ctx); // e.g. 51234
 * ```
 */
export function ephemeralPort(ctx: ScenarioContext): number {
  return ctx.rng.range(32768, 60999);
}

/**
 * Picks a host with probability proportional to a weight.
 *
 * @param ctx - scenario context
 * @param weight - the weight of a host
 * @returns a host
 * @example
 * ```ts
 * weightedHost(ctx, (h) => h.profile.exposure);
 * ```
 */
export function weightedHost(ctx: ScenarioContext, weight: (host: HostState) => number): HostState {
  let total = 0;
  for (const h of ctx.hosts) total += weight(h);
  let r = ctx.rng.next() * total;
  for (const h of ctx.hosts) {
    r -= weight(h);
    if (r < 0) return h;
  }
  return ctx.rng.pick(ctx.hosts);
}
