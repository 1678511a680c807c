import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type AuditAssemblerOptions,
  type AuditResult,
  createAuditAssembler,
  restoreAuditAssembler,
} from '../../../src/parsers/auditd/index.js';
import { reconciles } from './helpers.js';

/** A complete syscall event (SYSCALL, SOCKADDR, CWD, PATH, PROCTITLE, EOE) for serial `s`. */
function connectEvent(s: number, pid: number, path: string): string[] {
  const id = `msg=audit(1718035200.${String(s % 1000).padStart(3, '0')}:${s})`;
  const hex = Array.from(`\u0001\u0000${path}`, (ch) =>
    ch.charCodeAt(0).toString(16).padStart(2, '0'),
  )
    .join('')
    .toUpperCase();
  return [
    `type=SYSCALL ${id}: arch=c000003e syscall=42 success=yes exit=0 a0=3 a1=7ffd6c1e2a10 a2=6e a3=0 items=1 ppid=1 pid=${pid} auid=1001 uid=0 gid=0 euid=0 suid=0 fsuid=0 egid=0 sgid=0 fsgid=0 tty=pts1 ses=7 comm="ssh-add" exe="/usr/bin/ssh-add" key="agent"`,
    `type=SOCKADDR ${id}: saddr=${hex}`,
    `type=CWD ${id}: cwd="/root"`,
    `type=PATH ${id}: item=0 name="${path}" inode=${s} dev=fd:01 mode=0140600 ouid=1000 ogid=1000 rdev=00:00 nametype=NORMAL`,
    `type=PROCTITLE ${id}: proctitle=7373682D616464002D6C`,
    `type=EOE ${id}:`,
  ];
}

/** Events by serial with their evidence texts, independent of line numbers and order. */
function summary(results: readonly AuditResult[]): string[] {
  return results
    .flatMap((r) =>
      r.kind === 'event'
        ? [
            JSON.stringify({
              serial: r.event.serial,
              kind: r.event.kind,
              path: r.event.kind === 'socket.connect' ? r.event.path : undefined,
              pid: r.event.pid,
              texts: r.event.evidence.map((p) => p.text).sort(),
            }),
          ]
        : [],
    )
    .sort();
}

function runLines(lines: readonly string[], chunks: readonly number[]): AuditResult[] {
  const a = createAuditAssembler();
  const out: AuditResult[] = [];
  let i = 0;
  let c = 0;
  while (i < lines.length) {
    const size = Math.max(1, chunks[c % Math.max(1, chunks.length)] ?? 1);
    const part = lines.slice(i, i + size);
    out.push(...a.push(part.join('\n'), { source: 's', line: i + 1 }));
    i += size;
    c++;
  }
  out.push(...a.flush());
  return out;
}

const eventsArb = fc.uniqueArray(fc.integer({ min: 1, max: 99_999 }), {
  minLength: 1,
  maxLength: 6,
});

