import { describe, expect, it } from 'vitest';
import type { Case } from '../../src/findings/case.js';
import { type CreateTriageOptions, createTriage, type Triage } from '../../src/triage/index.js';
import { SCENARIOS } from '../fixtures/triage/scenarios.js';

type Input =
  | { readonly kind: 'session'; readonly value: (typeof SCENARIOS)[number]['sessions'][number] }
  | { readonly kind: 'hop'; readonly value: (typeof SCENARIOS)[number]['hops'][number] }
  | { readonly kind: 'finding'; readonly value: (typeof SCENARIOS)[number]['findings'][number] };

// Every scenario's sessions, hops and findings in one stream, findings in time order.
const inputs: Input[] = [
  ...SCENARIOS.flatMap((s) => s.sessions.map((value) => ({ kind: 'session' as const, value }))),
  ...SCENARIOS.flatMap((s) => s.hops.map((value) => ({ kind: 'hop' as const, value }))),
  ...SCENARIOS.flatMap((s) => s.findings)
    .sort((a, b) => Date.parse(a.time) - Date.parse(b.time))
    .map((value) => ({ kind: 'finding' as const, value })),
];

function feed(triage: Triage, input: Input, out: Case[]): void {
  if (input.kind === 'session') triage.addSession(input.value);
  else if (input.kind === 'hop') triage.addHop(input.value);
  else out.push(...triage.addFinding(input.value));
}

function run(options: CreateTriageOptions, cut: number | undefined): string {
  const out: Case[] = [];
  let triage = createTriage(options);
  inputs.forEach((input, i) => {
    if (i === cut) triage = createTriage(options, JSON.parse(JSON.stringify(triage.snapshot())));
    feed(triage, input, out);
  });
  out.push(...triage.flush());
  return JSON.stringify(out);
}

describe('Triage.snapshot', () => {
  // Small caps so that cuts fall while cases merge, fill up and get evicted.
  const optionSets: CreateTriageOptions[] = [
    {},
    { emitQuiet: true, windowMs: 600_000 },
    { maxOpenCases: 2, maxFindingsPerCase: 2 },
  ];

  it.each(optionSets.map((o) => [JSON.stringify(o), o] as const))(
    'a triage restored at any point groups the rest as one run would (%s)',
    (_name, options) => {
      const whole = run(options, undefined);
      expect(JSON.parse(whole).length).toBeGreaterThan(0);
      for (let cut = 0; cut <= inputs.length; cut++) expect(run(options, cut)).toBe(whole);
    },
  );

  it('is plain JSON', () => {
    const triage = createTriage();
    for (const input of inputs) feed(triage, input, []);
    const snapshot = triage.snapshot();
    expect(JSON.parse(JSON.stringify(snapshot))).toEqual(snapshot);
    expect(snapshot.cases.length).toBeGreaterThan(0);
  });
});
