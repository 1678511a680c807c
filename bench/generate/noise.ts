/**
 * Background noise: scanners that never get to authentication (key-exchange errors,
 * banner garbage, old algorithms, pre-auth timeouts) and cron's pam_unix session pairs.
 */
import { ephemeralPort, type ScenarioContext, us, weightedHost } from './context.js';
import { type HostState, nextPid } from './hosts.js';
import { OLD_KEX_OFFERS } from './vocabulary.js';

/**
 * Schedules one scanner connection on a host weighted by exposure. OpenSSH <= 9.4 prefixes
 * `kex_exchange_identification` with `error:`; 9.5+ logs it at VERBOSE only; 9.8+ reports
 * pre-auth timeouts from the listener with the session pid.
 *
 * @param ctx - scenario context
 * @param t0 - start time, integer microseconds
 * @example
 * ```ts
 * scannerProbe(ctx, us(1_709_251_200));
 * ```
 */
export function scannerProbe(ctx: ScenarioContext, t0: number): void {
  const { rng } = ctx;
  const host = weightedHost(ctx, (h) => h.profile.exposure);
  const ip = rng.pick(ctx.attackers);
  const port = ephemeralPort(ctx);
  const pid = nextPid(host, rng.int(3));
  const tag = `${host.sshd}[${pid}]`;
  const classic = host.profile.model === 'classic';
  let t = t0;
  if (host.profile.verbose) {
    ctx.line(
      t,
      host,
      tag,
      'sshd.connection_from',
      `Connection from ${ip} port ${port} on ${host.profile.address} port 22 rdomain ""`,
    );
    t += us(rng.range(1, 300) / 1000);
  }
  const kex = (what: string): void => {
    if (classic)
      ctx.line(t, host, tag, 'sshd.kex_error', `error: kex_exchange_identification: ${what}`);
    else if (host.profile.verbose)
      ctx.line(t, host, tag, 'sshd.kex_error', `kex_exchange_identification: ${what}`);
  };
  const r = rng.next();
  if (r < 0.35) {
    kex('Connection closed by remote host');
    ctx.line(
      t + 25,
      host,
      tag,
      'sshd.connection_closed',
      `Connection closed by ${ip} port ${port}`,
    );
  } else if (r < 0.5) {
    kex('read: Connection reset by peer');
  } else if (r < 0.62) {
    kex('client sent invalid protocol identifier "GET / HTTP/1.1"');
    ctx.line(
      t + 30,
      host,
      tag,
      'sshd.banner_exchange',
      `banner exchange: Connection from ${ip} port ${port}: invalid format`,
    );
  } else if (r < 0.78) {
    ctx.line(
      t + us(0.2),
      host,
      tag,
      'sshd.unable_to_negotiate',
      `Unable to negotiate with ${ip} port ${port}: ${rng.pick(OLD_KEX_OFFERS)} [preauth]`,
    );
  } else if (r < 0.93) {
    ctx.line(
      t + us(rng.range(200, 3000) / 1000),
      host,
      tag,
      'sshd.connection_closed_preauth',
      `Connection closed by ${ip} port ${port} [preauth]`,
    );
  } else if (classic) {
    ctx.line(
      t + us(120),
      host,
      tag,
      'sshd.timeout_before_auth',
      `fatal: Timeout before authentication for ${ip} port ${port}`,
    );
  } else {
    const listener = `sshd[${host.profile.listenerPid}]`;
    ctx.line(
      t + us(120),
      host,
      listener,
      'sshd.timeout_before_auth',
      `Timeout before authentication for connection from ${ip} to ${host.profile.address}, pid = ${pid}`,
    );
  }
}

/**
 * Schedules one cron job run on a host: the pam_unix session pair cron writes to the auth
 * log (Linux-PAM >= 1.5 writes `root(uid=0)`, older versions `root`).
 *
 * @param ctx - scenario context
 * @param host - the host whose cron fires
 * @param t0 - start time, integer microseconds
 * @example
 * ```ts
 * cronRun(ctx, host, us(1_709_251_200));
 * ```
 */
export function cronRun(ctx: ScenarioContext, host: HostState, t0: number): void {
  const pid = nextPid(host, ctx.rng.int(2));
  const tag = `CRON[${pid}]`;
  const who = host.profile.pamUid ? 'root(uid=0)' : 'root';
  ctx.line(
    t0,
    host,
    tag,
    'pam.cron_session_opened',
    `pam_unix(cron:session): session opened for user ${who} by (uid=0)`,
  );
  const end = t0 + us(ctx.rng.logUniform(0.01, 20));
  ctx.line(
    end,
    host,
    tag,
    'pam.cron_session_closed',
    'pam_unix(cron:session): session closed for user root',
  );
}
