import type {
  LoginRecordEvent,
  LoginRecordType,
  SshConfigEvent,
  SshKeyInventoryEvent,
} from '../../events/endpoint.js';
import { canonicalIp } from '../../ip.js';
import { base } from './build-process.js';
import type { OsqueryRowContext } from './row-context.js';
import { flag, id, integer, type OsqueryRow, text } from './values.js';

/** utmp type numbers (the `last` table's `type`). */
const BY_NUMBER: readonly LoginRecordType[] = [
  'empty',
  'run_level',
  'boot_time',
  'new_time',
  'old_time',
  'init_process',
  'login_process',
  'user_process',
  'dead_process',
  'accounting',
];

/** `logged_in_users.type` names. */
function typeFromName(name: string | undefined): LoginRecordType {
  switch (name) {
    case 'user':
      return 'user_process';
    case 'login':
      return 'login_process';
    case 'dead':
      return 'dead_process';
    case 'init':
      return 'init_process';
    case 'boot_time':
      return 'boot_time';
    case 'new_time':
      return 'new_time';
    case 'old_time':
      return 'old_time';
    case 'runlevel':
      return 'run_level';
    case 'accounting':
      return 'accounting';
    case 'empty':
      return 'empty';
    default:
      return 'unknown';
  }
}

const TYPE_CODES: Readonly<Record<LoginRecordType, number | undefined>> = {
  empty: 0,
  run_level: 1,
  boot_time: 2,
  new_time: 3,
  old_time: 4,
  init_process: 5,
  login_process: 6,
  user_process: 7,
  dead_process: 8,
  accounting: 9,
  unknown: undefined,
};

/**
 * `last` (wtmp) and `logged_in_users` (utmp) rows to `login.record`. `last.type` is the
 * utmp number (7 USER_PROCESS, 8 DEAD_PROCESS); `logged_in_users.type` a name (`user`,
 * `login`, `dead`...).
 *
 * @internal
 */
export function loginRecord(
  row: OsqueryRow,
  context: OsqueryRowContext,
  table: 'last' | 'logged_in_users',
): LoginRecordEvent {
  const number = integer(row.type);
  const recordType =
    number !== undefined
      ? (BY_NUMBER[number] ?? 'unknown')
      : typeFromName(text(row, 'type')?.toLowerCase());
  const remoteHost = text(row, 'host');
  return {
    kind: 'login.record',
    ...base(row, context, id(row, 'pid')),
    origin: table === 'last' ? 'osquery_last' : 'osquery_logged_in_users',
    recordType,
    typeCode: number ?? TYPE_CODES[recordType],
    failed: false,
    user: text(row, table === 'last' ? 'username' : 'user'),
    tty: text(row, 'tty'),
    ttyId: undefined,
    remoteHost,
    address: remoteHost === undefined ? undefined : canonicalIp(remoteHost),
    sessionId: undefined,
    termination: undefined,
    exitStatus: undefined,
    microseconds: 0,
    action: context.action,
  };
}

/** @internal `user_ssh_keys` and `authorized_keys` rows to `ssh.key_inventory`. */
export function keyInventory(
  row: OsqueryRow,
  context: OsqueryRowContext,
  table: 'user_ssh_keys' | 'authorized_keys',
): SshKeyInventoryEvent {
  const authorized = table === 'authorized_keys';
  return {
    kind: 'ssh.key_inventory',
    ...base(row, context, undefined),
    table,
    query: context.query,
    action: context.action,
    uid: id(row, 'uid'),
    path: text(row, authorized ? 'key_file' : 'path'),
    keyType: text(row, authorized ? 'algorithm' : 'key_type'),
    key: authorized ? text(row, 'key') : undefined,
    options: authorized ? text(row, 'options') : undefined,
    comment: authorized ? text(row, 'comment') : undefined,
    encrypted: authorized ? undefined : flag(row, 'encrypted'),
    keyLength: authorized ? undefined : id(row, 'key_length'),
  };
}

/** @internal `ssh_configs` row to `ssh.config`, or `undefined` without an `option`. */
export function sshConfig(row: OsqueryRow, context: OsqueryRowContext): SshConfigEvent | undefined {
  const option = text(row, 'option');
  if (option === undefined) return undefined;
  const trimmed = option.trim();
  let cut = 0;
  while (cut < trimmed.length) {
    const c = trimmed.charCodeAt(cut);
    if (c === 32 || c === 9 || c === 61) break;
    cut++;
  }
  let rest = cut;
  while (rest < trimmed.length) {
    const c = trimmed.charCodeAt(rest);
    if (c !== 32 && c !== 9 && c !== 61) break;
    rest++;
  }
  return {
    kind: 'ssh.config',
    ...base(row, context, undefined),
    query: context.query,
    action: context.action,
    uid: id(row, 'uid'),
    block: text(row, 'block'),
    option,
    name: trimmed.slice(0, cut).toLowerCase(),
    value: trimmed.slice(rest),
    file: text(row, 'ssh_config_file'),
  };
}
