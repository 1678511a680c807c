import { describe, expect, it } from 'vitest';
import { tokenize } from '../../../src/parsers/auditd/fields.js';
import { createAuditAssembler } from '../../../src/parsers/auditd/index.js';

// The field scanner has no regular expressions (the canonical-body patterns have their own
// recheck test, patterns.test.ts):
// these inputs would make a naive scanner quadratic (repeated indexOf to the end of the
// line). At 400 kB per line, a quadratic scan takes minutes; a linear one milliseconds.
const N = 400_000;
const adversarial: readonly (readonly [string, string])[] = [
  ['bare words, no =', 'w '.repeat(N / 2)],
  ['keys without values', 'k='.repeat(N / 2)],
  ['unclosed braces', 'k={ '.repeat(N / 4)],
  ['unclosed quotes', 'k=" '.repeat(N / 4)],
  ['single quotes', "k=' ".repeat(N / 4)],
  ['glued-looking values', 'k=aB= '.repeat(N / 6)],
  ['tabs', 'k=v\t'.repeat(N / 4)],
  ['nested msg markers', 'x=" msg=\''.repeat(N / 9)],
];

describe('tokenize on adversarial lines', () => {
  it.each(adversarial)('stays linear with %s', (_, text) => {
    const started = performance.now();
    tokenize(text, 0, text.length);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});

describe('createAuditAssembler on adversarial lines', () => {
  it.each(adversarial)('stays linear with %s in a record', (_, body) => {
    const a = createAuditAssembler({ maxLineLength: 2 * N });
    const started = performance.now();
    a.push(`type=USER_LOGIN msg=audit(1.000:1): ${body}`, { source: 's', line: 1 });
    a.push(`type=SYSCALL msg=audit(1.000:2): ${body}`, { source: 's', line: 2 });
    a.flush();
    expect(performance.now() - started).toBeLessThan(2000);
    expect(a.stats().lines).toBe(2);
  });
});
