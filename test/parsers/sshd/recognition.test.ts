import { describe, expect, it } from 'vitest';
import { parseSshdMessage } from '../../../src/parsers/sshd/index.js';
import { context } from '../../helpers/context.js';
import { corpusFiles, corpusLines, HAVE_CORPUS, sshdMessageOf } from './corpus.js';

const SKIP = /(?:\.csv|\.json|\.md|LICENSE|\.yaml|\.assert)$/;

describe.skipIf(!HAVE_CORPUS)('sshd message recognition over ../shared/corpora/sshd', () => {
  it('recognizes nearly every sshd / sshd-session / sshd-auth message and lists the rest', () => {
    let total = 0;
    let events = 0;
    let ignoredCount = 0;
    const unrecognized: string[] = [];
    for (const file of corpusFiles().filter((f) => !SKIP.test(f))) {
      corpusLines(file).forEach((line, index) => {
        if (line.startsWith('#')) return;
        const message = sshdMessageOf(line);
        if (
          message === undefined ||
          message.startsWith('pam_') ||
          message.startsWith('PAM ') ||
          message.startsWith('(pam_')
        )
          return;
        total++;
        const result = parseSshdMessage(message, context());
        if (result.kind === 'unrecognized') unrecognized.push(`${file}:${index + 1}: ${message}`);
        else if (result.kind === 'ignored') ignoredCount++;
        else events++;
      });
    }
    const rate = (events + ignoredCount) / total;
    console.log(
      `sshd messages: ${total}, events: ${events}, ignored: ${ignoredCount}, ` +
        `unrecognized: ${unrecognized.length}, recognized: ${(rate * 100).toFixed(2)}%\n${unrecognized.join('\n')}`,
    );
    expect(total).toBeGreaterThan(1800);
    expect(rate).toBeGreaterThan(0.99);
  });
});
