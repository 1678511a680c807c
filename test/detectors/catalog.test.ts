import { describe, expect, it } from 'vitest';
import { AUTH_DETECTOR_IDS, createDetectors } from '../../src/detectors/index.js';
import { learn, run } from './harness.js';
import { exampleConfig, exampleIntel } from './ssh/config.js';

const config = exampleConfig();
const intel = exampleIntel(config);

// Every fixture through the whole catalog, with the example configuration and intel:
// the planted incidents are found, the look-alikes stay quiet (or low where documented).
const TABLE: readonly [string, readonly string[]][] = [
  ['brute-force.log', ['ssh.brute_force_success critical', 'ssh.privilege_escalation high']],
  ['password-spray.log', ['ssh.brute_force_success high', 'ssh.unusual_time medium']],
  ['key-offering.log', []],
  ['concurrent-hijack.log', ['ssh.concurrent_sessions medium']],
  ['tmux-parallel-scp.log', []],
  ['jump-chain.log', []],
  ['automation.log', []],
  ['night-logins.log', ['ssh.unusual_time medium']],
  ['vpn-pool.log', ['ssh.unusual_source medium']],
  ['dst-change.log', []],
  ['long-session.log', ['ssh.session_duration_anomaly medium']],
  [
    'privilege-escalation.log',
    [
      'ssh.privilege_escalation low',
      'ssh.unusual_source medium',
      'ssh.unusual_time medium',
      'ssh.privilege_escalation high',
    ],
  ],
  ['agent-forwarding.log', ['ssh.agent_forwarding low']],
  ['multiplexed-channel.log', ['ssh.multiplexed_channel low']],
  ['intel.log', ['ssh.unusual_source high', 'ssh.unusual_source critical']],
  [
    'fan-out.log',
    ['ssh.unusual_time medium', 'ssh.unusual_time medium', 'ssh.unusual_source medium'],
  ],
  ['fan-out-bastion.log', []],
];

describe('createDetectors', () => {
  it('builds the eight auth-log detectors, honouring enabled: false and options', () => {
    expect(createDetectors().map((d) => d.id)).toEqual(AUTH_DETECTOR_IDS);
    expect(AUTH_DETECTOR_IDS).toHaveLength(8);
    const off = { ...config, detectors: { 'ssh.unusual_time': { enabled: false, options: {} } } };
    expect(createDetectors(off).map((d) => d.id)).not.toContain('ssh.unusual_time');
    const tuned = {
      ...config,
      detectors: {
        'ssh.brute_force_success': { enabled: undefined, options: { minFailures: 20 } },
      },
    };
    expect(createDetectors(tuned)[0]?.options.minFailures).toBe(20);
  });

  it('names the config path of invalid options', () => {
    const bad = {
      ...config,
      detectors: { 'ssh.brute_force_success': { enabled: true, options: { minFailures: -1 } } },
    };
    expect(() => createDetectors(bad)).toThrow(
      /detectors\.ssh\.brute_force_success\.options: option minFailures/,
    );
  });

  it.each(TABLE)('%s -> %j', (file, expected) => {
    const baselines =
      file === 'privilege-escalation.log' ? learn(['long-session.log'], config) : undefined;
    const { findings } = run([file], {
      detectors: createDetectors(config),
      config,
      intel,
      ...(baselines ? { baselines } : {}),
    });
    expect(findings.map((f) => `${f.detector} ${f.severity}`)).toEqual(expected);
    for (const f of findings) {
      expect(f.evidence.length).toBeGreaterThan(0);
      expect(f.explanation.length).toBeGreaterThan(40);
    }
  });
});
