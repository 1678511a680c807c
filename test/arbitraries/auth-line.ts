import fc from 'fast-check';

/** A generated sshd authentication line, with what a parser must read back from it. */
export interface GeneratedAuth {
  readonly time: number;
  readonly host: string;
  readonly pid: number;
  readonly outcome: 'Accepted' | 'Failed';
  readonly method: 'password' | 'publickey';
  readonly user: string;
  readonly ip: string;
  readonly port: number;
  readonly message: string;
}

/** Host names as syslog writes them (no spaces). */
export function hostName(): fc.Arbitrary<string> {
  return fc.stringMatching(/^[a-z][a-z0-9-]{0,14}$/);
}

/** Attacker-chosen user names: spaces, fake `from IP port N`, `ssh2`, key-info look-alikes. */
export function hostileUser(): fc.Arbitrary<string> {
  return fc.oneof(
    fc.stringMatching(/^[a-z_][a-z0-9_.-]{0,15}$/),
    fc.constantFrom(
      'x from 6.6.6.6 port 22',
      'root from 10.0.0.1 port 1 ssh2',
      'a: RSA SHA256:abc',
      'from 1.2.3.4 port 5 ssh2: ED25519 SHA256:x',
      'test 127.0.0.1',
    ),
  );
}

/** Epoch ms within 2000..2037, whole seconds (RFC3164 has no fraction). */
export function logTime(): fc.Arbitrary<number> {
  return fc.integer({ min: 946_684_800, max: 2_114_380_800 }).map((s) => s * 1000);
}

/** A generated Accepted/Failed line's parts. */
export function authLine(): fc.Arbitrary<GeneratedAuth> {
  return fc
    .record({
      time: logTime(),
      host: hostName(),
      pid: fc.integer({ min: 1, max: 4_194_304 }),
      outcome: fc.constantFrom('Accepted' as const, 'Failed' as const),
      method: fc.constantFrom('password' as const, 'publickey' as const),
      user: hostileUser(),
      ip: fc.oneof(fc.ipV4(), fc.ipV6()),
      port: fc.integer({ min: 1, max: 65_535 }),
    })
    .map((g) => ({
      ...g,
      message: `${g.outcome} ${g.method} for ${g.user} from ${g.ip} port ${g.port} ssh2${
        g.method === 'publickey'
          ? ': ED25519 SHA256:Vq2Xo7tOe1t8pQ4b1b7kq0Q2c9kP8m3yQm5sJmGm0xA'
          : ''
      }`,
    }));
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Renders a line in one of the timestamp styles sshd's logs come in. */
export function render(
  g: GeneratedAuth,
  style: 'rfc3164' | 'iso' | 'rfc5424' | 'journald',
): string {
  const d = new Date(g.time);
  const iso = d.toISOString();
  switch (style) {
    case 'rfc3164': {
      const day = String(d.getUTCDate()).padStart(2, ' ');
      return `${MONTHS[d.getUTCMonth()]} ${day} ${iso.slice(11, 19)} ${g.host} sshd[${g.pid}]: ${g.message}`;
    }
    case 'iso':
      return `${iso.slice(0, 19)}.000000+00:00 ${g.host} sshd[${g.pid}]: ${g.message}`;
    case 'rfc5424':
      return `<38>1 ${iso} ${g.host} sshd ${g.pid} - - ${g.message}`;
    case 'journald':
      return JSON.stringify({
        __REALTIME_TIMESTAMP: String(g.time * 1000),
        _HOSTNAME: g.host,
        SYSLOG_IDENTIFIER: 'sshd',
        _PID: String(g.pid),
        MESSAGE: g.message,
      });
  }
}
