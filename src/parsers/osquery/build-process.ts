import type {
  EndpointProcess,
  EndpointProcessExecEvent,
  EndpointSocketConnectEvent,
  EnvSnapshotEvent,
} from '../../events/endpoint.js';
import type { SocketFamily } from '../../events/host.js';
import type { TimeBasis } from '../../events/provenance.js';
import { canonicalIp } from '../../ip.js';
import { splitCommandLine } from '../sysmon/command-line.js';
import { splitEnv } from './env.js';
import type { OsqueryRowContext } from './row-context.js';
import { flag, id, integer, type OsqueryRow, text } from './values.js';

const LINE_BASIS: TimeBasis = { year: 'line', zone: 'line' };

/** @internal The event time of a row: its own `time` column (epoch s), else the query time. */
export function rowTime(row: OsqueryRow, context: OsqueryRowContext): number {
  const seconds = integer(row.time);
  if (seconds !== undefined && seconds > 0) return seconds * 1000;
  return context.queryTime ?? 0;
}

/** @internal The base fields of an osquery event, in one fixed order. */
export function base(row: OsqueryRow, context: OsqueryRowContext, pid: number | undefined) {
  return {
    time: rowTime(row, context),
    timeBasis: LINE_BASIS,
    host: context.host,
    program: 'osqueryd',
    pid,
    repeat: 1,
    source: context.source,
  };
}

function endpoint(context: OsqueryRowContext, commandLine: string | undefined): EndpointProcess {
  return {
    origin: 'osquery',
    eventId: undefined,
    query: context.query,
    action: context.action,
    user: undefined,
    commandLine,
    processGuid: undefined,
    parentExe: undefined,
    parentCommandLine: undefined,
    parentProcessGuid: undefined,
    parentUser: undefined,
    logonId: undefined,
    ruleName: undefined,
  };
}

function subject(row: OsqueryRow, exe: string | undefined, syscall: string) {
  const status = text(row, 'status');
  // socket_events: `in_progress` is a non-blocking connect under way, not a failure.
  const success =
    status === 'failed'
      ? false
      : status === 'succeeded' || status === 'in_progress'
        ? true
        : flag(row, 'success');
  return {
    ppid: id(row, 'parent'),
    uid: id(row, 'uid'),
    euid: id(row, 'euid'),
    auid: id(row, 'auid'),
    ses: undefined,
    exe,
    comm: undefined,
    tty: undefined,
    key: undefined,
    success,
    exit: undefined,
    syscall,
    cwd: text(row, 'cwd'),
    paths: [],
  };
}

/**
 * `process_events` row to `process.exec` (execve/execveat rows; fork/clone rows give
 * `undefined`). `argv` is `cmdline` split on spaces; `argvTruncated` when `cmdline_size`
 * says the logged command line is shorter than the real one.
 *
 * @internal
 */
export function processExec(
  row: OsqueryRow,
  context: OsqueryRowContext,
): EndpointProcessExecEvent | undefined {
  const syscall = text(row, 'syscall') ?? 'execve';
  if (syscall !== 'execve' && syscall !== 'execveat') return undefined;
  const commandLine = text(row, 'cmdline');
  const size = integer(row.cmdline_size);
  const event: EndpointProcessExecEvent = {
    kind: 'process.exec',
    ...base(row, context, id(row, 'pid')),
    serial: integer(row.eid) ?? 0,
    evidence: [context.source],
    ...subject(row, text(row, 'path'), syscall),
    argv: commandLine === undefined ? [] : splitCommandLine(commandLine),
    argvTruncated: size !== undefined && commandLine !== undefined && size > commandLine.length,
    endpoint: endpoint(context, commandLine),
  };
  return event;
}

/**
 * The `env` column of a `process_events` row (with `--audit_allow_env`) as an `env.snapshot`
 * of the new process, or `undefined` when the row has none.
 *
 * @internal
 */
export function processEnv(
  row: OsqueryRow,
  context: OsqueryRowContext,
): EnvSnapshotEvent | undefined {
  const env = text(row, 'env');
  if (env === undefined) return undefined;
  const variables = splitEnv(env);
  return envSnapshot(row, context, variables);
}

/** @internal `process_envs` row (one variable) to `env.snapshot`. */
export function processEnvs(
  row: OsqueryRow,
  context: OsqueryRowContext,
): EnvSnapshotEvent | undefined {
  const key = text(row, 'key');
  if (key === undefined) return undefined;
  return envSnapshot(row, context, [{ key, value: text(row, 'value') ?? '' }]);
}

function envSnapshot(
  row: OsqueryRow,
  context: OsqueryRowContext,
  variables: readonly { readonly key: string; readonly value: string }[],
): EnvSnapshotEvent {
  return {
    kind: 'env.snapshot',
    ...base(row, context, id(row, 'pid')),
    origin: 'osquery',
    query: context.query,
    action: context.action,
    variables,
    sshAuthSock: variables.find((v) => v.key === 'SSH_AUTH_SOCK')?.value,
  };
}

function familyOf(row: OsqueryRow): SocketFamily {
  switch (integer(row.family)) {
    case 1:
      return 'unix';
    case 2:
      return 'inet';
    case 10:
      return 'inet6';
    default:
      return 'other';
  }
}

/**
 * `socket_events` row to `socket.connect`: `family` 1 (AF_UNIX) keeps the `socket` path;
 * 2/10 keep the remote address and port. `path` in osquery is the process binary, so it is
 * `exe` here.
 *
 * @internal
 */
export function socketEvent(
  row: OsqueryRow,
  context: OsqueryRowContext,
): EndpointSocketConnectEvent {
  const action = text(row, 'action') ?? 'connect';
  const family = familyOf(row);
  const remote = text(row, 'remote_address');
  const local = text(row, 'local_address');
  const event: EndpointSocketConnectEvent = {
    kind: 'socket.connect',
    ...base(row, context, id(row, 'pid')),
    serial: integer(row.eid) ?? 0,
    evidence: [context.source],
    ...subject(row, text(row, 'path'), action),
    family,
    path: family === 'unix' ? text(row, 'socket') : undefined,
    address: remote === undefined ? undefined : canonicalIp(remote),
    port: family === 'unix' ? undefined : id(row, 'remote_port'),
    endpoint: endpoint(context, undefined),
    localAddress: local === undefined ? undefined : canonicalIp(local),
    localPort: family === 'unix' ? undefined : id(row, 'local_port'),
    protocol: text(row, 'protocol'),
    initiated: action === 'connect' ? true : action === 'accept' ? false : undefined,
  };
  return event;
}
