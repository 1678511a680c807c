/**
 * The words the generator writes: attacker address pools and user-name dictionaries,
 * the estate's real users with their keys and usual source addresses, and the commands
 * they run under sudo.
 */
import type { Rng } from './rng.js';

/** A legitimate account. */
export interface Account {
  /** Login name. */
  readonly user: string;
  /** Numeric uid. */
  readonly uid: number;
  /** `publickey` or `password`. */
  readonly method: 'publickey' | 'password';
  /** Key type and fingerprint written after `ssh2: ` for publickey logins. */
  readonly key: string;
  /** Where this user usually connects from. */
  readonly sources: readonly string[];
  /** What the user's sessions look like. */
  readonly habit: 'interactive' | 'command' | 'sftp';
}

/** User names brute-force bots try that do not exist on the hosts. */
export const INVALID_USERS: readonly string[] = [
  'admin',
  'test',
  'user',
  'oracle',
  'postgres',
  'ubuntu',
  'guest',
  'ftp',
  'git',
  'pi',
  'support',
  'dev',
  'deploy1',
  'hadoop',
  'mysql',
  'jenkins',
  'ftpuser',
  'test1',
  'tomcat',
  'nagios',
  'www',
  'minecraft',
  'ansible1',
  'steam',
  'teamspeak',
  'es',
  'elastic',
  'kafka',
  'user1',
  'administrator',
  'sysadmin',
  'debian',
  'centos',
  'vagrant',
  'docker',
  'solana',
  'sol',
  'validator',
  'node',
  'odoo',
  'zabbix',
  'backup1',
  'web',
  'server',
  'testuser',
  'student',
  'demo',
  'uucp',
  'nobody1',
  'Admin',
  'ADMIN',
  'root1',
  'adm1n',
  '1234',
  'a',
  'xuser',
  'ts3',
  'redis',
  'gitlab-runner',
  'ubnt',
  'operator',
  'mcserver',
  'bitcoin',
];

/** Commands admins run with sudo. */
export const SUDO_COMMANDS: readonly string[] = [
  '/usr/bin/systemctl restart nginx',
  '/usr/bin/systemctl status sshd',
  '/usr/bin/apt-get update',
  '/usr/bin/apt-get -y upgrade',
  '/usr/bin/journalctl -u ssh --since today',
  '/usr/bin/tail -n 200 /var/log/auth.log',
  '/usr/bin/vim /etc/ssh/sshd_config',
  '/usr/bin/docker ps',
  '/usr/sbin/ufw status',
  '/bin/bash',
  '/usr/bin/less /var/log/syslog',
  '/usr/bin/cat /etc/shadow',
];

/** Messages bots send in `Received disconnect ...:11: <text> [preauth]`. */
export const BOT_GOODBYES: readonly string[] = [
  'Bye Bye',
  'Bye Bye',
  'Bye Bye',
  'Normal Shutdown, Thank you for playing',
  'disconnected by user',
];

/** Key-exchange offers of old scanners, for `Unable to negotiate`. */
export const OLD_KEX_OFFERS: readonly string[] = [
  'no matching key exchange method found. Their offer: diffie-hellman-group14-sha1,diffie-hellman-group-exchange-sha1,diffie-hellman-group1-sha1',
  'no matching host key type found. Their offer: ssh-rsa,ssh-dss',
  'no matching key exchange method found. Their offer: diffie-hellman-group1-sha1',
  'no matching MAC found. Their offer: hmac-sha1,hmac-sha1-96',
];

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/**
 * A random OpenSSH SHA256 fingerprint (`SHA256:` + 43 base64 characters).
 *
 * @param rng - random source
 * @returns the fingerprint text
 * @example
 * ```ts
 * fingerprint(createRng(1)); // 'SHA256:...'
 * ```
 */
export function fingerprint(rng: Rng): string {
  let s = 'SHA256:';
  for (let i = 0; i < 43; i++) s += B64[rng.int(64)];
  return s;
}

function isPublicV4(a: number, b: number): boolean {
  if (a === 0 || a === 10 || a === 127 || a >= 224) return false;
  if (a === 100 && b >= 64 && b < 128) return false;
  if (a === 169 && b === 254) return false;
  if (a === 172 && b >= 16 && b < 32) return false;
  if (a === 192 && b === 168) return false;
  return true;
}

/**
 * A pool of distinct attacker addresses: mostly public IPv4, a few IPv6 (documentation
 * prefix). Bots come back, so scenarios draw from the pool with a skew.
 *
 * @param rng - random source
 * @param size - how many addresses
 * @returns the pool
 * @example
 * ```ts
 * attackerPool(createRng(1), 5000).length; // 5000
 * ```
 */
export function attackerPool(rng: Rng, size: number): string[] {
  const seen = new Set<string>();
  const pool: string[] = [];
  while (pool.length < size) {
    let ip: string;
    if (rng.chance(0.03)) {
      ip = `2001:db8:${rng.int(0xffff).toString(16)}:${rng.int(0xffff).toString(16)}::${rng.range(1, 0xfff).toString(16)}`;
    } else {
      const a = rng.range(1, 223);
      const b = rng.int(256);
      if (!isPublicV4(a, b)) continue;
      ip = `${a}.${b}.${rng.int(256)}.${rng.range(1, 254)}`;
    }
    if (seen.has(ip)) continue;
    seen.add(ip);
    pool.push(ip);
  }
  return pool;
}

/**
 * The estate's real users, with seeded keys.
 *
 * @param rng - random source
 * @returns the accounts
 * @example
 * ```ts
 * accounts(createRng(1))[0]?.user; // 'alice'
 * ```
 */
export function accounts(rng: Rng): Account[] {
  const key = (type: string): string => `${type} ${fingerprint(rng)}`;
  return [
    {
      user: 'alice',
      uid: 1000,
      method: 'publickey',
      key: key('ED25519'),
      sources: ['10.20.9.14', '203.0.113.45'],
      habit: 'interactive',
    },
    {
      user: 'bob',
      uid: 1001,
      method: 'password',
      key: '',
      sources: ['10.20.9.22', '192.168.1.20'],
      habit: 'interactive',
    },
    {
      user: 'carol',
      uid: 1002,
      method: 'publickey',
      key: key('RSA'),
      sources: ['10.20.9.31'],
      habit: 'sftp',
    },
    {
      user: 'deploy',
      uid: 1003,
      method: 'publickey',
      key: key('ED25519'),
      sources: ['10.20.4.2'],
      habit: 'command',
    },
    {
      user: 'ansible',
      uid: 1004,
      method: 'publickey',
      key: key('ECDSA'),
      sources: ['10.20.4.3'],
      habit: 'command',
    },
    {
      user: 'dave',
      uid: 1005,
      method: 'publickey',
      key: key('ED25519'),
      sources: ['198.51.100.77', '10.20.9.40'],
      habit: 'interactive',
    },
    {
      user: 'backup',
      uid: 998,
      method: 'publickey',
      key: key('RSA'),
      sources: ['10.20.5.9'],
      habit: 'command',
    },
  ];
}
