import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type AuditAssembler,
  type AuditAssemblerOptions,
  type AuditAssemblerSnapshot,
  type AuditResult,
  type AuditStats,
  createAuditAssembler,
  restoreAuditAssembler,
} from '../../../src/parsers/auditd/index.js';
import { reconciles } from './helpers.js';

/** The lab's node-tagged audit log (a real auditd 3.x run, ENRICHED format). */
const LAB = readFileSync(new URL('../../fixtures/lab/audit.log', import.meta.url), 'utf8')
  .split('\n')
  .filter((l, i, all) => i < all.length - 1 || l !== '');

interface Run {
  readonly results: readonly AuditResult[];
  readonly stats: AuditStats;
}

/** One assembler over every line, one push per line. */
function straight(lines: readonly string[], options: AuditAssemblerOptions): Run {
  const a = createAuditAssembler(options);
  const results: AuditResult[] = [];
  for (const [i, l] of lines.entries())
    results.push(...a.push(l, { source: 'audit.log', line: i + 1 }));
  results.push(...a.flush());
  return { results, stats: a.stats() };
}

/** The same, but checkpointed (JSON round trip) and restored before each line in `cuts`. */
function split(
  lines: readonly string[],
  cuts: readonly number[],
  options: AuditAssemblerOptions,
): Run {
  let a: AuditAssembler = createAuditAssembler(options);
  const at = new Set(cuts);
  const results: AuditResult[] = [];
  for (const [i, l] of lines.entries()) {
    if (at.has(i)) {
      const saved = JSON.parse(JSON.stringify(a.snapshot())) as AuditAssemblerSnapshot;
      a = restoreAuditAssembler(saved, options);
    }
    results.push(...a.push(l, { source: 'audit.log', line: i + 1 }));
  }
  if (at.has(lines.length)) {
    a = restoreAuditAssembler(JSON.parse(JSON.stringify(a.snapshot())), options);
  }
  results.push(...a.flush());
  return { results, stats: a.stats() };
}

/** A connect() event of five records for serial `s`. */
function connectEvent(s: number, pid: number): string[] {
  const id = `msg=audit(1718035200.${String(s % 1000).padStart(3, '0')}:${s})`;
  return [
    `type=SYSCALL ${id}: arch=c000003e syscall=42 success=yes exit=0 a0=3 a1=7ffd6c1e2a10 a2=6e a3=0 items=1 ppid=1 pid=${pid} auid=1001 uid=0 gid=0 euid=0 suid=0 fsuid=0 egid=0 sgid=0 fsgid=0 tty=pts1 ses=7 comm="ssh" exe="/usr/bin/ssh" key="agent"`,
    `type=SOCKADDR ${id}: saddr=01002F746D702F737368`,
    `type=CWD ${id}: cwd="/root"`,
    `type=PROCTITLE ${id}: proctitle=737368`,
    `type=EOE ${id}:`,
  ];
}

/** Several connect events merged in the order `picks` gives, some EOEs dropped, a PAM record between. */
function interleaved(
  serials: readonly number[],
  picks: readonly number[],
  dropEoe: boolean,
): string[] {
  const queues = serials.map((s, k) => {
    const q = connectEvent(s, 100 + k);
    return dropEoe && k % 2 === 1 ? q.slice(0, -1) : q;
  });
  const out: string[] = [
    'type=USER_LOGIN msg=audit(1718035200.000:1): pid=900 uid=0 auid=1001 ses=7 msg=\'op=login id=1001 exe="/usr/sbin/sshd" hostname=? addr=203.0.113.9 terminal=/dev/pts/1 res=success\'',
  ];
  for (const p of picks) {
    const q = queues[p]?.length ? queues[p] : queues.find((x) => x.length > 0);
    const line = q?.shift();
    if (line !== undefined) out.push(line);
  }
  for (const q of queues) out.push(...q);
  // A late record of an event already closed, and an EOE for it.
  const first = serials[0];
  if (first !== undefined) out.push(...connectEvent(first, 100).slice(3));
  out.push('type=EOE msg=audit(1718035299.000:99999999):', 'garbage line', '');
  return out;
}

