import { describe, expect, it } from 'vitest';
import { createEnvelopeParser } from '../../../src/parsers/syslog/index.js';
import { zonedWallTimeToEpoch } from '../../../src/time/index.js';
import { corpusExists, corpusLines, SSHD_CORPUS } from './corpus-lines.js';

// Lines that are not syslog envelopes at all, or deliberately broken:
// - fail2ban/sshd-journal: journal MESSAGE bodies without any timestamp (`srv sshd[1]: ...`);
// - fail2ban/selinux-ssh: auditd records (another parser's job);
// - fail2ban/testcase01.log: the localised / broken months `Déc`, `Dez`, `De  31`;
// - fail2ban/testcase04.log: `- Last output repeated twice -` filler lines.
const EXPECTED_FAILURES: Readonly<Record<string, string>> = {
  'fail2ban/sshd-journal': 'no_timestamp',
  'fail2ban/selinux-ssh': 'no_timestamp',
  'fail2ban/testcase01.log': 'bad_timestamp',
  'fail2ban/testcase04.log': 'no_timestamp',
};

describe.skipIf(!corpusExists)(`envelope recognition over ${SSHD_CORPUS}`, () => {
  const lines = corpusExists ? corpusLines() : [];

  it('parses every syslog-framed line and fails only the known non-envelope lines', () => {
    const failures = new Map<string, number>();
    let parsed = 0;
    let currentFile = '';
    let parse = createEnvelopeParser({ referenceTime: Date.UTC(2026, 0, 1) });
    for (const { file, line, text } of lines) {
      if (file !== currentFile) {
        currentFile = file;
        parse = createEnvelopeParser({ referenceTime: Date.UTC(2026, 0, 1) });
      }
      const result = parse(text);
      if (result.ok) parsed++;
      else {
        failures.set(
          `${file} ${result.reason}`,
          (failures.get(`${file} ${result.reason}`) ?? 0) + 1,
        );
        expect(EXPECTED_FAILURES[file], `${file}:${line} ${text}`).toBe(result.reason);
      }
    }
    const rate = parsed / lines.length;
    console.log(
      `envelope recognition: ${parsed}/${lines.length} = ${(rate * 100).toFixed(2)}%` +
        [...failures].map(([where, n]) => `\n  ${n} x ${where}`).join(''),
    );
    expect(lines.length).toBeGreaterThan(2000);
    expect(rate).toBeGreaterThan(0.94);
  });

  it("reproduces fail2ban's expected times (Europe/Zurich wall clock) for every dated line", () => {
    const dated = lines.filter(
      (l) => l.expectation?.time !== undefined && EXPECTED_FAILURES[l.file] === undefined,
    );
    expect(dated.length).toBeGreaterThan(100);
    for (const { file, line, text, expectation } of dated) {
      const expected = String(expectation?.time);
      const [y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0] = expected.split(/[-T:]/).map(Number);
      const parse = createEnvelopeParser({ year: y, timezone: 'Europe/Zurich' });
      const result = parse(text);
      expect(result.ok, `${file}:${line}`).toBe(true);
      if (!result.ok) continue;
      const wholeSecond = Math.floor(result.envelope.time / 1000) * 1000;
      expect(wholeSecond, `${file}:${line} ${text}`).toBe(
        zonedWallTimeToEpoch(y, mo, d, h, mi, s, 0, 'Europe/Zurich'),
      );
    }
  });
});
