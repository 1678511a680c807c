import type {
  LogindSessionEvent,
  PamSessionEvent,
  SudoEvent,
  SuEvent,
} from '../../src/events/auth.js';
import type { EventBase } from '../../src/events/base.js';
import type { SshtrailEvent } from '../../src/events/index.js';
import type {
  SshAuthEvent,
  SshChannelEvent,
  SshChildEvent,
  SshConnectionEvent,
  SshDisconnectEvent,
  SshDisconnectReason,
  SshSessionCloseEvent,
  SshSessionOpenEvent,
  SshTransferEvent,
} from '../../src/events/ssh.js';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** 2024-06-01T12:00:00Z plus `seconds`. */
export function at(seconds: number): number {
  return Date.UTC(2024, 5, 1, 12, 0, 0) + seconds * 1000;
}

function stamp(time: number): string {
  const d = new Date(time);
  const day = String(d.getUTCDate()).padStart(2, ' ');
  const hms = d.toISOString().slice(11, 19);
  return `${MONTHS[d.getUTCMonth()]} ${day} ${hms}`;
}

/** Where and who wrote a line. */
export interface Origin {
  readonly t: number;
  readonly host?: string | undefined;
  readonly program?: string;
  readonly pid?: number | undefined;
}

/**
 * Builds events whose provenance text is the syslog line they would come from, numbering
 * lines in push order within one source file.
 */
