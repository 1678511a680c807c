/**
 * Legitimate SSH sessions, as an INFO or VERBOSE auth.log shows them: Accepted, pam_unix
 * session opened, systemd-logind New session, (VERBOSE) User child is on pid / Starting
 * session, sudo inside the session, then the close sequence from the user child (P2) and
 * the monitor (P1), and logind's logout.
 */
import { ephemeralPort, type ScenarioContext, us, weightedHost } from './context.js';
import { type HostState, nextPid } from './hosts.js';
import { type Account, SUDO_COMMANDS } from './vocabulary.js';

function pamOpened(
  host: HostState,
  service: string,
  user: string,
  uid: number,
  by: string,
  byUid: number,
): string {
  const who = host.profile.pamUid ? `${user}(uid=${uid})` : user;
  return `pam_unix(${service}:session): session opened for user ${who} by ${by}(uid=${byUid})`;
}

function sudoInSession(
  ctx: ScenarioContext,
  host: HostState,
  account: Account,
  tty: string,
  t: number,
): void {
  const { rng } = ctx;
  const pid = nextPid(host, rng.int(6));
  const tag = host.profile.sudoPid ? `sudo[${pid}]` : 'sudo';
  const command = rng.pick(SUDO_COMMANDS);
  const message = `${account.user.padStart(8, ' ')} : TTY=${tty} ; PWD=/home/${account.user} ; USER=root ; COMMAND=${command}`;
  ctx.line(t, host, tag, 'sudo.command', message);
  ctx.line(
    t + 900,
    host,
    tag,
    'pam.sudo_session_opened',
    pamOpened(host, 'sudo', 'root', 0, account.user, account.uid),
  );
  const end = t + us(rng.logUniform(0.05, 120));
  ctx.line(
    end,
    host,
    tag,
    'pam.sudo_session_closed',
    'pam_unix(sudo:session): session closed for user root',
  );
}

function accountsFor(ctx: ScenarioContext, host: HostState): readonly Account[] {
  // Automation reaches every host; people mostly use the bastion and app hosts.
  return host.profile.sessionWeight >= 2
    ? ctx.accounts
    : ctx.accounts.filter((a) => a.habit === 'command');
}

/**
 * Schedules one legitimate session on a host weighted by `sessionWeight`, from its
 * monitor's first line to logind's `Removed session`.
 *
 * @param ctx - scenario context
 * @param t0 - start time, integer microseconds
 * @example
 * ```ts
 * legitSession(ctx, us(1_709_251_200));
 * ```
 */
