import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitCommandLine } from '../../../src/parsers/sysmon/index.js';

describe('splitCommandLine', () => {
  it.each([
    ['ssh -A alice@db1', ['ssh', '-A', 'alice@db1']],
    [
      '  ssh\t-S  /home/alice/.ssh/cm-alice@db1:22 db1 ',
      ['ssh', '-S', '/home/alice/.ssh/cm-alice@db1:22', 'db1'],
    ],
    ['-bash', ['-bash']],
    ['', []],
    ['   ', []],
  ])('splits %j on runs of blanks', (line, argv) => {
    expect(splitCommandLine(line)).toEqual(argv);
  });

  it('round-trips argv without blanks joined by single spaces (how Sysmon writes it)', () => {
    const arg = fc.string({ minLength: 1 }).filter((s) => !/[ \t]/.test(s));
    fc.assert(
      fc.property(fc.array(arg, { maxLength: 8 }), (argv) => {
        expect(splitCommandLine(argv.join(' '))).toEqual(argv);
      }),
    );
  });
});
