/**
 * The socket-related options of one command line.
 *
 * @example
 * ```ts
 * const a: SocketArguments = {
 *   program: 'ssh', master: true, controlPath: '/home/alice/.ssh/cm-%r@%h:%p',
 *   remoteUser: 'alice', remoteHost: 'db1', port: 22, tmuxSocket: undefined, authSock: undefined,
 * };
 * ```
 */
export interface SocketArguments {
  /** The program's base name (`ssh`, `scp`, `sftp`, `tmux`, `env`, `sudo`...). */
  readonly program: string;
  /** ssh `-M` or `-o ControlMaster=yes|auto|ask|autoask`: this process is (or may become) the master. */
  readonly master: boolean;
  /** ssh `-S <path>` or `-o ControlPath=<path>` (`none` is dropped), unexpanded. */
  readonly controlPath: string | undefined;
  /** The destination's user (`user@host`, `-l user`). */
  readonly remoteUser: string | undefined;
  /** The destination host. */
  readonly remoteHost: string | undefined;
  /** `-p N` / `-o Port=N`, else 22 for ssh. */
  readonly port: number | undefined;
  /** tmux `-S <path>`. */
  readonly tmuxSocket: string | undefined;
  /** An `SSH_AUTH_SOCK=<path>` argument (`env`, `sudo`, `ssh-agent`-style wrappers). */
  readonly authSock: string | undefined;
}

const SSH_PROGRAMS: ReadonlySet<string> = new Set(['ssh', 'scp', 'sftp']);
/** ssh option letters that take an argument (OpenSSH `ssh.c` getopt string). */
const SSH_ARG_LETTERS = 'bcDeEFiIJlLmOopPQRSwWB';
const MAX_ARGS = 512;

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

function parseOption(
  text: string,
  into: { master: boolean; controlPath: string | undefined; port: number | undefined },
): void {
  const eq = text.indexOf('=');
  const sp = text.indexOf(' ');
  const cut = eq < 0 ? sp : sp < 0 ? eq : Math.min(eq, sp);
  if (cut <= 0) return;
  const key = text.slice(0, cut).toLowerCase();
  const value = text.slice(cut + 1).trim();
  if (key === 'controlpath') {
    into.controlPath = value.toLowerCase() === 'none' || value === '' ? undefined : value;
  } else if (key === 'controlmaster') {
    const v = value.toLowerCase();
    into.master = v === 'yes' || v === 'auto' || v === 'ask' || v === 'autoask';
  } else if (key === 'port') {
    const n = Number(value);
    if (Number.isInteger(n) && n > 0 && n < 65536) into.port = n;
  }
}

/**
 * Reads the socket-related options of a command line: ssh/scp/sftp ControlMaster options
 * (parsed like OpenSSH's getopt, options before and right after the destination),
 * `tmux -S`, and any `SSH_AUTH_SOCK=` argument. Never throws.
 *
 * @param argv - The arguments, `argv[0]` included.
 * @param exe - The executable path, when known (preferred over `argv[0]` for the program).
 * @returns The options found.
 * @example
 * ```ts
 * socketArguments(['ssh', '-M', '-S', '/home/alice/.ssh/cm-alice@db1:22', 'db1']).master; // true
 * ```
 */