describe('AuditAssembler.snapshot / restoreAuditAssembler', () => {
  it('reproduces the lab run when cut at line 601 (records open across the cut are kept)', () => {
    const one = straight(LAB, {});
    const two = split(LAB, [600], {});
    expect(one.stats.events).toBe(304);
    expect(two.results).toEqual(one.results);
    expect(two.stats).toEqual(one.stats);
  });

  it('gives the same results and stats when the lab log is cut at any line (several cuts)', () => {
    const one = straight(LAB, {});
    const expected = JSON.stringify(one.results);
    fc.assert(
      fc.property(fc.array(fc.nat({ max: LAB.length }), { minLength: 1, maxLength: 3 }), (cuts) => {
        const two = split(LAB, cuts, {});
        // Compared as JSON (cheap); fast-check reports the failing cuts.
        expect(JSON.stringify(two.results)).toBe(expected);
        expect(two.stats).toEqual(one.stats);
      }),
      { numRuns: 60 },
    );
  });

  it('snapshots at every lab line restore to the same state', () => {
    const a = createAuditAssembler();
    for (const [i, l] of LAB.entries()) {
      a.push(l, { source: 'audit.log', line: i + 1 });
      const snap = a.snapshot();
      const again = restoreAuditAssembler(JSON.parse(JSON.stringify(snap))).snapshot();
      if (JSON.stringify(again) !== JSON.stringify(snap))
        expect({ line: i + 1, again }).toEqual({ line: i + 1, again: snap });
    }
    expect(a.snapshot().open.length).toBeGreaterThan(0);
  });

  it('gives the same results for any cuts with tight limits (time-outs, evictions, late records)', () => {
    const limits: AuditAssemblerOptions = { timeoutRecords: 4, maxPending: 2, timeoutMs: 50 };
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 2, max: 99_999 }), { minLength: 1, maxLength: 5 }),
        fc.array(fc.nat({ max: 4 }), { maxLength: 30 }),
        fc.boolean(),
        fc.array(fc.nat({ max: 40 }), { maxLength: 4 }),
        (serials, picks, dropEoe, cuts) => {
          const lines = interleaved(serials, picks, dropEoe);
          const one = straight(lines, limits);
          const two = split(lines, cuts, limits);
          expect(two.results).toEqual(one.results);
          expect(two.stats).toEqual(one.stats);
          expect(reconciles(two.stats)).toBe(true);
        },
      ),
    );
  });

  it('keeps open events with their provenance, and a restored assembler snapshots the same', () => {
    const a = createAuditAssembler({ host: 'bastion' });
    const lines = connectEvent(7, 4242).slice(0, 3);
    a.push(lines.join('\n'), { source: 'audit.log', line: 10 });
    const snap = a.snapshot();
    expect(snap.open).toEqual([
      {
        lastSeq: 3,
        records: lines.map((text, i) => ({ source: 'audit.log', line: 10 + i, text })),
      },
    ]);
    expect(snap.stats).toMatchObject({ lines: 3, records: 3, pending: 3, events: 0 });
    const b = restoreAuditAssembler(JSON.parse(JSON.stringify(snap)), { host: 'bastion' });
    expect(b.snapshot()).toEqual(snap);
    const [done] = b.push(connectEvent(7, 4242).slice(3).join('\n'), {
      source: 'audit.log',
      line: 13,
    });
    expect(done?.kind === 'event' && done.event).toMatchObject({
      kind: 'socket.connect',
      host: 'bastion',
      pid: 4242,
      path: '/tmp/ssh',
    });
    expect(done?.kind === 'event' && done.event.evidence.map((p) => p.line)).toEqual([
      10, 11, 12, 13, 14,
    ]);
  });

  it('remembers closed events across a restore: their late records stay late_record', () => {
    const a = createAuditAssembler();
    a.push(connectEvent(5, 1).join('\n'), { source: 'a', line: 1 });
    const b = restoreAuditAssembler(JSON.parse(JSON.stringify(a.snapshot())));
    const [late] = b.push(connectEvent(5, 1)[2] ?? '', { source: 'a', line: 6 });
    expect(late).toMatchObject({ kind: 'ignored', reason: 'late_record', source: { line: 6 } });
  });

  it('rejects what is not a snapshot with a TypeError', () => {
    const a = createAuditAssembler();
    a.push(connectEvent(5, 1).slice(0, 2).join('\n'), { source: 'a', line: 1 });
    const good = a.snapshot();
    const bad: unknown[] = [
      null,
      { line: 3 },
      { ...good, version: 2 },
      { ...good, seq: -1 },
      { ...good, stats: { ...good.stats, pending: 5 } },
      { ...good, open: [{ lastSeq: 1, records: [] }] },
      {
        ...good,
        open: [
          {
            lastSeq: 2,
            records: [
              { source: 'a', line: 1, text: 'not audit' },
              { source: 'a', line: 2, text: 'x' },
            ],
          },
        ],
      },
      {
        ...good,
        open: [
          {
            lastSeq: 2,
            records: [
              good.open[0]?.records[0],
              { source: 'a', line: 2, text: connectEvent(6, 1)[1] },
            ],
          },
        ],
      },
      { ...good, closed: [1] },
    ];
    for (const b of bad) {
      expect(() => restoreAuditAssembler(b as AuditAssemblerSnapshot)).toThrow(TypeError);
    }
  });
});
