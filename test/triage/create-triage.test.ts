import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/findings/finding.js';
import { createTriage } from '../../src/triage/create-triage.js';
import { at, finding, SCENARIOS, session } from '../fixtures/triage/scenarios.js';

function loaded(options: Parameters<typeof createTriage>[0] = {}, withHops = true) {
  const triage = createTriage(options);
  for (const s of SCENARIOS) {
    for (const x of s.sessions) triage.addSession(x);
    if (withHops) for (const h of s.hops) triage.addHop(h);
  }
  return triage;
}

const all = (): Finding[] => SCENARIOS.flatMap((s) => s.findings);

describe('createTriage', () => {
  it('groups the multi-host fixtures into one case per incident', () => {
    const triage = loaded();
    for (const f of all()) expect(triage.addFinding(f)).toEqual([]);
    const cases = triage.flush();
    expect(cases.map((c) => c.findings)).toEqual([
      ['f-f1', 'f-f2'],
      ['f-b1', 'f-b2'],
      ['f-a1', 'f-a2', 'f-a3'],
      ['f-c1'],
      ['f-d1'],
      ['f-e1'],
      ['f-h1'],
      ['f-i1'],
      ['f-g1'],
    ]);
    expect(triage.size().openCases).toBe(0);
  });

  it('escalates exactly the scenarios the playbook prescribes', () => {
    const triage = loaded();
    for (const f of all()) triage.addFinding(f);
    const decided = Object.fromEntries(triage.flush().map((c) => [c.findings[0], c.escalate]));
    for (const s of SCENARIOS) expect(decided[s.findings[0]?.id ?? '']).toBe(s.expectEscalate);
  });

  it('joins a finding on a downstream session to the case of its upstream session via a hop', () => {
    const hijack = SCENARIOS[0];
    if (hijack === undefined) throw new Error('fixture');
    const [onBastion, onWeb1] = hijack.findings;
    if (onBastion === undefined || onWeb1 === undefined) throw new Error('fixture');
    // Only session chains group here: user and source differ between the two findings.
    const linked = loaded({ groupBy: ['session'] });
    linked.addFinding(onBastion);
    linked.addFinding(onWeb1);
    const [c] = linked.flush();
    expect(c?.findings).toEqual(['f-a1', 'f-a2']);
    expect(c?.sessions).toContain(hijack.hops[0]?.from);
    const unlinked = loaded({ groupBy: ['session'] }, false);
    unlinked.addFinding(onBastion);
    unlinked.addFinding(onWeb1);
    expect(unlinked.flush()).toHaveLength(2);
  });

  it('starts a new case when the same actor comes back after the window', () => {
    const s = session({
      host: 'app9',
      pid: 100,
      user: 'zoe',
      ip: '10.1.1.1',
      port: 5000,
      start: at(1, 0),
    });
    const early = finding({
      id: 'f-z1',
      detector: 'ssh.unusual_time',
      title: 'Login at an unusual hour',
      severity: 'medium',
      techniques: ['T1078'],
      time: at(1, 0),
      host: 'app9',
      user: 'zoe',
      ip: '10.1.1.1',
      sessions: [s],
      evidence: s.evidence.slice(0, 1),
      explanation: 'zoe logged in at 01:00, outside 08-18.',
    });
    const late = { ...early, id: 'f-z2', time: new Date(at(9, 0)).toISOString(), sessionIds: [] };
    const triage = createTriage({ windowMs: 3_600_000 });
    triage.addFinding(early);
    triage.addFinding(late);
    expect(triage.flush().map((c) => c.findings)).toEqual([['f-z1'], ['f-z2']]);
    const wide = createTriage({ windowMs: 9 * 3_600_000 });
    wide.addFinding(early);
    wide.addFinding(late);
    expect(wide.flush().map((c) => c.findings)).toEqual([['f-z1', 'f-z2']]);
  });

  it('merges two open cases when a finding links their actors', () => {
    const triage = createTriage();
    const [b1, b2] = SCENARIOS[1]?.findings ?? [];
    if (b1 === undefined || b2 === undefined) throw new Error('fixture');
    const other = { ...b1, id: 'f-x', user: 'root', sourceIp: '192.0.2.9', sessionIds: [] };
    triage.addFinding(other);
    triage.addFinding({ ...b2, sourceIp: undefined });
    // b1 shares the source with `other` and the user with b2: one case.
    triage.addFinding(b1);
    const cases = triage.flush();
    expect(cases).toHaveLength(1);
    expect(cases[0]?.findings).toEqual(['f-b1', 'f-b2', 'f-x']);
  });

  it('emits quiet cases from poll and, with emitQuiet, from addFinding', () => {
    const [f1] = SCENARIOS[5]?.findings ?? [];
    const [g1] = SCENARIOS[6]?.findings ?? [];
    if (f1 === undefined || g1 === undefined) throw new Error('fixture');
    const polled = createTriage({ windowMs: 3_600_000 });
    polled.addFinding(f1);
    expect(polled.poll(at(3, 30))).toEqual([]);
    expect(polled.poll(at(5, 0)).map((c) => c.findings)).toEqual([['f-f1']]);
    const streaming = createTriage({ windowMs: 3_600_000, emitQuiet: true });
    expect(streaming.addFinding(f1)).toEqual([]);
    expect(streaming.addFinding(g1).map((c) => c.id)).toEqual(['case-f-f1']);
    expect(streaming.size().openCases).toBe(1);
  });

  it('keeps its state bounded', () => {
    const triage = createTriage({ maxOpenCases: 3, maxSessions: 2, maxFindingsPerCase: 2 });
    const emitted = [];
    for (let i = 0; i < 10; i++) {
      emitted.push(
        ...triage.addFinding(
          finding({
            id: `f-${i}`,
            detector: 'ssh.unusual_source',
            title: 'New network',
            severity: 'medium',
            techniques: ['T1078'],
            time: at(12, i),
            host: 'h',
            user: `u${i}`,
            ip: `192.0.2.${i + 1}`,
            evidence: [],
            explanation: `u${i} from a new network.`,
          }),
        ),
      );
      triage.addSession(
        session({
          host: 'h',
          pid: 10 + i,
          user: `u${i}`,
          ip: '10.0.0.1',
          port: 1,
          start: at(12, i),
        }),
      );
    }
    expect(triage.size()).toEqual({ openCases: 3, sessions: 2, hops: 0, droppedFindings: 0 });
    expect(emitted.map((c) => c.findings[0])).toEqual([
      'f-0',
      'f-1',
      'f-2',
      'f-3',
      'f-4',
      'f-5',
      'f-6',
    ]);
    const same = loaded({ maxFindingsPerCase: 2 });
    for (const f of SCENARIOS[0]?.findings ?? []) same.addFinding(f);
    expect(same.flush()[0]?.findings).toHaveLength(2);
    expect(same.size().droppedFindings).toBe(1);
  });

  it('gives the same cases whatever the order of the findings', () => {
    const forward = loaded();
    for (const f of all()) forward.addFinding(f);
    const backward = loaded();
    for (const f of all().reverse()) backward.addFinding(f);
    const key = (cs: readonly { findings: readonly string[]; escalate: boolean }[]) =>
      cs.map((c) => `${c.findings.join(',')}:${c.escalate}`).sort();
    expect(key(backward.flush())).toEqual(key(forward.flush()));
  });

  it('rejects invalid options', () => {
    expect(() => createTriage({ maxOpenCases: 0 })).toThrow(RangeError);
    expect(() => createTriage({ windowMs: Number.NaN })).toThrow(RangeError);
  });
});
