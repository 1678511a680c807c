import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createAnalyzer, restoreAnalyzer } from '../../src/analyzer/create-analyzer.js';
import type { SshtrailEvent } from '../../src/index.js';
import { mergeByTime, planInputs, readPlan } from '../../src/node/index.js';

const SAMPLE = path.resolve(import.meta.dirname, '../../examples/data/hijack');
const OPTIONS = { year: 2026, timezone: 'UTC' } as const;

describe('analyzer snapshot and the cases of the two-host hijack sample', () => {
  const events: SshtrailEvent[] = [];
  beforeAll(async () => {
    const { plans } = await planInputs([SAMPLE], { hostFromDir: true });
    const readers = plans.map((plan) => readPlan(plan, { year: 2026 }));
    for await (const e of mergeByTime(
      readers.map((r) => r.batches),
      (x: SshtrailEvent) => x.time,
    )) {
      events.push(e);
    }
  });

  function outputs(cut: number | undefined): string[] {
    const out: string[] = [];
    const listen = (a: ReturnType<typeof createAnalyzer>) => {
      a.on('finding', (f) => out.push(`finding ${f.id}`));
      a.on('case', (c) => out.push(`case ${c.id} ${c.findings.join(',')} ${c.escalate}`));
    };
    let analyzer = createAnalyzer(OPTIONS);
    listen(analyzer);
    events.forEach((e, i) => {
      if (i === cut) {
        analyzer = restoreAnalyzer(JSON.parse(JSON.stringify(analyzer.snapshot())), OPTIONS);
        listen(analyzer);
      }
      analyzer.pushEvent(e);
    });
    analyzer.flush();
    return out;
  }

  it('gives the one escalated case of one run, wherever the checkpoint falls', () => {
    const whole = outputs(undefined);
    const cases = whole.filter((l) => l.startsWith('case '));
    expect(cases).toHaveLength(1);
    expect(cases[0]).toMatch(/ true$/);
    for (let cut = 0; cut <= events.length; cut++) expect(outputs(cut)).toEqual(whole);
  });
});
