import type {
  EndpointFileAccessEvent,
  EndpointProcess,
  EndpointProcessExecEvent,
  EndpointPtraceEvent,
  EndpointSocketConnectEvent,
  ProcessExitEvent,
} from '../../events/endpoint.js';
import type { FileOperation, SocketFamily } from '../../events/host.js';
import type { Provenance, TimeBasis } from '../../events/provenance.js';
import { canonicalIp } from '../../ip.js';
import type { LineOutcome } from '../outcome.js';
import { splitCommandLine } from './command-line.js';
import type { SysmonRecord } from './record.js';
import { sysmonTime } from './time.js';

/** @internal Where and when a Sysmon record was read, from its envelope or the options. */
export interface SysmonLineContext {
  /** Host from the syslog header, else the default host. */
  readonly host: string | undefined;
  /** Envelope time, used only when the record has no time of its own. */
  readonly time: number | undefined;
  /** The envelope's time basis. */
  readonly timeBasis: TimeBasis;
  /** The line. */
  readonly source: Provenance;
}

const LINE_BASIS: TimeBasis = { year: 'line', zone: 'line' };
const UNSET_ID = 4294967295;

/** A Data value, with Sysmon's empty markers (`-`, `(null)`, ``) as `undefined`. */
function value(record: SysmonRecord, name: string): string | undefined {
  const v = record.data.get(name);
  return v === undefined || v === '' || v === '-' || v === '(null)' ? undefined : v;
}

function id(text: string | undefined): number | undefined {
  if (text === undefined || text.length === 0 || text.length > 12) return undefined;
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return undefined;
    n = n * 10 + c;
  }
  return n === UNSET_ID ? undefined : n;
}

/** A uid from a Sysmon `User`: numeric text, or `root` (uid 0 on every Linux). */
function uidOf(user: string | undefined): number | undefined {
  if (user === 'root') return 0;
  return id(user);
}

function endpointOf(record: SysmonRecord, user: string | undefined): EndpointProcess {
  return {
    origin: 'sysmon',
    eventId: record.eventId,
    query: undefined,
    action: undefined,
    user,
    commandLine: value(record, 'CommandLine'),
    processGuid: value(record, 'ProcessGuid') ?? value(record, 'SourceProcessGUID'),
    parentExe: value(record, 'ParentImage'),
    parentCommandLine: value(record, 'ParentCommandLine'),
    parentProcessGuid: value(record, 'ParentProcessGuid'),
    parentUser: value(record, 'ParentUser'),
    logonId: value(record, 'LogonId'),
    ruleName: value(record, 'RuleName'),
  };
}

/** The fields every Sysmon-derived audit-shaped event shares, in one fixed order. */
function common(record: SysmonRecord, context: SysmonLineContext, pid: number | undefined) {
  const own = sysmonTime(record.data.get('UtcTime')) ?? sysmonTime(record.systemTime);
  return {
    time: own ?? context.time ?? 0,
    timeBasis: own === undefined ? context.timeBasis : LINE_BASIS,
    host: record.computer ?? context.host,
    program: 'sysmon',
    pid,
    repeat: 1,
    source: context.source,
    serial: record.recordId ?? 0,
    evidence: [context.source],
  };
}

function subject(
  record: SysmonRecord,
  user: string | undefined,
  exe: string | undefined,
  syscall: string,
) {
  return {
    ppid: id(value(record, 'ParentProcessId')),
    uid: uidOf(user),
    euid: undefined,
    auid: undefined,
    ses: id(value(record, 'TerminalSessionId')),
    exe,
    comm: undefined,
    tty: undefined,
    key: value(record, 'RuleName'),
    success: true,
    exit: undefined,
    syscall,
    cwd: value(record, 'CurrentDirectory'),
    paths: [],
  };
}

function processCreate(record: SysmonRecord, context: SysmonLineContext): EndpointProcessExecEvent {
  const user = value(record, 'User');
  const commandLine = value(record, 'CommandLine');
  const event: EndpointProcessExecEvent = {
    kind: 'process.exec',
    ...common(record, context, id(value(record, 'ProcessId'))),
    ...subject(record, user, value(record, 'Image'), 'execve'),
    argv: commandLine === undefined ? [] : splitCommandLine(commandLine),
    argvTruncated: !record.complete,
    endpoint: endpointOf(record, user),
  };
  return event;
}

