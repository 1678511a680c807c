/**
 * The auxiliary records of a syscall event as the full audit bound reads them, unchecked
 * (audit-fields.ts): `CWD`, `PATH`, `EXECVE` and `SOCKADDR`. Each reads the whole line from
 * its start: no record header holds the field names searched for.
 */
import type { AuditPathItem, SocketFamily } from '../../../src/events/host.js';
import {
  byteAt,
  digitsAt,
  find,
  here,
  hexText,
  idOf,
  numberOf,
  octalOf,
  seek,
  stringOf,
  valueAt,
} from './audit-fields.js';

/** A decoded `saddr=`, with the fields of the product's socket event. */
export interface BoundSockaddr {
  /** `unix`, `inet`, or `other` for any other family. */
  readonly family: SocketFamily;
  /** AF_UNIX path (`@name` when abstract). */
  readonly path: string | undefined;
  /** AF_INET dotted address. */
  readonly address: string | undefined;
  /** AF_INET port. */
  readonly port: number | undefined;
}

const OTHER: BoundSockaddr = {
  family: 'other',
  path: undefined,
  address: undefined,
  port: undefined,
};

/**
 * The working directory of a `CWD` record.
 *
 * @param text - the record line
 * @returns `cwd=` (hex decoded)
 * @example
 * ```ts
 * cwdOf('type=CWD msg=audit(1.000:7):  cwd="/home/alice"'); // '/home/alice'
 * ```
 */
export function cwdOf(text: string): string | undefined {
  seek(0);
  return stringOf(text, ' cwd=', true);
}

/**
 * The item of a `PATH` record, fields in the kernel's order.
 *
 * @param text - the record line
 * @returns its path, inode, mode, owner and name type
 * @example
 * ```ts
 * pathOf('type=PATH msg=audit(1.000:7): item=0 name="/bin/ls" inode=3 mode=0100755').mode;
 * // 0o100755
 * ```
 */
export function pathOf(text: string): AuditPathItem {
  seek(0);
  const path = stringOf(text, ' name=', true);
  const inode = numberOf(text, ' inode=');
  const mode = octalOf(text, ' mode=');
  const ouid = idOf(text, ' ouid=');
  const ogid = idOf(text, ' ogid=');
  const nametype = stringOf(text, ' nametype=', false);
  return { path, inode, mode, ouid, ogid, nametype };
}

/**
 * Appends the arguments of an `EXECVE` record (`argc=N a0=... a1=...`) to `argv`: the
 * values after `argc` in order, quoted ones sliced, unquoted ones hex decoded. `aN_len`
 * and `aN[i]` chunks of long arguments are not joined (the benchmark file has none).
 *
 * @param text - the record line
 * @param argv - receives the arguments
 * @example
 * ```ts
 * const argv: string[] = [];
 * argvOf('type=EXECVE msg=audit(1.000:7): argc=2 a0="ls" a1=2D6C', argv); // ['ls', '-l']
 * ```
 */
export function argvOf(text: string, argv: string[]): void {
  seek(0);
  const at = find(text, ' argc=');
  if (at === -1) return;
  const argc = digitsAt(text, at);
  // Each value is read from the `=` after the last one ended (quoted `=` are skipped with
  // their value).
  for (let i = 0; i < argc; i++) {
    const eq = text.indexOf('=', here());
    if (eq === -1) return;
    argv.push(valueAt(text, eq + 1, true) ?? '');
  }
}

/**
 * The address of a `SOCKADDR` record: AF_UNIX (`0100`) as its path up to the first NUL
 * (`@name` when the path starts with NUL), AF_INET (`0200`) as port and dotted address,
 * anything else `other`.
 *
 * @param text - the record line
 * @returns the decoded address
 * @example
 * ```ts
 * sockaddrOf('type=SOCKADDR msg=audit(1.000:7): saddr=02000016C0A80001').port; // 22
 * ```
 */
export function sockaddrOf(text: string): BoundSockaddr {
  seek(0);
  const at = find(text, ' saddr=');
  if (at === -1) return OTHER;
  const end = endOf(text, at);
  if (text.startsWith('0100', at)) {
    const abstract = text.startsWith('00', at + 4);
    const from = abstract ? at + 6 : at + 4;
    const name = hexText(text, from, nulAt(text, from, end));
    return {
      family: 'unix',
      path: abstract ? `@${name}` : name,
      address: undefined,
      port: undefined,
    };
  }
  if (text.startsWith('0200', at) && end - at >= 16) {
    return {
      family: 'inet',
      path: undefined,
      address: `${byteAt(text, at + 8)}.${byteAt(text, at + 10)}.${byteAt(text, at + 12)}.${byteAt(text, at + 14)}`,
      port: (byteAt(text, at + 4) << 8) | byteAt(text, at + 6),
    };
  }
  return OTHER;
}

// Where the unquoted value starting at `at` ends.
function endOf(text: string, at: number): number {
  const space = text.indexOf(' ', at);
  return space === -1 ? text.length : space;
}

// The first `00` at an even offset from `from`, or `end`.
function nulAt(text: string, from: number, end: number): number {
  for (let i = from; i + 1 < end; i += 2) {
    if (text.charCodeAt(i) === 48 && text.charCodeAt(i + 1) === 48) return i;
  }
  return end;
}