export function logOf(source = 'auth.log') {
  let line = 0;
  function base(o: Origin, message: string): EventBase {
    line += 1;
    const program = o.program ?? 'sshd';
    const tag = o.pid === undefined ? `${program}:` : `${program}[${o.pid}]:`;
    return {
      time: o.t,
      timeBasis: { year: 'option', zone: 'option' },
      host: o.host,
      program,
      pid: o.pid,
      repeat: 1,
      source: { source, line, text: `${stamp(o.t)} ${o.host ?? 'localhost'} ${tag} ${message}` },
    };
  }
  const noMarks = { prefix: undefined, preauth: false } as const;
  return {
    connection(o: Origin, ip: string, port: number): SshConnectionEvent {
      return {
        ...base(o, `Connection from ${ip} port ${port} on 10.0.0.5 port 22 rdomain ""`),
        ...noMarks,
        kind: 'ssh.connection',
        sourceIp: ip,
        sourceName: undefined,
        sourcePort: port,
        localIp: '10.0.0.5',
        localPort: 22,
      };
    },
    failed(o: Origin, user: string, ip: string, port: number, invalid = false): SshAuthEvent {
      const who = invalid ? `invalid user ${user}` : user;
      return {
        ...base(o, `Failed password for ${who} from ${ip} port ${port} ssh2`),
        ...noMarks,
        kind: 'ssh.auth',
        outcome: 'failure',
        method: 'password',
        submethod: undefined,
        user,
        invalidUser: invalid,
        key: undefined,
        keyLocation: undefined,
        reason: undefined,
        count: 1,
        sourceIp: ip,
        sourceName: undefined,
        sourcePort: port,
      };
    },
    invalidUser(o: Origin, user: string, ip: string, port: number): SshAuthEvent {
      return {
        ...base(o, `Invalid user ${user} from ${ip} port ${port}`),
        ...noMarks,
        kind: 'ssh.auth',
        outcome: 'invalid_user',
        method: undefined,
        submethod: undefined,
        user,
        invalidUser: true,
        key: undefined,
        keyLocation: undefined,
        reason: undefined,
        count: 1,
        sourceIp: ip,
        sourceName: undefined,
        sourcePort: port,
      };
    },
    acceptedKey(o: Origin, fingerprint: string, location: string): SshAuthEvent {
      return {
        ...base(o, `Accepted key ED25519 ${fingerprint} found at ${location}`),
        ...noMarks,
        kind: 'ssh.auth',
        outcome: 'key_found',
        method: 'publickey',
        submethod: undefined,
        user: undefined,
        invalidUser: false,
        key: { type: 'ED25519', fingerprint, certificate: undefined },
        keyLocation: location,
        reason: undefined,
        count: 1,
        sourceIp: undefined,
        sourceName: undefined,
        sourcePort: undefined,
      };
    },
    accepted(
      o: Origin,
      user: string,
      ip: string,
      port: number,
      method: 'password' | 'publickey' = 'publickey',
      fingerprint = 'SHA256:Jb3Rw4uM0wXfKc1ZyTQpXH2Pl3cC1nEAnh7ioD1bU7A',
    ): SshAuthEvent {
      const suffix = method === 'publickey' ? `: ED25519 ${fingerprint}` : '';
      return {
        ...base(o, `Accepted ${method} for ${user} from ${ip} port ${port} ssh2${suffix}`),
        ...noMarks,
        kind: 'ssh.auth',
        outcome: 'success',
        method,
        submethod: undefined,
        user,
        invalidUser: false,
        key:
          method === 'publickey'
            ? { type: 'ED25519', fingerprint, certificate: undefined }
            : undefined,
        keyLocation: undefined,
        reason: undefined,
        count: 1,
        sourceIp: ip,
        sourceName: undefined,
        sourcePort: port,
      };
    },
    pamSession(
      o: Origin,
      action: 'open' | 'close',
      user: string,
      service = 'sshd',
      by?: { user: string; uid: number },
    ): PamSessionEvent {
      const text =
        action === 'open'
          ? `pam_unix(${service}:session): session opened for user ${user}(uid=${user === 'root' ? 0 : 1000}) by ${by?.user ?? ''}(uid=${by?.uid ?? 0})`
          : `pam_unix(${service}:session): session closed for user ${user}`;
      return {
        ...base(o, text),
        kind: 'pam.session',
        service,
        action,
        user,
        uid: action === 'open' ? (user === 'root' ? 0 : 1000) : undefined,
        byUser: by?.user,
        byUid: by?.uid ?? (action === 'open' ? 0 : undefined),
      };
    },
    logind(
      o: Origin,
      action: 'new' | 'removed' | 'logged_out',
      id: string,
      user?: string,
      leaderPid?: number,
    ): LogindSessionEvent {
      const text =
        action === 'new'
          ? `New session ${id} of user ${user}.`
          : action === 'removed'
            ? `Removed session ${id}.`
            : `Session ${id} logged out. Waiting for processes to exit.`;
      return {
        ...base({ ...o, program: 'systemd-logind' }, text),
        kind: 'logind.session',
        action,
        sessionId: id,
        user,
        leaderPid,
      };
    },
    child(o: Origin, childPid: number): SshChildEvent {
      return {
        ...base(o, `User child is on pid ${childPid}`),
        ...noMarks,
        kind: 'ssh.child',
        childPid,
      };
    },
    startSession(
      o: Origin,
      user: string,
      ip: string,
      port: number,
      id: number,
      tty: string | undefined,
      type: 'shell' | 'command' | 'subsystem' = 'shell',
    ): SshSessionOpenEvent {
      const what = type === 'subsystem' ? "subsystem 'sftp'" : type;
      const on = tty === undefined ? '' : ` on ${tty}`;
      return {
        ...base(o, `Starting session: ${what}${on} for ${user} from ${ip} port ${port} id ${id}`),
        ...noMarks,
        kind: 'ssh.session.open',
        channelType: type,
        subsystem: type === 'subsystem' ? 'sftp' : undefined,
        forcedBy: undefined,
        tty,
        user,
        sessionNumber: id,
        sourceIp: ip,
        sourceName: undefined,
        sourcePort: port,
      };
    },
    closeSession(
      o: Origin,
      user: string,
      ip: string,
      port: number,
      id: number,
    ): SshSessionCloseEvent {
      return {
        ...base(o, `Close session: user ${user} from ${ip} port ${port} id ${id}`),
        ...noMarks,
        kind: 'ssh.session.close',
        user,
        sessionNumber: id,
        sourceIp: ip,
        sourceName: undefined,
        sourcePort: port,
      };
    },
    channelRequest(
      o: Origin,
      channel: number,
      request: 'agent' | 'pty' | 'shell',
    ): SshChannelEvent {
      const name =
        request === 'agent'
          ? 'auth-agent-req@openssh.com'
          : request === 'pty'
            ? 'pty-req'
            : 'shell';
      return {
        ...base(o, `debug1: server_input_channel_req: channel ${channel} request ${name} reply 0`),
        prefix: 'debug1',
        preauth: false,
        kind: 'ssh.channel',
        request,
        requestName: name,
        channel,
        allowed: true,
        target: undefined,
      };
    },
    transfer(o: Origin, sent: number, received: number): SshTransferEvent {
      return {
        ...base(o, `Transferred: sent ${sent}, received ${received} bytes`),
        ...noMarks,
        kind: 'ssh.transfer',
        sent,
        received,
      };
    },
    disconnect(
      o: Origin,
      reason: SshDisconnectReason,
      ip: string,
      port: number,
      opts: {
        user?: string;
        userState?: 'authenticated' | 'authenticating' | 'invalid';
        preauth?: boolean;
        monitorPid?: number;
      } = {},
    ): SshDisconnectEvent {
      const who =
        opts.userState === undefined
          ? ''
          : opts.userState === 'authenticated'
            ? `user ${opts.user} `
            : `${opts.userState === 'invalid' ? 'invalid' : 'authenticating'} user ${opts.user} `;
      const tail = opts.preauth === true ? ' [preauth]' : '';
      const text =
        opts.monitorPid !== undefined
          ? `Timeout before authentication for connection from ${ip} to 10.0.0.5, pid = ${opts.monitorPid}`
          : reason === 'received_disconnect'
            ? `Received disconnect from ${ip} port ${port}:11: disconnected by user${tail}`
            : reason === 'disconnected'
              ? `Disconnected from ${who}${ip} port ${port}${tail}`
              : `Connection closed by ${who}${ip} port ${port}${tail}`;
      return {
        ...base(o, text),
        prefix: undefined,
        preauth: opts.preauth === true,
        kind: 'ssh.disconnect',
        reason,
        user: opts.user,
        userState: opts.userState,
        code: reason === 'received_disconnect' ? 11 : undefined,
        detail: reason === 'received_disconnect' ? 'disconnected by user' : undefined,
        monitorPid: opts.monitorPid,
        sourceIp: ip,
        sourceName: undefined,
        sourcePort: opts.monitorPid !== undefined ? undefined : port,
      };
    },
    sudo(o: Origin, user: string, tty: string | undefined, command: string): SudoEvent {
      const ttyPart = tty === undefined ? '' : `TTY=${tty} ; `;
      return {
        ...base(
          { ...o, program: 'sudo' },
          `${user} : ${ttyPart}PWD=/home/${user} ; USER=root ; COMMAND=${command}`,
        ),
        kind: 'priv.sudo',
        user,
        outcome: 'allowed',
        attempts: undefined,
        error: undefined,
        tty,
        cwd: `/home/${user}`,
        runAs: 'root',
        runAsGroup: undefined,
        command,
      };
    },
    su(o: Origin, user: string, target: string, tty: string): SuEvent {
      return {
        ...base({ ...o, program: 'su' }, `(to ${target}) ${user} on ${tty}`),
        kind: 'priv.su',
        outcome: 'success',
        user,
        target,
        tty,
      };
    },
  };
}

/** Collects every change of every event of a run. */
export function changesOf<T extends { push(e: SshtrailEvent): readonly unknown[] }>(
  tracker: T,
  events: readonly SshtrailEvent[],
): unknown[] {
  return events.flatMap((e) => [...tracker.push(e)]);
}
