import type { SshtrailEvent } from '../../events/index.js';

/**
 * The fields sshtrail reads from a process-environment event (`env.snapshot`: osquery
 * `process_envs`, a `/proc/PID/environ` sweep, laurel `execve-env`). Structural, so any
 * event of that kind fits: the variables come as a record, as `{key, value}` pairs, as one
 * `key`/`value` row, or as a ready `sshAuthSock`.
 *
 * @example
 * ```ts
 * const env: EnvSnapshotLike = {
 *   kind: 'env.snapshot', time: 1718035200000, host: 'bastion', pid: 5188, uid: 0,
 *   variables: { SSH_AUTH_SOCK: '/tmp/ssh-XXXXabcdef/agent.4242' },
 * };
 * ```
 */
export interface EnvSnapshotLike {
  /** Discriminant. */
  readonly kind: 'env.snapshot';
  /** Epoch milliseconds. */
  readonly time: number;
  /** Host name. */
  readonly host: string | undefined;
  /** The process whose environment it is. */
  readonly pid: number | undefined;
  /** Its parent, when known. */
  readonly ppid?: number | undefined;
  /** Its real uid, when known. */
  readonly uid?: number | undefined;
  /** Its effective uid, when known. */
  readonly euid?: number | undefined;
  /** Its audit login uid, when known. */
  readonly auid?: number | undefined;
  /** Its audit session id, when known. */
  readonly ses?: number | undefined;
  /** The variables, as a record or as pairs. */
  readonly variables?:
    | Readonly<Record<string, string>>
    | readonly { readonly key: string; readonly value: string }[]
    | undefined;
  /** One variable name (one-row-per-variable sources such as osquery `process_envs`). */
  readonly key?: string | undefined;
  /** That variable's value. */
  readonly value?: string | undefined;
  /** `SSH_AUTH_SOCK`, when the source already picked it out. */
  readonly sshAuthSock?: string | undefined;
}

/**
 * Every event the process and socket models accept: the SDK's union plus environment
 * snapshots.
 *
 * @example
 * ```ts
 * const kinds = (events: readonly TelemetryEvent[]) => events.map((e) => e.kind);
 * ```
 */
export type TelemetryEvent = SshtrailEvent | EnvSnapshotLike;

/**
 * The `SSH_AUTH_SOCK` value of an environment snapshot, whatever its layout.
 *
 * @param env - The snapshot.
 * @returns The socket path, or `undefined` when the snapshot does not name one.
 * @example
 * ```ts
 * authSockOf({ kind: 'env.snapshot', time: 0, host: 'h', pid: 1, key: 'SSH_AUTH_SOCK', value: '/tmp/s' }); // '/tmp/s'
 * ```
 */
export function authSockOf(env: EnvSnapshotLike): string | undefined {
  if (typeof env.sshAuthSock === 'string' && env.sshAuthSock !== '') return env.sshAuthSock;
  if (env.key === 'SSH_AUTH_SOCK' && typeof env.value === 'string' && env.value !== '') {
    return env.value;
  }
  const vars = env.variables;
  if (vars === undefined || vars === null) return undefined;
  if (Array.isArray(vars)) {
    for (const pair of vars as readonly { readonly key: string; readonly value: string }[]) {
      if (pair.key === 'SSH_AUTH_SOCK' && typeof pair.value === 'string' && pair.value !== '') {
        return pair.value;
      }
    }
    return undefined;
  }
  const value = (vars as Readonly<Record<string, string>>).SSH_AUTH_SOCK;
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * A terminal name in `pts/N` / `ttyN` form: audit writes `pts1`, PAM `/dev/pts/1`, sshd
 * `pts/1`. Non-terminals (`ssh`, `(none)`, `?`, `cron`) give `undefined`.
 *
 * @param tty - The terminal as logged.
 * @returns The normalized name.
 * @example
 * ```ts
 * normalizeTty('pts1'); // 'pts/1'
 * ```
 */
export function normalizeTty(tty: string | undefined): string | undefined {
  if (tty === undefined || tty === '') return undefined;
  const name = tty.startsWith('/dev/') ? tty.slice(5) : tty;
  if (name.startsWith('pts/')) return name.length > 4 ? name : undefined;
  if (name.startsWith('pts')) {
    const rest = name.slice(3);
    return isDigits(rest) ? `pts/${rest}` : undefined;
  }
  if (name.startsWith('tty') && name.length > 3) return name;
  return undefined;
}

function isDigits(text: string): boolean {
  if (text.length === 0 || text.length > 10) return false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/**
 * Whether an executable or command name is an sshd process (`sshd`, `sshd-session`,
 * `sshd-auth`, with or without a directory).
 *
 * @param exe - `exe=` or `comm=`.
 * @returns True for the sshd family.
 * @example
 * ```ts
 * isSshdProgram('/usr/libexec/openssh/sshd-session'); // true
 * ```
 */
export function isSshdProgram(exe: string | undefined): boolean {
  if (exe === undefined) return false;
  const base = exe.slice(exe.lastIndexOf('/') + 1);
  return base === 'sshd' || base === 'sshd-session' || base === 'sshd-auth';
}