export function legitSession(ctx: ScenarioContext, t0: number): void {
  const { rng } = ctx;
  const host = weightedHost(ctx, (h) => h.profile.sessionWeight);
  const account = rng.pick(accountsFor(ctx, host));
  const { user, uid } = account;
  const ip = rng.pick(account.sources);
  const port = ephemeralPort(ctx);
  const verbose = host.profile.verbose;
  const p1 = nextPid(host, rng.int(4));
  const p2 = nextPid(host, 1);
  const t1 = `${host.sshd}[${p1}]`;
  const t2 = `${host.sshd}[${p2}]`;
  const logind = `systemd-logind[${host.profile.logindPid}]`;
  let t = t0;
  if (verbose) {
    ctx.line(
      t,
      host,
      t1,
      'sshd.connection_from',
      `Connection from ${ip} port ${port} on ${host.profile.address} port 22 rdomain ""`,
    );
    t += us(rng.range(20, 200) / 1000);
  }
  if (account.method === 'password' && rng.chance(0.1)) {
    t += us(rng.range(2000, 6000) / 1000);
    ctx.line(
      t,
      host,
      t1,
      'sshd.failed_password',
      `Failed password for ${user} from ${ip} port ${port} ssh2`,
    );
  }
  t += us(rng.range(100, 1500) / 1000);
  if (account.method === 'publickey') {
    ctx.line(
      t,
      host,
      t1,
      'sshd.accepted_publickey',
      `Accepted publickey for ${user} from ${ip} port ${port} ssh2: ${account.key}`,
    );
  } else {
    ctx.line(
      t,
      host,
      t1,
      'sshd.accepted_password',
      `Accepted password for ${user} from ${ip} port ${port} ssh2`,
    );
  }
  ctx.line(
    t + 2_100,
    host,
    t1,
    'pam.sshd_session_opened',
    pamOpened(host, 'sshd', user, uid, '', 0),
  );
  host.session += 1;
  const sid = host.session;
  ctx.line(t + 9_500, host, logind, 'logind.new_session', `New session ${sid} of user ${user}.`);
  host.pts = (host.pts + 1) % 8;
  const tty = `pts/${host.pts}`;
  t += us(0.04);
  if (verbose) {
    ctx.line(t, host, t1, 'sshd.user_child', `User child is on pid ${p2}`);
    const what =
      account.habit === 'interactive'
        ? `shell on ${tty}`
        : account.habit === 'sftp'
          ? "subsystem 'sftp'"
          : 'command';
    ctx.line(
      t + 3_000,
      host,
      t2,
      'sshd.starting_session',
      `Starting session: ${what} for ${user} from ${ip} port ${port} id 0`,
    );
  }
  const duration =
    account.habit === 'interactive' ? rng.logUniform(20, 4 * 3600) : rng.logUniform(1, 300);
  const end = t + us(duration);
  if (account.habit === 'interactive' && rng.chance(0.5)) {
    const n = rng.range(1, 4);
    for (let i = 0; i < n; i++) {
      ctx.at(t + us(rng.next() * duration * 0.9) + 1, (at) =>
        sudoInSession(ctx, host, account, tty, at),
      );
    }
  }
  ctx.at(end, (te) => closeSession(ctx, host, { user, ip, port, t1, t2, logind, sid }, te));
}

interface Open {
  readonly user: string;
  readonly ip: string;
  readonly port: number;
  readonly t1: string;
  readonly t2: string;
  readonly logind: string;
  readonly sid: number;
}

function closeSession(ctx: ScenarioContext, host: HostState, s: Open, t0: number): void {
  const { rng } = ctx;
  const verbose = host.profile.verbose;
  const { user, ip, port, t1, t2 } = s;
  let t = t0;
  const r = rng.next();
  if (verbose && r < 0.97) {
    ctx.line(
      t,
      host,
      t2,
      'sshd.close_session',
      `Close session: user ${user} from ${ip} port ${port} id 0`,
    );
    t += us(0.002);
  }
  if (r < 0.75) {
    ctx.line(
      t,
      host,
      t2,
      'sshd.received_disconnect',
      `Received disconnect from ${ip} port ${port}:11: disconnected by user`,
    );
    ctx.line(
      t + 150,
      host,
      t2,
      'sshd.disconnected_user',
      `Disconnected from user ${user} ${ip} port ${port}`,
    );
  } else if (r < 0.97) {
    ctx.line(t, host, t2, 'sshd.connection_closed', `Connection closed by ${ip} port ${port}`);
    if (verbose) {
      const sent = rng.range(2_000, 9_000_000);
      const received = rng.range(1_000, 400_000);
      ctx.line(
        t + 80,
        host,
        t2,
        'sshd.transferred',
        `Transferred: sent ${sent}, received ${received} bytes`,
      );
      ctx.line(
        t + 120,
        host,
        t2,
        'sshd.closing_connection',
        `Closing connection to ${ip} port ${port}`,
      );
    }
  } else {
    ctx.line(
      t,
      host,
      t2,
      'sshd.timeout_client',
      `Timeout, client not responding from user ${user} ${ip} port ${port}`,
    );
  }
  t += us(rng.range(5, 60) / 1000);
  ctx.line(
    t,
    host,
    t1,
    'pam.sshd_session_closed',
    `pam_unix(sshd:session): session closed for user ${user}`,
  );
  ctx.line(
    t + 3_000,
    host,
    s.logind,
    'logind.logged_out',
    `Session ${s.sid} logged out. Waiting for processes to exit.`,
  );
  ctx.line(
    t + us(rng.range(10, 200) / 1000),
    host,
    s.logind,
    'logind.removed_session',
    `Removed session ${s.sid}.`,
  );
}