export function socketArguments(argv: readonly string[], exe?: string): SocketArguments {
  const program = baseName(exe ?? argv[0] ?? '');
  let authSock: string | undefined;
  const n = Math.min(argv.length, MAX_ARGS);
  for (let i = 1; i < n; i += 1) {
    const a = argv[i];
    if (a?.startsWith('SSH_AUTH_SOCK=') === true && a.length > 14) authSock = a.slice(14);
  }
  const state = {
    master: false,
    controlPath: undefined as string | undefined,
    port: undefined as number | undefined,
  };
  let remoteUser: string | undefined;
  let remoteHost: string | undefined;
  let tmuxSocket: string | undefined;
  if (SSH_PROGRAMS.has(program)) {
    let positional = 0;
    for (let i = 1; i < n && positional < 2; i += 1) {
      const a = argv[i] ?? '';
      if (a === '--') break;
      if (a.length < 2 || a[0] !== '-') {
        positional += 1;
        if (positional === 1 && program === 'ssh') {
          const at = a.lastIndexOf('@');
          remoteHost = at < 0 ? a : a.slice(at + 1);
          if (at > 0 && remoteUser === undefined) remoteUser = a.slice(0, at);
        }
        continue;
      }
      for (let j = 1; j < a.length; j += 1) {
        const letter = a[j] ?? '';
        if (letter === 'M') {
          state.master = true;
          continue;
        }
        if (!SSH_ARG_LETTERS.includes(letter)) continue;
        const value = j + 1 < a.length ? a.slice(j + 1) : argv[++i];
        if (value === undefined) break;
        if (letter === 'S') state.controlPath = value === 'none' ? undefined : value;
        else if (letter === 'o') parseOption(value, state);
        else if (letter === 'l') remoteUser = value;
        else if (letter === 'p') {
          const p = Number(value);
          if (Number.isInteger(p) && p > 0 && p < 65536) state.port = p;
        }
        break;
      }
    }
  } else if (program === 'tmux') {
    for (let i = 1; i < n; i += 1) {
      const a = argv[i] ?? '';
      if (a === '-S') tmuxSocket = argv[i + 1];
      else if (a.startsWith('-S') && a.length > 2) tmuxSocket = a.slice(2);
      else if (a.length > 0 && a[0] !== '-') break;
      if (tmuxSocket !== undefined) break;
    }
  }
  return {
    program,
    master: state.master,
    controlPath: state.controlPath,
    remoteUser,
    remoteHost,
    port: state.port ?? (program === 'ssh' ? 22 : undefined),
    tmuxSocket,
    authSock,
  };
}

/**
 * One part of a compiled ControlPath: literal text, a wildcard of at least `min` characters
 * within one path segment (an unknown `%` token), or an unknown home directory (`~`).
 *
 * @example
 * ```ts
 * const parts: ControlPathPart[] = [{ kind: 'home' }, { kind: 'lit', text: '/.ssh/cm-' }, { kind: 'any', min: 1 }];
 * ```
 */
export type ControlPathPart =
  | { readonly kind: 'lit'; readonly text: string }
  | { readonly kind: 'any'; readonly min: number }
  | { readonly kind: 'home' };

type Part = ControlPathPart;

/**
 * A compiled ControlPath template: `%` tokens that were known are expanded, the rest (and
 * an unknown `~`) match any path segment text.
 *
 * @example
 * ```ts
 * const m: ControlPathMatcher = compileControlPath('~/.ssh/cm-%r@%h:%p', { remoteHost: 'db1' });
 * ```
 */
export interface ControlPathMatcher {
  /** The template as given. */
  readonly template: string;
  /** The compiled parts. */
  readonly parts: readonly ControlPathPart[];
}

/**
 * Values for ControlPath tokens (`%r %h %p %n %u %i %d` and `~`).
 *
 * @example
 * ```ts
 * const v: ControlPathValues = { remoteUser: 'alice', remoteHost: 'db1', port: 22, home: '/home/alice' };
 * ```
 */
export interface ControlPathValues {
  /** `%r`. */
  readonly remoteUser?: string | undefined;
  /** `%h` and `%n`. */
  readonly remoteHost?: string | undefined;
  /** `%p`. */
  readonly port?: number | undefined;
  /** `%u`. */
  readonly localUser?: string | undefined;
  /** `%i`. */
  readonly localUid?: number | undefined;
  /** `~` and `%d`. */
  readonly home?: string | undefined;
}

const MAX_PARTS = 64;

