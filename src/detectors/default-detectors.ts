import type { SshtrailConfig } from '../config/config.js';
import { createDetectors, createHijackDetectors } from './catalog.js';
import type { Detector } from './detector.js';

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
