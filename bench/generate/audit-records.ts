/**
 * Text of Linux audit records (RAW log_format), following the kernel/auditd encodings:
 * quoted values unless they hold a space, quote, control or non-ASCII byte (then uppercase
 * hex), PROCTITLE as NUL-joined argv in hex cut at 128 bytes, SOCKADDR as raw struct hex.
 */

/** x86_64 `arch=` value. */
export const ARCH_X86_64 = 'c000003e';
/** The unset auid/ses value (-1 as u32). */
export const UNSET = 4294967295;

function hexOf(text: string): string {
  let out = '';
  for (const b of Buffer.from(text, 'utf8')) out += b.toString(16).toUpperCase().padStart(2, '0');
  return out;
}

/**
 * Encodes a string value the way auditd does: `"text"`, or hex when it needs escaping.
 *
 * @param text - the value
 * @returns the encoded value
 * @example
 * ```ts
 * auditValue('ls'); // '"ls"'
 * auditValue('a b'); // '612062'
 * ```
 */
export function auditValue(text: string): string {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c <= 0x20 || c === 0x22 || c >= 0x7f) return hexOf(text);
  }
  return `"${text}"`;
}

/**
 * The PROCTITLE value of an argv: quoted when it is one plain word, else NUL-joined hex cut
 * at 128 bytes (the kernel's limit).
 *
 * @param argv - the command line
 * @returns the `proctitle=` value
 * @example
 * ```ts
 * proctitleValue(['bash']); // '"bash"'
 * ```
 */
export function proctitleValue(argv: readonly string[]): string {
  const joined = argv.join('\0');
  if (argv.length === 1 && auditValue(joined).startsWith('"')) return `"${joined}"`;
  return hexOf(joined).slice(0, 256);
}

/**
 * `sockaddr_un` hex for a path (family 1, little-endian, NUL-padded to 110 bytes).
 *
 * @param path - socket path
 * @returns the `saddr=` value
 * @example
 * ```ts
 * unixSockaddr('/run/x').startsWith('01002F'); // true
 * ```
 */
export function unixSockaddr(path: string): string {
  const body = hexOf(path);
  return `0100${body}`.padEnd(220, '0');
}

/**
 * `sockaddr_in` hex for an IPv4 address and port.
 *
 * @param ip - dotted quad
 * @param port - port
 * @returns the `saddr=` value
 * @example
 * ```ts
 * inetSockaddr('169.254.169.254', 80); // '02000050A9FEA9FE0000000000000000'
 * ```
 */
export function inetSockaddr(ip: string, port: number): string {
  const h2 = (n: number): string => n.toString(16).toUpperCase().padStart(2, '0');
  const addr = ip
    .split('.')
    .map((o) => h2(Number(o)))
    .join('');
  return `0200${h2(port >> 8)}${h2(port & 0xff)}${addr}0000000000000000`;
}

/** The process fields of a SYSCALL record. */
export interface AuditProcess {
  /** pid. */
  readonly pid: number;
  /** Parent pid. */
  readonly ppid: number;
  /** uid (also euid/suid/fsuid). */
  readonly uid: number;
  /** gid. */
  readonly gid: number;
  /** Login uid. */
  readonly auid: number;
  /** Audit session id. */
  readonly ses: number;
  /** tty (`pts0`, `(none)`). */
  readonly tty: string;
  /** comm. */
  readonly comm: string;
  /** exe. */
  readonly exe: string;
}

/**
 * A SYSCALL record body (after the header).
 *
 * @param p - process
 * @param syscall - number (x86_64)
 * @param ok - success
 * @param exit - exit value
 * @param a - a0..a3 (hex, no prefix)
 * @param items - PATH records that follow
 * @param key - rule key, or undefined for `(null)`
 * @returns the fields text
 * @example
 * ```ts
 * syscallFields(proc, 59, true, 0, ['1', '2', '3', '0'], 2, 'exec');
 * ```
 */
export function syscallFields(
  p: AuditProcess,
  syscall: number,
  ok: boolean,
  exit: number,
  a: readonly [string, string, string, string],
  items: number,
  key: string | undefined,
): string {
  const ids = `uid=${p.uid} gid=${p.gid} euid=${p.uid} suid=${p.uid} fsuid=${p.uid} egid=${p.gid} sgid=${p.gid} fsgid=${p.gid}`;
  return `arch=${ARCH_X86_64} syscall=${syscall} success=${ok ? 'yes' : 'no'} exit=${exit} a0=${a[0]} a1=${a[1]} a2=${a[2]} a3=${a[3]} items=${items} ppid=${p.ppid} pid=${p.pid} auid=${p.auid} ${ids} tty=${p.tty} ses=${p.ses} comm=${auditValue(p.comm)} exe=${auditValue(p.exe)} subj=unconfined key=${key === undefined ? '(null)' : `"${key}"`}`;
}

/**
 * A PATH record body.
 *
 * @param item - index
 * @param name - path name
 * @param inode - inode
 * @param mode - octal mode text (`0100755`)
 * @param ouid - owner uid
 * @param ogid - owner gid
 * @param nametype - `NORMAL`, `PARENT`...
 * @returns the fields text
 * @example
 * ```ts
 * pathFields(0, '/usr/bin/ls', 3904, '0100755', 0, 0, 'NORMAL');
 * ```
 */
export function pathFields(
  item: number,
  name: string,
  inode: number,
  mode: string,
  ouid: number,
  ogid: number,
  nametype: string,
): string {
  return `item=${item} name=${auditValue(name)} inode=${inode} dev=fd:01 mode=${mode} ouid=${ouid} ogid=${ogid} rdev=00:00 nametype=${nametype} cap_fp=0 cap_fi=0 cap_fe=0 cap_fver=0 cap_frootid=0`;
}

/**
 * A user-space record body with its nested `msg='...'`.
 *
 * @param pid - process
 * @param uid - uid
 * @param auid - login uid
 * @param ses - session id
 * @param inner - the nested key=value text
 * @returns the fields text
 * @example
 * ```ts
 * userFields(812, 0, UNSET, UNSET, 'op=PAM:accounting grantors=pam_unix acct="alice" ... res=success');
 * ```
 */
export function userFields(
  pid: number,
  uid: number,
  auid: number,
  ses: number,
  inner: string,
): string {
  return `pid=${pid} uid=${uid} auid=${auid} ses=${ses} subj=unconfined msg='${inner}'`;
}

/** A record before its header: `[type, fields]`. */
export type RecordBody = readonly [type: string, fields: string];

/** A logged-in session that commands can run in. */
export interface AuditSession {
  /** User name. */
  readonly user: string;
  /** uid. */
  readonly uid: number;
  /** Audit session id. */
  readonly ses: number;
  /** Login shell pid. */
  readonly shell: number;
  /** tty, e.g. `pts0`. */
  readonly tty: string;
  /** P2 pid of sshd-session (agent socket suffix). */
  readonly sshdChild: number;
  /** Agent socket directory suffix. */
  readonly agentDir: string;
}
