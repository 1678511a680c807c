import fc from 'fast-check';

// Generators of auth-log lines shaped like the hot lines of a brute-force log, with hostile
// holes (user names, addresses, ports, timestamps, tags) and random one-character edits, so
// that a fast path and the general path can be compared on the same runs of lines.

const USERS = [
  'root',
  'admin',
  '',
  ' ',
  'x from 6.6.6.6 port 22',
  'x from 6.6.6.6 port 22 ssh2',
  'a ssh2: RSA SHA256:x',
  'invalid user y',
  'authenticating user z',
  'u]',
  'u [preauth]',
  'a  user=b',
  'rhost=1.2.3.4',
  'x rhost=9.9.9.9  user=y',
  'ü\u00e9',
  'tab\tname',
  'port',
  'a(uid=1)',
  'Bye',
  'x for y from 6.6.6.6 port 22',
  'a on pts/9',
  'r(uid=0) by x',
  "'q'",
];

const IPS = [
  '10.0.0.1',
  '1.2.3.4',
  '203.0.113.77',
  '::1',
  '2001:DB8::1',
  '2001:db8::',
  '::ffff:10.0.0.1',
  'fe80::1%eth0',
  '01.2.3.4',
  '256.1.1.1',
  '1.2.3',
  '1.2.3.4.5',
  'example.com',
  'UNKNOWN',
  '',
  '1.2.3.4:5',
  // Edges of the in-place dotted-quad reader.
  '255.255.255.255',
  '0.0.0.0',
  '1.2.3.04',
  '1.2.3.4.',
  '1..2.3',
  '1.2.3.256',
  '1234.1.1.1',
  '1.2.3.4x',
];

const PORTS = ['22', '54983', '65535', '65536', '0', '007', '123456', '', 'x'];

const HOSTS = ['bastion-01', 'web-01', 'h', 'mail-03', 'auth.info', 'host:1', 'x[1]', ''];

const TAGS = [
  'sshd[1878]:',
  'sshd-session[2106]:',
  'sshd-auth[7]:',
  'sshd:',
  'sshd[]:',
  'sshd[12345678901]:',
  'sshd[1]',
  'systemd-logind[702]:',
  'su(pam_unix)[1]:',
  'CRON[1]:',
  'sudo:',
  '[sshd]',
  'sshd-session[1]: kernel: [ 1.5]:',
];

const PREFIXES = ['', '', '', '', 'error: ', 'debug1: ', 'fatal: ', '[ID 800047 auth.info] '];
const SUFFIXES = ['', '', '', '', ' [preauth]', ' [postauth]', ' ', ']', '\r', ' [preauth]\r'];

// fast-check biases picks toward both ends of a list: keep a well-formed value at each end.
const pick = <T>(values: readonly T[]): fc.Arbitrary<T> =>
  fc.constantFrom(...values, values[0] as T);

/** Mostly one of the first `valid` values (the well-formed ones), sometimes any. */
const mostly = <T>(values: readonly T[], valid: number, weight = 6): fc.Arbitrary<T> => {
  const wellFormed = values.slice(0, valid);
  return pick([...Array.from({ length: weight }, () => wellFormed).flat(), ...values]);
};

