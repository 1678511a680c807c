/**
 * The fields sshtrail reads from each kernel record type, as key tables (a key's number
 * is its slot in picked spans).
 */
import { keyTable } from './scan.js';

/** The `SYSCALL` fields sshtrail reads (the others are skipped without slicing). */
export const SYSCALL_KEYS = keyTable([
  'arch',
  'syscall',
  'success',
  'exit',
  'a0',
  'a1',
  'a2',
  'ppid',
  'pid',
  'auid',
  'uid',
  'euid',
  'tty',
  'ses',
  'comm',
  'exe',
  'key',
]);

/** The `PATH` fields sshtrail reads. */
export const PATH_KEYS = keyTable(['item', 'name', 'inode', 'mode', 'ouid', 'ogid', 'nametype']);

/** The `CWD` field. */
export const CWD_KEYS = keyTable(['cwd']);

/** The `SOCKADDR` field. */
export const SOCKADDR_KEYS = keyTable(['saddr']);

/** The `OBJ_PID` fields (the ptrace target). */
export const OBJ_PID_KEYS = keyTable(['opid', 'ouid', 'oauid', 'oses', 'ocomm']);

/** The kernel `LOGIN` fields. */
export const LOGIN_KEYS = keyTable([
  'pid',
  'uid',
  'auid',
  'ses',
  'old-auid',
  'old-ses',
  'tty',
  'res',
]);
