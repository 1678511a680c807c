import type { OsqueryRow } from './values.js';

/**
 * The osquery tables sshtrail maps.
 *
 * @example
 * ```ts
 * const t: OsqueryTable = 'process_envs';
 * ```
 */
export type OsqueryTable =
  | 'process_events'
  | 'socket_events'
  | 'process_envs'
  | 'logged_in_users'
  | 'last'
  | 'user_ssh_keys'
  | 'authorized_keys'
  | 'ssh_configs';

/** Longest first, so `process_events` wins over a shorter name inside it. */
const BY_NAME: readonly OsqueryTable[] = [
  'logged_in_users',
  'authorized_keys',
  'process_events',
  'socket_events',
  'user_ssh_keys',
  'process_envs',
  'ssh_configs',
];

function isWordChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
}

/** `last` as a whole word of the query name (`pack_incident-response_last`, `last`). */
function namesLast(name: string): boolean {
  let i = name.indexOf('last');
  while (i >= 0) {
    if (!isWordChar(name.charCodeAt(i - 1)) && !isWordChar(name.charCodeAt(i + 4))) return true;
    i = name.indexOf('last', i + 4);
  }
  return false;
}

/**
 * Which table a query name names: the longest known table name it contains
 * (case-insensitive; pack queries are named `pack_<pack>_<query>`), or `last` as a whole
 * word. `undefined` when it names none.
 *
 * @internal
 */
export function tableFromName(name: string | undefined): OsqueryTable | undefined {
  if (name === undefined) return undefined;
  const lower = name.toLowerCase();
  for (const table of BY_NAME) if (lower.includes(table)) return table;
  return namesLast(lower) ? 'last' : undefined;
}

/**
 * Which table a row comes from by its columns, for queries whose name says nothing:
 *
 * | columns present | table |
 * |---|---|
 * | `ssh_config_file`, `option` | `ssh_configs` |
 * | `key_file`, `key` | `authorized_keys` |
 * | `key_type`, `path` | `user_ssh_keys` |
 * | `family`, `action`, one of `socket`/`remote_address` | `socket_events` |
 * | `cmdline`, `pid`, one of `auid`/`syscall`/`eid` | `process_events` |
 * | `key`, `value`, `pid` | `process_envs` |
 * | `username`, `tty`, `type` | `last` |
 * | `user`, `tty`, `type` | `logged_in_users` |
 *
 * @internal
 */
export function tableFromColumns(row: OsqueryRow): OsqueryTable | undefined {
  const has = (c: string): boolean => row[c] !== undefined;
  if (has('ssh_config_file') && has('option')) return 'ssh_configs';
  if (has('key_file') && has('key')) return 'authorized_keys';
  if (has('key_type') && has('path')) return 'user_ssh_keys';
  if (has('family') && has('action') && (has('socket') || has('remote_address'))) {
    return 'socket_events';
  }
  if (has('cmdline') && has('pid') && (has('auid') || has('syscall') || has('eid'))) {
    return 'process_events';
  }
  if (has('key') && has('value') && has('pid')) return 'process_envs';
  if (has('username') && has('tty') && has('type')) return 'last';
  if (has('user') && has('tty') && has('type')) return 'logged_in_users';
  return undefined;
}
