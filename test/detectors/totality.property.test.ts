import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createDetectors } from '../../src/detectors/index.js';
import { authLine, render } from '../arbitraries/auth-line.js';
import { learn, run } from './harness.js';
import { exampleConfig, exampleIntel } from './ssh/config.js';

const config = exampleConfig();
const intel = exampleIntel(config);
const baselines = learn(['long-session.log', 'automation.log', 'vpn-pool.log'], config);

// Real fixture lines plus hostile generated ones (spoofed `from IP port N` user names, IPv6,
// any year): whatever the mix and order, the detectors give findings and never throw.
const pool = [
  ...[
    'brute-force.log',
    'privilege-escalation.log',
    'multiplexed-channel.log',
    'agent-forwarding.log',
  ].flatMap((f) => run([f], { detectors: [] }).events.map((e) => e.source.text)),
];

describe('auth detectors', () => {
  it('never throw, whatever lines come in and in whatever order', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.constantFrom(...pool),
            authLine().map((g) => render(g, 'iso')),
            fc.string(),
          ),
          {
            maxLength: 60,
          },
        ),
        (lines) => {
          const { findings } = run([{ source: 'fuzz.log', lines }], {
            detectors: createDetectors(config),
            config,
            intel,
            baselines,
          });
          for (const f of findings) {
            expect(f.type).toBe('finding');
            expect(Number.isNaN(Date.parse(f.time))).toBe(false);
            expect(f.evidence.length).toBeGreaterThan(0);
            expect(f.evidence.length).toBeLessThanOrEqual(50);
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