const message: fc.Arbitrary<string> = fc
  .tuple(
    fc.integer({ min: 0, max: 43 }),
    mostly(USERS, 2, 2),
    mostly(IPS, 3, 2),
    mostly(PORTS, 3, 2),
    mostly(IPS, 3, 2),
    mostly(PORTS, 3, 2),
    fc.integer({ min: 0, max: 99 }),
  )
  .map(([shape, user, ip, port, ip2, port2, n]) => {
    switch (shape) {
      case 0:
        return `pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=${ip}  user=${user}`;
      case 1:
        return `pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=${ip}`;
      case 2:
        return 'pam_unix(sshd:auth): check pass; user unknown';
      case 3:
        return `Connection from ${ip} port ${port} on ${ip2} port ${port2} rdomain ""`;
      case 4:
        return `Failed password for ${user} from ${ip} port ${port} ssh2`;
      case 5:
        return `Failed password for invalid user ${user} from ${ip} port ${port} ssh2`;
      case 6:
        return `Accepted publickey for ${user} from ${ip} port ${port} ssh2: ED25519 SHA256:abc${n}`;
      case 7:
        return `Accepted password for ${user} from ${ip} port ${port} ssh2`;
      case 8:
        return `Received disconnect from ${ip} port ${port}:${n}: Bye Bye`;
      case 9:
        return `Received disconnect from ${ip} port ${port}:11: disconnected by user`;
      case 10:
        return `Disconnected from authenticating user ${user} ${ip} port ${port}`;
      case 11:
        return `Disconnected from invalid user ${user} ${ip} port ${port}`;
      case 12:
        return `Disconnected from user ${user} ${ip} port ${port}`;
      case 13:
        return `Connection closed by ${ip} port ${port}`;
      case 14:
        return `Connection closed by authenticating user ${user} ${ip} port ${port}`;
      case 15:
        return `Connection reset by invalid user ${user} ${ip} port ${port}`;
      case 16:
        return `message repeated ${n} times: [ Failed password for ${user} from ${ip} port ${port} ssh2]`;
      case 17:
        return `Session ${n} logged out. Waiting for processes to exit.`;
      case 18:
        return `Removed session ${n}.`;
      case 19:
        return `New session ${n} of user ${user}.`;
      case 20:
        return `pam_unix(sshd:session): session opened for user ${user}(uid=${n}) by (uid=0)`;
      case 21:
        return `pam_unix(sshd:session): session closed for user ${user}`;
      case 22:
        return `pam_unix(cron:session): session opened for user root(uid=0) by (uid=0)`;
      case 23:
        return `PAM ${n} more authentication failures; logname= uid=0 euid=0 tty=ssh ruser= rhost=${ip}  user=${user}`;
      case 24:
        return 'kex_exchange_identification: Connection closed by remote host';
      case 25:
        return `banner exchange: Connection from ${ip} port ${port}: invalid format`;
      case 26:
        return `Unable to negotiate with ${ip} port ${port}: no matching host key type found. Their offer: ssh-rsa`;
      case 27:
        return `User child is on pid ${n}`;
      case 28:
        return `Invalid user ${user} from ${ip} port ${port}`;
      case 29:
        return `Failed publickey for ${user} from ${ip} port ${port} ssh2: RSA SHA256:${user}`;
      case 30:
        return `message repeated ${n} times: [ pam_unix(sshd:auth): check pass; user unknown]`;
      case 31:
        return `Starting session: shell on pts/${n} for ${user} from ${ip} port ${port} id ${n}`;
      case 32:
        return `Starting session: command for ${user} from ${ip} port ${port}`;
      case 33:
        return `Starting session: subsystem 'sftp' for ${user} from ${ip} port ${port} id 0`;
      case 34:
        return `Starting session: forced-command (config) '${user}' on pts/0 for ${user} from ${ip} port ${port}`;
      case 35:
        return `Close session: user ${user} from ${ip} port ${port} id ${n}`;
      case 36:
        return `pam_unix(sudo:session): session opened for user root(uid=0) by ${user}(uid=${n})`;
      case 37:
        return `New session '${n}' of user '${user}' with class 'user' and type 'tty'.`;
      case 38:
        return `pam_unix(su-l:session): session closed for user ${user}(uid=${port}) by ${user}`;
      case 39:
        return `User child is on pid ${port}`;
      case 41:
        return `pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=${user} ruser=${user} rhost=${ip}\t user=${user}`;
      case 42:
        return `pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=${ip} ${user}`;
      case 43:
        return `pam_unix(sshd:auth): authentication failure; logname=${user} uid=0 euid=0 tty=ssh ruser= rhost=${ip} user=${user} rhost=${ip2}  user=x`;
      default:
        return `Connection closed by ${ip} port ${port} from ${ip2} port ${port2}`;
    }
  });

const ISO_DATES = [
  '2024-03-01',
  '2024-02-29',
  '2023-02-29',
  '2024-12-31',
  '2025-01-01',
  '0099-01-01',
];
const ISO_TIMES = ['00:00:16', '23:59:59', '23:59:60', '24:00:00', '12:60:00', '00:00:17'];
const FRACTIONS = ['', '.1', '.121228', ',5', '.1234567890', '.'];
const ZONES = ['', 'Z', 'z', '+00:00', '-07:00', '+0530', '+25:00', '+05:3'];
const MONTH_DAYS = ['Mar  1', 'Mar 01', 'Mar 1', 'Feb 30', 'Dec 31', 'Jan  1', 'Foo  1'];
const CLOCKS = ['00:00:21', '00:00:22', '00:01:09', '23:59:59', '25:00:00', '00:00:61'];

const timestamp: fc.Arbitrary<string> = fc.oneof(
  fc
    .tuple(
      mostly(ISO_DATES, 4, 16),
      mostly(['T', ' ', 't'], 1, 16),
      mostly(ISO_TIMES, 2, 16),
      mostly(FRACTIONS, 3, 16),
      mostly(ZONES, 4, 16),
    )
    .map((parts) => parts.join('')),
  fc
    .tuple(mostly(MONTH_DAYS, 3, 16), mostly(CLOCKS, 4, 16), mostly(['', '.5'], 1, 16))
    .map(([d, t, f]) => `${d} ${t}${f}`),
);

const EDIT_CHARS = [' ', ':', '[', ']', '.', '0', '9', 'x', '\t', '-', '(', ')', '='];

/** A line, optionally with one random character edit. */
const line: fc.Arbitrary<string> = fc
  .tuple(
    timestamp,
    mostly(HOSTS, 4),
    mostly(TAGS, 4),
    pick(PREFIXES),
    message,
    pick(SUFFIXES),
    pick([null, null, null, 'edit'] as const).chain((edit) =>
      edit === null ? fc.constant(null) : fc.tuple(fc.nat(), fc.nat(2), pick(EDIT_CHARS)),
    ),
  )
  .map(([time, host, tag, prefix, body, suffix, edit]) => {
    const text = `${time} ${host === '' ? '' : `${host} `}${tag} ${prefix}${body}${suffix}`;
    if (edit === null) return text;
    const [at, op, c] = edit;
    const i = at % (text.length + 1);
    if (op === 0) return text.slice(0, i) + c + text.slice(i);
    if (op === 1) return text.slice(0, i) + text.slice(i + 1);
    return text.slice(0, i) + c + text.slice(i + 1);
  });

/**
 * Runs of hostile lines. Lines repeat timestamps, hosts and tags from small pools, so
 * per-line caches (previous minute, host, program, address) are hit and missed.
 */
export const hostileLineRuns: fc.Arbitrary<string[]> = fc.array(line, {
  minLength: 1,
  maxLength: 40,
});
