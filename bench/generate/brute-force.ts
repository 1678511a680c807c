/**
 * Brute-force noise: a bot picks a host and opens a burst of connections, each trying an
 * invented user name or root with passwords, then hangs up (pre-auth). Formats follow
 * OpenSSH's auth_log / sshpkt_fmt_connection_id and pam_unix's auth messages.
 */
import { ephemeralPort, type ScenarioContext, us, weightedHost } from './context.js';
import { type HostState, nextPid } from './hosts.js';
import { BOT_GOODBYES, INVALID_USERS } from './vocabulary.js';

type Mode = 'invalid' | 'root' | 'mixed';

function pamRhost(ip: string): string {
  return `pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=${ip}`;
}

function preauthEnd(
  ctx: ScenarioContext,
  host: HostState,
  tag: string,
  t: number,
  who: string,
  ip: string,
  port: number,
): void {
  const r = ctx.rng.next();
  if (r < 0.55) {
    const bye = ctx.rng.pick(BOT_GOODBYES);
    ctx.line(
      t,
      host,
      tag,
      'sshd.received_disconnect_preauth',
      `Received disconnect from ${ip} port ${port}:11: ${bye} [preauth]`,
    );
    ctx.line(
      t + 37,
      host,
      tag,
      'sshd.disconnected_preauth',
      `Disconnected from ${who} ${ip} port ${port} [preauth]`,
    );
  } else if (r < 0.9) {
    ctx.line(
      t,
      host,
      tag,
      'sshd.connection_closed_preauth',
      `Connection closed by ${who} ${ip} port ${port} [preauth]`,
    );
  } else {
    ctx.line(
      t,
      host,
      tag,
      'sshd.connection_reset_preauth',
      `Connection reset by ${who} ${ip} port ${port} [preauth]`,
    );
  }
}

function invalidUserConnection(
  ctx: ScenarioContext,
  host: HostState,
  t0: number,
  ip: string,
): void {
  const { rng } = ctx;
  const pid = nextPid(host, rng.int(3));
  const tag = `${host.sshd}[${pid}]`;
  const port = ephemeralPort(ctx);
  const user = rng.pick(INVALID_USERS);
  let t = t0;
  if (host.profile.verbose) {
    ctx.line(
      t,
      host,
      tag,
      'sshd.connection_from',
      `Connection from ${ip} port ${port} on ${host.profile.address} port 22 rdomain ""`,
    );
    t += us(rng.range(40, 400) / 1000);
  }
  ctx.line(t, host, tag, 'sshd.invalid_user', `Invalid user ${user} from ${ip} port ${port}`);
  if (rng.chance(0.2)) {
    preauthEnd(ctx, host, tag, t + us(rng.range(50, 900) / 1000), `invalid user ${user}`, ip, port);
    return;
  }
  t += us(rng.range(100, 600) / 1000);
  ctx.line(t, host, tag, 'pam.check_pass', 'pam_unix(sshd:auth): check pass; user unknown');
  ctx.line(t + 11, host, tag, 'pam.auth_failure', pamRhost(ip));
  t += us(rng.range(1800, 2600) / 1000);
  ctx.line(
    t,
    host,
    tag,
    'sshd.failed_password_invalid_user',
    `Failed password for invalid user ${user} from ${ip} port ${port} ssh2`,
  );
  preauthEnd(ctx, host, tag, t + us(rng.range(100, 1500) / 1000), `invalid user ${user}`, ip, port);
}

function rootConnection(ctx: ScenarioContext, host: HostState, t0: number, ip: string): void {
  const { rng } = ctx;
  const pid = nextPid(host, rng.int(3));
  const tag = `${host.sshd}[${pid}]`;
  const port = ephemeralPort(ctx);
  const attempts = rng.chance(0.7) ? 1 : rng.range(2, 6);
  let t = t0;
  if (host.profile.verbose) {
    ctx.line(
      t,
      host,
      tag,
      'sshd.connection_from',
      `Connection from ${ip} port ${port} on ${host.profile.address} port 22 rdomain ""`,
    );
    t += us(rng.range(40, 400) / 1000);
  }
  t += us(rng.range(100, 900) / 1000);
  ctx.line(t, host, tag, 'pam.auth_failure', `${pamRhost(ip)}  user=root`);
  t += us(rng.range(1800, 2600) / 1000);
  const failed = `Failed password for root from ${ip} port ${port} ssh2`;
  ctx.line(t, host, tag, 'sshd.failed_password', failed);
  if (attempts > 1) {
    t += us(rng.range(2000, 2500 * attempts) / 1000);
    ctx.line(
      t,
      host,
      tag,
      'sshd.message_repeated',
      `message repeated ${attempts - 1} times: [ ${failed}]`,
    );
  }
  t += us(rng.range(100, 900) / 1000);
  if (attempts === 6) {
    const id = `authenticating user root ${ip} port ${port}`;
    ctx.line(
      t,
      host,
      tag,
      'sshd.max_auth_exceeded',
      `error: maximum authentication attempts exceeded for root from ${ip} port ${port} ssh2 [preauth]`,
    );
    ctx.line(
      t + 20,
      host,
      tag,
      'sshd.disconnecting_too_many',
      `Disconnecting ${id}: Too many authentication failures [preauth]`,
    );
    ctx.line(
      t + 45,
      host,
      tag,
      'pam.more_failures',
      `PAM 5 more authentication failures; logname= uid=0 euid=0 tty=ssh ruser= rhost=${ip}  user=root`,
    );
    ctx.line(
      t + 60,
      host,
      tag,
      'pam.ignoring_max_retries',
      'PAM service(sshd) ignoring max retries; 6 > 3',
    );
    return;
  }
  preauthEnd(ctx, host, tag, t, 'authenticating user root', ip, port);
}

/**
 * Schedules one brute-force campaign: an attacker address (skewed towards the head of the
 * pool, since bots come back), a host weighted by exposure, and 1 to ~300 connections a
 * few seconds apart. Each connection allocates its pid when it starts.
 *
 * @param ctx - scenario context
 * @param t0 - start time, integer microseconds
 * @example
 * ```ts
 * bruteForceCampaign(ctx, us(1_709_251_200));
 * ```
 */
export function bruteForceCampaign(ctx: ScenarioContext, t0: number): void {
  const { rng } = ctx;
  const host = weightedHost(ctx, (h) => h.profile.exposure);
  const index = Math.floor(ctx.attackers.length * rng.next() ** 2);
  const ip = ctx.attackers[index] ?? rng.pick(ctx.attackers);
  const mode: Mode = rng.pick(['invalid', 'invalid', 'root', 'mixed'] as const);
  const connections = Math.floor(rng.logUniform(1, 300));
  let t = t0;
  for (let i = 0; i < connections; i++) {
    const root = mode === 'root' || (mode === 'mixed' && rng.chance(0.5));
    ctx.at(t, (start) => {
      if (root) rootConnection(ctx, host, start, ip);
      else invalidUserConnection(ctx, host, start, ip);
    });
    t += us(rng.range(500, 15_000) / 1000);
  }
}
