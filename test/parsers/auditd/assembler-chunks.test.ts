import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type AuditAssemblerOptions,
  type AuditResult,
  createAuditAssembler,
  restoreAuditAssembler,
} from '../../../src/parsers/auditd/index.js';
import { TEXT_BYTES_MAX } from '../../../src/parsers/auditd/line-bytes.js';
import { auditRecordLines } from './corpora.js';

// A whole read chunk is pushed with one copy of its bytes (the chunk path); these pin that
// its output is the one of the same lines pushed one at a time.

type Push = (text: string, line: number) => readonly AuditResult[];

interface Run {
  readonly results: readonly AuditResult[];
  readonly stats: unknown;
  readonly snapshot: string;
}

/** Pushes `lines` one per call. */
function byLine(lines: readonly string[], options: AuditAssemblerOptions): Run {
  const a = createAuditAssembler(options);
  const results = lines.flatMap((l, i) => [...a.push(l, { source: 's', line: i + 1 })]);
  const snapshot = JSON.stringify(a.snapshot());
  results.push(...a.flush());
  return { results, stats: a.stats(), snapshot };
}

/**
 * Pushes `lines` joined by `eol` in pushes of `sizes` lines (cycled), ending each push with
 * `eol` when `closed` says so (and always when its last line is empty, which needs it);
 * `restoreAt` pushes restore from a snapshot first.
 */
function byChunk(
  lines: readonly string[],
  options: AuditAssemblerOptions,
  sizes: readonly number[],
  eol: '\n' | '\r\n',
  closed: readonly boolean[],
  restoreAt: ReadonlySet<number> = new Set(),
): Run {
  let a = createAuditAssembler(options);
  const push: Push = (text, line) => a.push(text, { source: 's', line });
  const results: AuditResult[] = [];
  let k = 0;
  for (let i = 0; i < lines.length; k++) {
    if (restoreAt.has(k))
      a = restoreAuditAssembler(JSON.parse(JSON.stringify(a.snapshot())), options);
    const part = lines.slice(i, i + Math.max(1, sizes[k % sizes.length] ?? 1));
    const end = closed[k % Math.max(1, closed.length)] === true || part.at(-1) === '' ? eol : '';
    results.push(...push(part.join(eol) + end, i + 1));
    i += part.length;
  }
  const snapshot = JSON.stringify(a.snapshot());
  results.push(...a.flush());
  return { results, stats: a.stats(), snapshot };
}

const seeds = (() => {
  const lines = auditRecordLines();
  return lines.length > 0 ? lines : ['type=EOE msg=audit(1.000:5):'];
})();

/** Record lines, mutated with the units the chunk path treats apart, and odd lines. */
const lineArb = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...seeds) },
  {
    weight: 4,
    arbitrary: fc
      .tuple(
        fc.constantFrom(...seeds),
        fc.array(
          fc.tuple(
            fc.nat(),
            fc.nat(3),
            fc.constantFrom('é', '\u{1F600}', '\u001d', '\r', ' ', '#', '\u0000', 'node=n '),
          ),
          { maxLength: 3 },
        ),
      )
      .map(([l, muts]) => {
        let s = l;
        for (const [pos, del, ins] of muts) {
          const p = pos % (s.length + 1);
          s = s.slice(0, p) + ins + s.slice(p + del);
        }
        return s;
      }),
  },
  { weight: 1, arbitrary: fc.constantFrom('', ' ', '\t', '# c', 'x'.repeat(300), '\u001d') },
);

const optionsArb = fc.constantFrom<AuditAssemblerOptions>(
  { host: 'h' },
  { maxLineLength: 120, timeoutRecords: 3, maxPending: 2 },
  { maxRecordsPerEvent: 2, timeoutMs: 1 },
);

describe('AuditAssembler.push of many lines at once', () => {
  it('gives the output of the same lines pushed one at a time, cut anywhere (LF)', () => {
    fc.assert(
      fc.property(
        fc.array(lineArb, { minLength: 1, maxLength: 40 }),
        optionsArb,
        fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 5 }),
        fc.array(fc.boolean(), { maxLength: 4 }),
        (lines, options, sizes, closed) => {
          expect(byChunk(lines, options, sizes, '\n', closed)).toEqual(byLine(lines, options));
        },
      ),
      { numRuns: 1500 },
    );
  });

  it('gives it for CRLF lines too (a line pushed alone drops a last `\\r` too)', () => {
    fc.assert(
      fc.property(
        fc.array(
          lineArb.filter((l) => !l.endsWith('\r')),
          { minLength: 1, maxLength: 30 },
        ),
        optionsArb,
        fc.array(fc.integer({ min: 1, max: 30 }), { minLength: 1, maxLength: 5 }),
        fc.array(fc.boolean(), { maxLength: 4 }),
        (lines, options, sizes, closed) => {
          expect(byChunk(lines, options, sizes, '\r\n', closed)).toEqual(byLine(lines, options));
        },
      ),
      { numRuns: 800 },
    );
  });

  it('continues from a snapshot taken between chunks as if uninterrupted', () => {
    fc.assert(
      fc.property(
        fc.array(lineArb, { minLength: 1, maxLength: 40 }),
        optionsArb,
        fc.array(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 5 }),
        fc.uniqueArray(fc.nat(12), { maxLength: 3 }),
        (lines, options, sizes, restoreAt) => {
          const got = byChunk(lines, options, sizes, '\n', [true], new Set(restoreAt));
          expect(got).toEqual(byLine(lines, options));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('reads texts longer than one copy, a line longer than one, and non-ASCII pieces', () => {
    const lines: string[] = [];
    for (let i = 0; lines.join('\n').length < 3 * TEXT_BYTES_MAX; i++) {
      lines.push(seeds[i % seeds.length] ?? '');
      if (i === 900) lines.push(`type=EOE msg=audit(1.000:7): ${'x'.repeat(TEXT_BYTES_MAX + 5)}`);
      if (i === 1800) lines.push('type=EOE msg=audit(1.000:8): é');
      if (i === 2700) lines.push(`type=EOE msg=audit(1.000:9):\u001d${'y'.repeat(TEXT_BYTES_MAX)}`);
    }
    const options = { maxLineLength: 4 * TEXT_BYTES_MAX };
    expect(byChunk(lines, options, [lines.length], '\n', [true])).toEqual(byLine(lines, options));
    expect(byChunk(lines, options, [lines.length], '\n', [false])).toEqual(byLine(lines, options));
  });
});
