import type { NetSshEvent } from '../../../src/events/index.js';
import type { SshSession } from '../../../src/model/index.js';

/** A closed publickey session with every field present; override what a test needs. */
export function sessionOf(overrides: Partial<SshSession> & { readonly id: string }): SshSession {
  const startTime = overrides.startTime ?? Date.UTC(2024, 5, 1, 12);
  const endTime = 'endTime' in overrides ? overrides.endTime : startTime + 60_000;
  return {
    host: 'web1',
    state: endTime === undefined ? 'open' : 'closed',
    user: 'alice',
    sourceIp: '10.0.1.5',
    sourceName: undefined,
    sourcePort: 50022,
    localIp: undefined,
    localPort: undefined,
    authMethod: 'publickey',
    key: undefined,
    keyLocation: undefined,
    failedAttempts: 0,
    failedAttemptsOnConnection: 0,
    pids: { monitor: 4242, child: undefined, listener: undefined },
    authTime: startTime,
    lastSeenTime: endTime ?? startTime,
    durationMs: endTime === undefined ? 0 : endTime - startTime,
    endReason: endTime === undefined ? undefined : 'received_disconnect',
    tty: undefined,
    channels: [],
    agentForwarding: undefined,
    x11Forwarding: undefined,
    portForwarding: undefined,
    privilegeChanges: [],
    logindSessionId: undefined,
    bytes: undefined,
    partial: { start: false, end: false },
    evidence: [{ source: 'auth.log', line: 1, text: 'Accepted publickey for alice' }],
    truncated: { evidence: 0, channels: 0, privilegeChanges: 0 },
    ...overrides,
    startTime,
    endTime,
  };
}

/** A Zeek ssh.log record as the parser builds it. */
export function netSshOf(overrides: Partial<NetSshEvent> & { readonly uid: string }): NetSshEvent {
  return {
    kind: 'net.ssh',
    time: Date.UTC(2024, 5, 1, 12),
    timeBasis: { year: 'line', zone: 'line' },
    host: 'zeek',
    program: 'zeek',
    pid: undefined,
    repeat: 1,
    source: { source: 'ssh.log', line: 9, text: 'row' },
    origIp: '10.0.1.5',
    origPort: 50022,
    respIp: '10.0.2.9',
    respPort: 22,
    version: 2,
    authSuccess: true,
    authAttempts: 1,
    direction: undefined,
    client: 'SSH-2.0-OpenSSH_9.6',
    server: 'SSH-2.0-OpenSSH_9.2p1',
    cipherAlg: undefined,
    macAlg: undefined,
    compressionAlg: undefined,
    kexAlg: undefined,
    hostKeyAlg: undefined,
    hostKeyFingerprint: undefined,
    hassh: undefined,
    hasshServer: undefined,
    ...overrides,
  };
}