function networkConnect(
  record: SysmonRecord,
  context: SysmonLineContext,
): EndpointSocketConnectEvent {
  const user = value(record, 'User');
  const initiatedText = value(record, 'Initiated')?.toLowerCase();
  const initiated = initiatedText === 'true' ? true : initiatedText === 'false' ? false : undefined;
  // Sysmon's Source is the client side: the local end when this process initiated.
  const remoteSide = initiated === false ? 'Source' : 'Destination';
  const localSide = initiated === false ? 'Destination' : 'Source';
  const remoteText = value(record, `${remoteSide}Ip`);
  const address = remoteText === undefined ? undefined : canonicalIp(remoteText);
  const localText = value(record, `${localSide}Ip`);
  const ipv6 =
    value(record, `${remoteSide}IsIpv6`)?.toLowerCase() === 'true' ||
    (address?.includes(':') ?? false);
  const family: SocketFamily =
    address === undefined && remoteText === undefined ? 'other' : ipv6 ? 'inet6' : 'inet';
  const event: EndpointSocketConnectEvent = {
    kind: 'socket.connect',
    ...common(record, context, id(value(record, 'ProcessId'))),
    ...subject(record, user, value(record, 'Image'), initiated === false ? 'accept' : 'connect'),
    family,
    path: undefined,
    address,
    port: id(value(record, `${remoteSide}Port`)),
    endpoint: endpointOf(record, user),
    localAddress: localText === undefined ? undefined : canonicalIp(localText),
    localPort: id(value(record, `${localSide}Port`)),
    protocol: value(record, 'Protocol'),
    initiated,
  };
  return event;
}

function fileEvent(
  record: SysmonRecord,
  context: SysmonLineContext,
  op: FileOperation,
  path: string | undefined,
  syscall: string,
): EndpointFileAccessEvent {
  const user = value(record, 'User');
  const exe = value(record, 'Image');
  const event: EndpointFileAccessEvent = {
    kind: 'file.access',
    ...common(record, context, id(value(record, 'ProcessId'))),
    ...subject(record, user, exe, syscall),
    op,
    path,
    endpoint: endpointOf(record, user),
  };
  return event;
}

function processAccess(record: SysmonRecord, context: SysmonLineContext): EndpointPtraceEvent {
  const user = value(record, 'SourceUser');
  const targetUser = value(record, 'TargetUser');
  const event: EndpointPtraceEvent = {
    kind: 'process.ptrace',
    ...common(record, context, id(value(record, 'SourceProcessId'))),
    ...subject(record, user, value(record, 'SourceImage'), 'ptrace'),
    request: undefined,
    requestName: undefined,
    targetPid: id(value(record, 'TargetProcessId')),
    targetUid: uidOf(targetUser),
    targetAuid: undefined,
    targetSes: undefined,
    targetComm: undefined,
    endpoint: endpointOf(record, user),
    targetExe: value(record, 'TargetImage'),
    targetUser,
    targetProcessGuid: value(record, 'TargetProcessGUID') ?? value(record, 'TargetProcessGuid'),
    grantedAccess: value(record, 'GrantedAccess'),
  };
  return event;
}

function processTerminate(record: SysmonRecord, context: SysmonLineContext): ProcessExitEvent {
  const base = common(record, context, id(value(record, 'ProcessId')));
  return {
    kind: 'process.exit',
    time: base.time,
    timeBasis: base.timeBasis,
    host: base.host,
    program: base.program,
    pid: base.pid,
    repeat: 1,
    source: base.source,
    exe: value(record, 'Image'),
    endpoint: endpointOf(record, value(record, 'User')),
  };
}

/**
 * Maps one Sysmon record to its outcome: events 1 (process create), 3 (network connect),
 * 5 (process terminate), 9 (raw access read), 10 (process access), 11 (file create),
 * 23 and 26 (file delete) become events; other event ids are `ignored`
 * (`unmapped_sysmon_event`); a record without an event id is `unrecognized`.
 *
 * @internal
 */
export function buildSysmonOutcome(record: SysmonRecord, context: SysmonLineContext): LineOutcome {
  switch (record.eventId) {
    case 1:
      return { kind: 'event', event: processCreate(record, context) };
    case 3:
      return { kind: 'event', event: networkConnect(record, context) };
    case 5:
      return { kind: 'event', event: processTerminate(record, context) };
    case 9:
      return {
        kind: 'event',
        event: fileEvent(record, context, 'read', value(record, 'Device'), 'read'),
      };
    case 10:
      return { kind: 'event', event: processAccess(record, context) };
    case 11:
      return {
        kind: 'event',
        event: fileEvent(record, context, 'create', value(record, 'TargetFilename'), 'open'),
      };
    case 23:
    case 26:
      return {
        kind: 'event',
        event: fileEvent(record, context, 'unlink', value(record, 'TargetFilename'), 'unlink'),
      };
    case undefined:
      return {
        kind: 'unrecognized',
        reason: 'no_sysmon_event_id',
        program: 'sysmon',
        source: context.source,
      };
    default:
      return {
        kind: 'ignored',
        reason: 'unmapped_sysmon_event',
        program: 'sysmon',
        source: context.source,
      };
  }
}
