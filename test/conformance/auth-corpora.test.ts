import { describe, expect, it } from 'vitest';
import { createLineParser } from '../../src/parsers/line-parser.js';
import type { LineOutcome } from '../../src/parsers/outcome.js';
import { CORPORA, type CorpusLine, corpusLines, HAVE_CORPORA, logFiles } from './corpus-files.js';

/** Programs whose lines the recognition target counts. */
const FAMILY =
  /(?:^|[\s\]])(?:sshd(?:-session|-auth)?|sudo|su|systemd-logind)(?:\(pam_\w+\))?(?:\[\d+\])?:|\[sshd\]|pam_\w+\(|\bPAM /;

/**
 * fail2ban's journal test file writes journal entries as `host ident[pid]: msg` with no
 * timestamp at all (a harness representation, not a log format): give those lines a fixed
 * RFC3164 timestamp so the real pipeline can read them.
 */
function asLogLine(c: CorpusLine): string {
  return c.file.endsWith('sshd-journal') ? `Aug 14 11:59:59 ${c.text}` : c.text;
}

function parseFile(file: string): { line: CorpusLine; outcome: LineOutcome }[] {
  const parser = createLineParser({ source: file, referenceTime: Date.UTC(2005, 7, 14, 10) });
  return corpusLines(file).map((line) => ({ line, outcome: parser.parse(asLogLine(line)) }));
}

describe.skipIf(!HAVE_CORPORA)(`auth-log conformance over ${CORPORA}/sshd`, () => {
  const results = logFiles('sshd').flatMap(parseFile);
  const family = results.filter((r) => FAMILY.test(r.line.text));
  const missed = family.filter(
    (r) => r.outcome.kind === 'unrecognized' || r.outcome.kind === 'malformed',
  );

  it('recognizes at least 99.5% of the sshd, PAM, sudo and su lines', () => {
    const rate = 1 - missed.length / family.length;
    console.log(
      `auth-log conformance: ${family.length - missed.length}/${family.length} sshd/PAM/sudo/su lines recognized (${(rate * 100).toFixed(2)}%)`,
    );
    for (const m of missed) {
      const reason = 'reason' in m.outcome ? m.outcome.reason : '';
      console.log(
        `  not recognized: ${m.line.file}:${m.line.line} [${m.outcome.kind}: ${reason}] ${m.line.text.slice(0, 140)}`,
      );
    }
    expect(family.length).toBeGreaterThan(2500);
    expect(rate).toBeGreaterThanOrEqual(0.995);
  });

  it('never lets a line go unaccounted: every file reconciles', () => {
    for (const file of logFiles('sshd')) {
      const parser = createLineParser({ source: file });
      const lines = corpusLines(file);
      for (const l of lines) parser.parse(asLogLine(l));
      const s = parser.stats();
      expect(s.lines).toBe(lines.length);
      expect(s.events + s.ignored + s.unrecognized + s.malformed).toBe(s.lines);
    }
  });

  it('gives every host-bearing event a host and a provenance that points at its corpus line', () => {
    for (const r of results) {
      if (r.outcome.kind !== 'event') continue;
      expect(r.outcome.event.source.source).toBe(r.line.file);
      expect(r.outcome.event.source.text).toBe(asLogLine(r.line));
    }
  });
});
