import type { EventBase } from '../../events/base.js';
import type { NetFlowEvent, NetSshEvent, ZeekConnId } from '../../events/network.js';
import { canonicalIp } from '../../ip.js';
import { boolField, hasField, numberField, textField, type ZeekRow } from './row.js';

/** @internal Why a record of a known path did not become an event. */
export type ZeekRecordMiss = 'zeek_missing_fields' | 'zeek_bad_address';

/** @internal Which event a log path maps to, `undefined` for paths sshtrail does not read. */
export function eventPath(path: string | undefined, row: ZeekRow): 'ssh' | 'conn' | undefined {
  if (path !== undefined) return path === 'ssh' || path === 'conn' ? path : undefined;
  // No `#path` / `_path`: tell ssh.log from conn.log by their own fields.
  if (hasField(row, 'auth_attempts') || hasField(row, 'kex_alg') || hasField(row, 'host_key_alg')) {
    return 'ssh';
  }
  if (hasField(row, 'conn_state') || hasField(row, 'history') || hasField(row, 'orig_pkts')) {
    return 'conn';
  }
  return undefined;
}

/** @internal Reads the 4-tuple; a miss reason when absent or not addresses/ports. */
export function connIdOf(row: ZeekRow): ZeekConnId | ZeekRecordMiss {
  const orig = textField(row, 'id.orig_h');
  const resp = textField(row, 'id.resp_h');
  const origPort = numberField(row, 'id.orig_p');
  const respPort = numberField(row, 'id.resp_p');
  if (
    orig === undefined ||
    resp === undefined ||
    origPort === undefined ||
    respPort === undefined
  ) {
    return 'zeek_missing_fields';
  }
  const origIp = canonicalIp(orig);
  const respIp = canonicalIp(resp);
  if (origIp === undefined || respIp === undefined || !isPort(origPort) || !isPort(respPort)) {
    return 'zeek_bad_address';
  }
  return { origIp, origPort, respIp, respPort };
}

function isPort(n: number): boolean {
  return Number.isInteger(n) && n >= 0 && n <= 65535;
}

/** @internal Builds a `net.ssh` event. */
export function buildSshEvent(row: ZeekRow, base: EventBase, id: ZeekConnId): NetSshEvent {
  const direction = textField(row, 'direction');
  return {
    kind: 'net.ssh',
    time: base.time,
    timeBasis: base.timeBasis,
    host: base.host,
    program: base.program,
    pid: base.pid,
    repeat: base.repeat,
    source: base.source,
    uid: textField(row, 'uid'),
    origIp: id.origIp,
    origPort: id.origPort,
    respIp: id.respIp,
    respPort: id.respPort,
    version: numberField(row, 'version'),
    authSuccess: boolField(row, 'auth_success'),
    authAttempts: numberField(row, 'auth_attempts'),
    direction: direction === 'INBOUND' || direction === 'OUTBOUND' ? direction : undefined,
    client: textField(row, 'client'),
    server: textField(row, 'server'),
    cipherAlg: textField(row, 'cipher_alg'),
    macAlg: textField(row, 'mac_alg'),
    compressionAlg: textField(row, 'compression_alg'),
    kexAlg: textField(row, 'kex_alg'),
    hostKeyAlg: textField(row, 'host_key_alg'),
    hostKeyFingerprint: textField(row, 'host_key_fingerprint') ?? textField(row, 'host_key'),
    hassh: textField(row, 'hassh'),
    hasshServer: textField(row, 'hasshServer'),
  };
}

/** @internal Builds a `net.flow` event. */
export function buildFlowEvent(row: ZeekRow, base: EventBase, id: ZeekConnId): NetFlowEvent {
  const duration = numberField(row, 'duration');
  return {
    kind: 'net.flow',
    time: base.time,
    timeBasis: base.timeBasis,
    host: base.host,
    program: base.program,
    pid: base.pid,
    repeat: base.repeat,
    source: base.source,
    uid: textField(row, 'uid'),
    origIp: id.origIp,
    origPort: id.origPort,
    respIp: id.respIp,
    respPort: id.respPort,
    proto: textField(row, 'proto'),
    service: textField(row, 'service'),
    durationMs: duration === undefined ? undefined : Math.round(duration * 1e6) / 1000,
    origBytes: numberField(row, 'orig_bytes'),
    respBytes: numberField(row, 'resp_bytes'),
    origPkts: numberField(row, 'orig_pkts'),
    respPkts: numberField(row, 'resp_pkts'),
    origIpBytes: numberField(row, 'orig_ip_bytes'),
    respIpBytes: numberField(row, 'resp_ip_bytes'),
    missedBytes: numberField(row, 'missed_bytes'),
    connState: textField(row, 'conn_state'),
    history: textField(row, 'history'),
    localOrig: boolField(row, 'local_orig'),
    localResp: boolField(row, 'local_resp'),
    ipProto: numberField(row, 'ip_proto'),
    communityId: textField(row, 'community_id'),
  };
}
