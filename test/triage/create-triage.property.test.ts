import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Case } from '../../src/findings/case.js';
import { createTriage } from '../../src/triage/create-triage.js';
import { at, finding, SCENARIOS } from '../fixtures/triage/scenarios.js';

const findings = SCENARIOS.flatMap((s) => s.findings);

function run(order: readonly (typeof findings)[number][]): Case[] {
  const triage = createTriage();
  for (const s of SCENARIOS) {
    for (const x of s.sessions) triage.addSession(x);
    for (const h of s.hops) triage.addHop(h);
  }
  for (const f of order) triage.addFinding(f);
  return [...triage.flush()];
}

const shape = (cases: readonly Case[]) =>
  cases.map((c) => `${c.findings.join(',')}|${c.escalate}|${c.containment.length}`).sort();

describe('createTriage properties', () => {
  const reference = shape(run(findings));

  it('groups and decides the same whatever order the findings arrive in', () => {
    fc.assert(
      fc.property(fc.shuffledSubarray(findings, { minLength: findings.length }), (order) => {
        expect(shape(run(order))).toEqual(reference);
      }),
    );
  });

  it('never holds more open cases than maxOpenCases and loses no finding', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            user: fc.integer({ min: 0, max: 30 }),
            minute: fc.integer({ min: 0, max: 600 }),
          }),
          {
            maxLength: 200,
          },
        ),
        fc.integer({ min: 1, max: 8 }),
        (items, maxOpenCases) => {
          const triage = createTriage({ maxOpenCases, windowMs: 60 * 60_000 });
          const emitted: Case[] = [];
          items.forEach((item, i) => {
            emitted.push(
              ...triage.addFinding(
                finding({
                  id: `f-${i}`,
                  detector: 'ssh.unusual_time',
                  title: 'Odd hour',
                  severity: 'low',
                  techniques: ['T1078'],
                  time: at(0, item.minute),
                  host: 'h1',
                  user: `u${item.user}`,
                  evidence: [],
                  explanation: `u${item.user} at an odd hour.`,
                }),
              ),
            );
            expect(triage.size().openCases).toBeLessThanOrEqual(maxOpenCases);
          });
          emitted.push(...triage.flush());
          const ids = emitted.flatMap((c) => c.findings).sort();
          expect(ids).toEqual(items.map((_, i) => `f-${i}`).sort());
        },
      ),
    );
  });

  it('handles a flood of distinct actors in bounded time', () => {
    const triage = createTriage({ maxOpenCases: 1000 });
    const started = performance.now();
    let emitted = 0;
    for (let i = 0; i < 50_000; i++) {
      emitted += triage.addFinding({
        type: 'finding',
        id: `f-${i}`,
        detector: 'ssh.unusual_source',
        title: 'New network',
        severity: 'medium',
        confidence: 0.5,
        techniques: ['T1078'],
        time: new Date(at(0, 0) + i * 1000).toISOString(),
        host: 'edge',
        user: `user${i}`,
        sourceIp: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
        sessionIds: [],
        evidence: [],
        explanation: 'x',
      }).length;
    }
    expect(emitted).toBe(49_000);
    expect(triage.size().openCases).toBe(1000);
    expect(performance.now() - started).toBeLessThan(15_000);
  });
});
