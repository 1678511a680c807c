import { describe, expect, it } from 'vitest';
import { agentForwarding } from '../../../src/detectors/index.js';
import { run, summary } from '../harness.js';

describe('agentForwarding', () => {
  it('inventories the session that forwarded its agent (DEBUG1 auth-agent-req) and not the other one', () => {
    const { findings, sessions } = run(['agent-forwarding.log'], {
      detectors: [agentForwarding()],
    });
    expect(sessions).toHaveLength(2);
    expect(summary(findings)).toEqual(['low alice@bastion from 198.51.100.7']);
    expect(findings[0]?.evidence.at(-1)?.text).toContain('auth-agent-req@openssh.com');
    expect(findings[0]?.explanation).toContain('root on bastion can use it');
  });

  it('reports each session once, however many updates it gets', () => {
    const { findings, inputs } = run(['agent-forwarding.log'], { detectors: [agentForwarding()] });
    const updates = inputs.filter(
      (i) => i.kind === 'session' && i.session.agentForwarding === true,
    );
    expect(updates.length).toBeGreaterThan(1);
    expect(findings).toHaveLength(1);
  });
});