describe('createAuditAssembler properties', () => {
  // In-order logs keep their one open event out of the pending map until another event's
  // record arrives: snapshots, time-outs, evictions and flush must not tell the difference.
  it('continues from a snapshot after any line as if uninterrupted (open events in order or not)', () => {
    fc.assert(
      fc.property(
        eventsArb,
        fc.array(fc.boolean()),
        fc.boolean(),
        fc.nat(),
        fc.constantFrom<AuditAssemblerOptions>(
          {},
          { timeoutRecords: 3, maxPending: 1 },
          { timeoutRecords: 1 },
          { maxPending: 2, timeoutMs: 1 },
        ),
        (serials, dropEoe, interleave, cutAt, options) => {
          const events = serials.map((s, k) => {
            const lines = connectEvent(s, 100 + k, `/tmp/ssh-a${k}/agent.${s}`);
            return dropEoe[k] === true ? lines.slice(0, -1) : lines;
          });
          const lines = interleave
            ? events
                .flatMap((_, k) => events.map((e) => e[k]))
                .flatMap((l) => (l === undefined ? [] : [l]))
            : events.flat();
          const cut = cutAt % (lines.length + 1);
          const push = (a: ReturnType<typeof createAuditAssembler>, from: number, to: number) =>
            lines
              .slice(from, to)
              .flatMap((l, i) => [...a.push(l, { source: 's', line: from + i + 1 })]);
          const whole = createAuditAssembler(options);
          const expected = [...push(whole, 0, lines.length), ...whole.flush()];
          const first = createAuditAssembler(options);
          const head = push(first, 0, cut);
          const saved = JSON.parse(JSON.stringify(first.snapshot()));
          const second = restoreAuditAssembler(saved, options);
          const got = [...head, ...push(second, cut, lines.length), ...second.flush()];
          expect(JSON.stringify(got)).toBe(JSON.stringify(expected));
          expect(second.stats()).toEqual(whole.stats());
        },
      ),
      { numRuns: 500 },
    );
  });

  it('gives the same output whatever the chunking', () => {
    fc.assert(
      fc.property(eventsArb, fc.array(fc.integer({ min: 1, max: 9 })), (serials, chunks) => {
        const lines = serials.flatMap((s, k) =>
          connectEvent(s, 100 + k, `/tmp/ssh-a${k}/agent.${s}`),
        );
        const oneByOne = runLines(lines, [1]);
        const chunked = runLines(lines, chunks);
        expect(chunked).toEqual(oneByOne);
      }),
    );
  });

  it('assembles the same events whatever the interleaving of different events', () => {
    fc.assert(
      fc.property(
        eventsArb.chain((serials) =>
          fc.tuple(
            fc.constant(serials),
            // A merge order: which event's next record comes next (order within an event kept).
            fc.array(fc.nat({ max: serials.length - 1 }), {
              minLength: serials.length * 6,
              maxLength: serials.length * 6,
            }),
          ),
        ),
        ([serials, picks]) => {
          const queues = serials.map((s, k) =>
            connectEvent(s, 100 + k, `/tmp/ssh-a${k}/agent.${s}`),
          );
          const inOrder = queues.flat();
          const merged: string[] = [];
          for (const p of picks) {
            const q = queues[p]?.length ? queues[p] : queues.find((x) => x.length > 0);
            const line = q?.shift();
            if (line !== undefined) merged.push(line);
          }
          for (const q of queues) merged.push(...q);
          const a = summary(runLines(inOrder, [1]));
          const b = summary(runLines(merged, [1]));
          expect(b).toEqual(a);
          expect(a.length).toBe(serials.length);
        },
      ),
    );
  });

  it('is total: never throws on arbitrary text and always reconciles', () => {
    const piece = fc.oneof(
      fc.string(),
      fc.constantFrom(
        'type=',
        'node=x ',
        'msg=audit(',
        '1.000:1): ',
        "msg='",
        '"',
        "'",
        '\u001d',
        '=',
        ' ',
        'a1[0]=',
        'saddr=0100',
        'type=EOE msg=audit(1.000:1):',
        'type=SYSCALL msg=audit(1.000:1): syscall=42 arch=c000003e',
        'type=EXECVE msg=audit(1.000:1): argc=99999999 a0=',
        '\n',
      ),
    );
    fc.assert(
      fc.property(
        fc.array(
          fc.array(piece, { maxLength: 12 }).map((p) => p.join('')),
          { maxLength: 20 },
        ),
        (lines) => {
          const a = createAuditAssembler({
            timeoutRecords: 3,
            maxPending: 2,
            maxRecordsPerEvent: 3,
          });
          for (const [i, l] of lines.entries()) a.push(l, { source: 'fuzz', line: i + 1 });
          a.flush();
          const s = a.stats();
          expect(reconciles(s)).toBe(true);
          expect(s.pending).toBe(0);
        },
      ),
    );
  });

  it('accounts for each pushed line exactly once', () => {
    fc.assert(
      fc.property(eventsArb, fc.array(fc.nat({ max: 5 })), (serials, drops) => {
        // Drop some records (lost EOEs, missing SYSCALLs) to exercise the time-outs.
        let lines = serials.flatMap((s, k) => connectEvent(s, 100 + k, `/tmp/s${k}`));
        for (const d of drops) lines = lines.filter((_, i) => i % 6 !== d || i > 11);
        const out = runLines(lines, [2]);
        const cited = out.flatMap((r) =>
          r.kind === 'event' ? r.event.evidence.map((p) => p.line) : [r.source.line],
        );
        expect(cited.sort((x, y) => x - y)).toEqual(lines.map((_, i) => i + 1));
      }),
    );
  });
});
