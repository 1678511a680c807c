import type { SshtrailConfig } from '../config/config.js';
import type { Detector } from './detector.js';
import { agentSocketHijack } from './hijack/agent-socket-hijack.js';
import { controlMasterHijack } from './hijack/control-master-hijack.js';
import { keyMisuse } from './hijack/key-misuse.js';
import { keyTampering } from './hijack/key-tampering.js';
import { lateralMovementChain } from './hijack/lateral-movement-chain.js';
import { missingLogs } from './hijack/missing-logs.js';
import { unexpectedSshClient } from './hijack/unexpected-ssh-client.js';
import { agentForwarding } from './ssh/agent-forwarding.js';
import { bruteForceSuccess } from './ssh/brute-force-success.js';
import { concurrentSessions } from './ssh/concurrent-sessions.js';
import { multiplexedChannel } from './ssh/multiplexed-channel.js';
import { privilegeEscalation } from './ssh/privilege-escalation.js';
import { sessionDurationAnomaly } from './ssh/session-duration-anomaly.js';
import { unusualSource } from './ssh/unusual-source.js';
import { unusualTime } from './ssh/unusual-time.js';

type Factory = (options: Readonly<Record<string, unknown>>) => Detector;

const FACTORIES: Readonly<Record<string, Factory>> = {
  'ssh.brute_force_success': (o) => bruteForceSuccess(o) as Detector,
  'ssh.concurrent_sessions': (o) => concurrentSessions(o) as Detector,
  'ssh.unusual_source': (o) => unusualSource(o) as Detector,
  'ssh.unusual_time': (o) => unusualTime(o as Readonly<Record<string, never>>) as Detector,
  'ssh.session_duration_anomaly': (o) => sessionDurationAnomaly(o) as Detector,
  'ssh.privilege_escalation': (o) => privilegeEscalation(o) as Detector,
  'ssh.agent_forwarding': (o) => agentForwarding(o) as Detector,
  'ssh.multiplexed_channel': (o) => multiplexedChannel(o) as Detector,
};

/**
 * Ids of the built-in detectors that need only auth-log data, in catalog order.
 *
 * @example
 * ```ts
 * AUTH_DETECTOR_IDS.includes('ssh.unusual_time'); // true
 * ```
 */
export const AUTH_DETECTOR_IDS: readonly string[] = Object.keys(FACTORIES);

/**
 * The built-in auth-log detectors, configured by the `detectors` section of a configuration:
 * `enabled: false` leaves a detector out, `options` go to its factory.
 *
 * @param config - The configuration (omit for every detector with default options).
 * @returns The detectors, in catalog order.
 * @throws TypeError / RangeError naming `detectors.<id>.options` when options are invalid.
 * @example
 * ```ts
 * const set = createDetectorSet(createDetectors(config));
 * ```
 */
export function createDetectors(config?: SshtrailConfig): Detector[] {
  return build(FACTORIES, config);
}

const HIJACK_FACTORIES: Readonly<Record<string, Factory>> = {
  'ssh.agent_socket_hijack': (o) => agentSocketHijack(o) as Detector,
  'ssh.control_master_hijack': (o) => controlMasterHijack(o) as Detector,
  'ssh.key_misuse': (o) => keyMisuse(o) as Detector,
  'ssh.unexpected_ssh_client': (o) => unexpectedSshClient(o) as Detector,
  'ssh.key_tampering': (o) => keyTampering(o) as Detector,
  'ssh.lateral_movement_chain': (o) => lateralMovementChain(o) as Detector,
  'ssh.missing_logs': (o) => missingLogs(o) as Detector,
};

/**
 * Ids of the built-in hijack and lateral-movement detectors (host, cross-host and network
 * telemetry), in catalog order.
 *
 * @example
 * ```ts
 * HIJACK_DETECTOR_IDS.includes('ssh.agent_socket_hijack'); // true
 * ```
 */
export const HIJACK_DETECTOR_IDS: readonly string[] = Object.keys(HIJACK_FACTORIES);

/**
 * The built-in hijack and lateral-movement detectors, configured like {@link createDetectors}
 * by the `detectors` section of a configuration.
 *
 * @param config - The configuration (omit for every detector with default options).
 * @returns The detectors, in catalog order.
 * @throws TypeError / RangeError naming `detectors.<id>.options` when options are invalid.
 * @example
 * ```ts
 * const set = createDetectorSet([...createDetectors(config), ...createHijackDetectors(config)]);
 * ```
 */
export function createHijackDetectors(config?: SshtrailConfig): Detector[] {
  return build(HIJACK_FACTORIES, config);
}

/**
 * The whole built-in catalog as configured: the auth-log detectors and the hijack and
 * lateral-movement detectors. This is what the analyzer and `sshtrail scan` run by default.
 *
 * @param config - The configuration (omit for every detector with default options).
 * @returns The detectors, auth-log detectors first.
 * @throws TypeError / RangeError naming `detectors.<id>.options` when options are invalid.
 * @example
 * ```ts
 * const detectors = defaultDetectors(config).filter((d) => d.id !== 'ssh.unusual_time');
 * const analyzer = createAnalyzer({ config, detectors });
 * ```
 */
export function defaultDetectors(config?: SshtrailConfig): Detector[] {
  return [...createDetectors(config), ...createHijackDetectors(config)];
}

// Configured factories: `enabled: false` leaves one out; option errors name their config path.
function build(factories: Readonly<Record<string, Factory>>, config?: SshtrailConfig): Detector[] {
  const out: Detector[] = [];
  for (const [id, factory] of Object.entries(factories)) {
    const settings = config?.detectors[id];
    if (settings?.enabled === false) continue;
    try {
      out.push(factory(settings?.options ?? {}));
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const Kind = error instanceof RangeError ? RangeError : TypeError;
      throw new Kind(`detectors.${id}.options: ${message}`);
    }
  }
  return out;
}
