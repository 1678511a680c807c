import { describe, expect, it } from 'vitest';
import { buildCase } from '../../src/triage/build-case.js';
import { SCENARIOS } from '../fixtures/triage/scenarios.js';

const scenario = (i: number) => {
  const s = SCENARIOS[i];
  if (s === undefined) throw new Error('fixture');
  return s;
};

describe('buildCase', () => {
  // mallory's routine sudo on the bastion (low) came before the agent hijack (critical).
  const a = scenario(0);
  const [hijack, hop, sudo] = a.findings;
  if (hijack === undefined || hop === undefined || sudo === undefined) throw new Error('fixture');
  const routine = {
    ...sudo,
    id: 'f-a0',
    severity: 'low' as const,
    time: '2024-03-04T09:21:00.000Z',
  };

  it('names the case after its most severe finding when a routine one came first', () => {
    const c = buildCase([routine, hijack, hop], a.sessions);
    expect(c.id).toBe('case-f-a1');
    expect(c.severity).toBe('critical');
    // start and end still span every finding.
    expect([c.start, c.end]).toEqual(['2024-03-04T09:21:00.000Z', '2024-03-04T09:25:40.000Z']);
  });

  it('takes the earliest of equally severe findings, whatever the input order', () => {
    const later = { ...hijack, id: 'f-a9', time: '2024-03-04T09:30:00.000Z' };
    const ids = [
      buildCase([later, routine, hijack], a.sessions).id,
      buildCase([hijack, later, routine], a.sessions).id,
      buildCase([routine, later, hijack], a.sessions).id,
    ];
    expect(ids).toEqual(['case-f-a1', 'case-f-a1', 'case-f-a1']);
    const twin = { ...hijack, id: 'f-a0' };
    expect(buildCase([hijack, twin], a.sessions).id).toBe('case-f-a0');
  });

  it('keeps the first finding’s name when all are equally severe', () => {
    const f = scenario(5);
    expect(buildCase([...f.findings].reverse(), f.sessions).id).toBe('case-f-f1');
  });
});
