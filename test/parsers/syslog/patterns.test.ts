import { checkSync } from 'recheck';
import { describe, expect, it } from 'vitest';
import * as patterns from '../../../src/parsers/syslog/patterns.js';

const entries = Object.entries(patterns).filter(
  (entry): entry is [string, RegExp] => entry[1] instanceof RegExp,
);

describe('syslog patterns', () => {
  it('exports the wrapper and facility patterns as RegExp constants', () => {
    expect(entries.map(([name]) => name).sort()).toEqual([
      'FACILITY_PRIORITY',
      'REPEATED_MESSAGE',
      'SOLARIS_MESSAGE_ID',
    ]);
  });

  it.each(entries)('%s is anchored at the start', (_name, pattern) => {
    expect(pattern.source.startsWith('^')).toBe(true);
  });

  it.each(entries)('%s is linear-time according to recheck', (_name, pattern) => {
    const result = checkSync(pattern.source, pattern.flags, {
      checker: 'automaton',
      timeout: 10_000,
    });
    expect(result.status).toBe('safe');
  });

  it('SOLARIS_MESSAGE_ID matches the Solaris block and nothing after it', () => {
    expect(
      patterns.SOLARIS_MESSAGE_ID.exec(
        '[ID 800047 auth.info] Failed keyboard-interactive for james',
      )?.[0],
    ).toBe('[ID 800047 auth.info] ');
    expect(patterns.SOLARIS_MESSAGE_ID.test('[ID x auth.info] y')).toBe(false);
  });

  it('FACILITY_PRIORITY accepts facility.level tokens only', () => {
    expect(
      ['auth.info', 'authpriv.notice', 'local7.debug'].map((t) =>
        patterns.FACILITY_PRIORITY.test(t),
      ),
    ).toEqual([true, true, true]);
    expect(
      ['srv.example', 'auth.info.example', 'auth'].map((t) => patterns.FACILITY_PRIORITY.test(t)),
    ).toEqual([false, false, false]);
  });
});
