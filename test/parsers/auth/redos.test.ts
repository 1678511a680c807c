import { checkSync } from 'recheck';
import { describe, expect, it } from 'vitest';
import * as patterns from '../../../src/parsers/auth/patterns.js';

const entries = Object.entries(patterns);

describe('auth patterns', () => {
  it('exports only RegExp constants', () => {
    expect(entries.length).toBeGreaterThan(10);
    for (const [, value] of entries) expect(value).toBeInstanceOf(RegExp);
  });

  it.each(entries)('%s is anchored at both ends', (name, pattern) => {
    expect(pattern.source.startsWith('^')).toBe(true);
    // PAM_MORE_FAILURES_PATTERN only reads a prefix; the tail is not matched by a regex.
    if (name !== 'PAM_MORE_FAILURES_PATTERN') expect(pattern.source.endsWith('$')).toBe(true);
  });

  it.each(entries)('%s is linear-time (recheck, automaton checker)', (_name, pattern) => {
    const result = checkSync(pattern.source, pattern.flags, { checker: 'automaton' });
    expect(result.status).toBe('safe');
  });
});