/**
 * Compiles a ControlPath template (from `-S`, `-o ControlPath=` or ssh_config) into a matcher.
 * No regular expression is built from the text, so templates can be attacker-controlled.
 *
 * @param template - The template (`~/.ssh/cm-%r@%h:%p`).
 * @param values - Token values known from the command line and the process.
 * @returns The matcher.
 * @example
 * ```ts
 * const m = compileControlPath('/tmp/ssh_mux_%h_%p_%r', { remoteHost: 'db1', port: 22 });
 * matchControlPath(m, '/tmp/ssh_mux_db1_22_alice'); // true
 * ```
 */
export function compileControlPath(
  template: string,
  values: ControlPathValues = {},
): ControlPathMatcher {
  const parts: Part[] = [];
  let lit = '';
  const flush = (): void => {
    if (lit !== '') parts.push({ kind: 'lit', text: lit });
    lit = '';
  };
  const wild = (part: Part): void => {
    flush();
    const last = parts[parts.length - 1];
    // Adjacent `%C%C` is one wildcard of at least two characters: keeps matching linear.
    if (part.kind === 'any' && last?.kind === 'any') {
      parts[parts.length - 1] = { kind: 'any', min: last.min + 1 };
    } else {
      parts.push(part);
    }
  };
  let i = 0;
  if (template.startsWith('~/') || template === '~') {
    if (values.home !== undefined) lit = values.home;
    else wild({ kind: 'home' });
    i = 1;
  }
  for (; i < template.length && parts.length < MAX_PARTS; i += 1) {
    const c = template[i] ?? '';
    if (c !== '%') {
      lit += c;
      continue;
    }
    i += 1;
    const t = template[i] ?? '';
    const known =
      t === '%'
        ? '%'
        : t === 'r'
          ? values.remoteUser
          : t === 'h' || t === 'n'
            ? values.remoteHost
            : t === 'p'
              ? values.port?.toString()
              : t === 'u'
                ? values.localUser
                : t === 'i'
                  ? values.localUid?.toString()
                  : t === 'd'
                    ? values.home
                    : undefined;
    if (known !== undefined) lit += known;
    else wild({ kind: 'any', min: 1 });
  }
  flush();
  return { template, parts };
}

/**
 * Whether a socket path fits a compiled ControlPath. Linear in the path length per part;
 * wildcards never cross a `/`.
 *
 * @param matcher - From {@link compileControlPath}.
 * @param path - The socket path.
 * @returns True on a match.
 * @example
 * ```ts
 * matchControlPath(compileControlPath('/home/alice/.ssh/cm-%r@%h:%p'), '/home/alice/.ssh/cm-alice@db1:22'); // true
 * ```
 */
export function matchControlPath(matcher: ControlPathMatcher, path: string): boolean {
  if (path.length > 4096 || matcher.parts.length === 0) return false;
  // Positions reachable after each part, kept ascending and unique; a wildcard's reach is the
  // rest of the current segment, so each position of the path is added at most once per part.
  let positions: number[] = [0];
  const segmentEnd = (from: number): number => {
    const slash = path.indexOf('/', from);
    return slash < 0 ? path.length : slash;
  };
  for (const part of matcher.parts) {
    const next: number[] = [];
    let covered = -1;
    const span = (from: number, min: number): void => {
      const end = segmentEnd(from);
      for (let q = Math.max(from + min, covered + 1); q <= end; q += 1) next.push(q);
      if (end > covered) covered = end;
    };
    for (const p of positions) {
      if (part.kind === 'lit') {
        if (path.startsWith(part.text, p)) next.push(p + part.text.length);
      } else if (part.kind === 'any') {
        span(p, part.min);
      } else {
        if (path.startsWith('/root', p)) next.push(p + 5);
        if (path.startsWith('/home/', p)) span(p + 6, 1);
      }
    }
    if (next.length === 0) return false;
    next.sort((a, b) => a - b);
    positions = next.filter((q, i) => i === 0 || next[i - 1] !== q);
  }
  return positions.includes(path.length);
}
