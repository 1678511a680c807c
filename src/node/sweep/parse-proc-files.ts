/**
 * The fields of `/proc/<pid>/status` the sweep uses.
 *
 * @example
 * ```ts
 * const s: ProcStatus = { name: 'bash', ppid: 1, uid: 1000 };
 * ```
 */
export interface ProcStatus {
  /** `Name:` (comm). */
  readonly name: string;
  /** `PPid:`. */
  readonly ppid: number | undefined;
  /** Real uid: the first number of `Uid:`. */
  readonly uid: number | undefined;
}

/**
 * Reads `Name:`, `PPid:` and the real uid of `Uid:` from `/proc/<pid>/status`. Total.
 *
 * @param text - The file's content.
 * @returns The fields (missing ones are `undefined`, a missing name is empty).
 * @example
 * ```ts
 * parseProcStatus('Name:\tbash\nPPid:\t1\nUid:\t1000\t1000\t1000\t1000\n'); // { name: 'bash', ppid: 1, uid: 1000 }
 * ```
 */
export function parseProcStatus(text: string): ProcStatus {
  let name = '';
  let ppid: number | undefined;
  let uid: number | undefined;
  for (const line of text.split('\n')) {
    if (line.startsWith('Name:')) name = line.slice(5).trim();
    else if (line.startsWith('PPid:')) ppid = integer(line.slice(5).trim());
    else if (line.startsWith('Uid:')) uid = integer(line.slice(4).trim().split('\t')[0] ?? '');
  }
  return { name, ppid, uid };
}

/**
 * Splits `/proc/<pid>/environ` (`KEY=VALUE` entries separated by NUL) into a map, splitting
 * each entry on its first `=`. Total: entries without `=` are skipped.
 *
 * @param text - The file's content (decoded as UTF-8; invalid bytes become U+FFFD).
 * @returns The variables.
 * @example
 * ```ts
 * parseEnviron('HOME=/root\0SSH_AUTH_SOCK=/tmp/ssh-x/agent.42\0').get('SSH_AUTH_SOCK'); // '/tmp/ssh-x/agent.42'
 * ```
 */
export function parseEnviron(text: string): Map<string, string> {
  const env = new Map<string, string>();
  for (const entry of text.split('\0')) {
    const eq = entry.indexOf('=');
    if (eq > 0) env.set(entry.slice(0, eq), entry.slice(eq + 1));
  }
  return env;
}

/**
 * Reads a `/proc/<pid>/fd/<n>` link target `socket:[N]` as the socket inode `N`.
 *
 * @param link - The link target.
 * @returns The inode, or `undefined` for other targets.
 * @example
 * ```ts
 * socketInode('socket:[23456]'); // 23456
 * socketInode('/dev/null'); // undefined
 * ```
 */
export function socketInode(link: string): number | undefined {
  if (!link.startsWith('socket:[') || !link.endsWith(']')) return undefined;
  return integer(link.slice(8, -1));
}

/**
 * Reads connected unix-socket pairs from `ss -xanH` output: lines with exactly eight fields
 * (`u_str ESTAB 0 0 <local> <inode> <peer> <peer inode>`); others (paths with spaces) are
 * skipped.
 *
 * @param text - The command's output.
 * @returns The pairs with a known peer (peer inode not 0).
 * @example
 * ```ts
 * parseSsUnix('u_str ESTAB 0 0 /tmp/a.sock 120939 * 120938\n'); // [{ inode: 120939, peer: 120938 }]
 * ```
 */
export function parseSsUnix(text: string): { inode: number; peer: number }[] {
  const out: { inode: number; peer: number }[] = [];
  for (const line of text.split('\n')) {
    const f = fields(line);
    if (f.length !== 8) continue;
    const inode = integer(f[5] ?? '');
    const peer = integer(f[7] ?? '');
    if (inode !== undefined && peer !== undefined && peer !== 0) out.push({ inode, peer });
  }
  return out;
}

/**
 * Reads `/etc/passwd` into user names by uid.
 *
 * @param text - The file's content.
 * @returns Names by uid (as a string key).
 * @example
 * ```ts
 * parsePasswd('root:x:0:0:root:/root:/bin/bash\n'); // { '0': 'root' }
 * ```
 */
export function parsePasswd(text: string): Record<string, string> {
  const users: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const f = line.split(':');
    const uid = integer(f[2] ?? '');
    if (f[0] !== undefined && f[0].length > 0 && uid !== undefined) users[String(uid)] ??= f[0];
  }
  return users;
}

/** Splits on runs of spaces and tabs. */
function fields(line: string): string[] {
  const out: string[] = [];
  let start = -1;
  for (let i = 0; i <= line.length; i++) {
    const c = i < line.length ? line.charCodeAt(i) : 32;
    const blank = c === 32 || c === 9 || c === 13;
    if (blank && start !== -1) {
      out.push(line.slice(start, i));
      start = -1;
    } else if (!blank && start === -1) start = i;
  }
  return out;
}

function integer(text: string): number | undefined {
  if (text.length === 0 || text.length > 12) return undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return undefined;
  }
  return Number(text);
}
