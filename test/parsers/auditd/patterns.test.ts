import { checkSync } from 'recheck';
import { describe, expect, it } from 'vitest';
import * as patterns from '../../../src/parsers/auditd/patterns.js';

const entries = Object.entries(patterns);

describe('auditd patterns', () => {
  it('exports only RegExp constants', () => {
    expect(entries.length).toBe(7);
    for (const [, value] of entries) expect(value).toBeInstanceOf(RegExp);
  });

  // Each reads one part of a record body at lastIndex: the sticky flag is its anchor.
  it.each(entries)('%s is sticky and has no other anchor or lookaround', (_name, pattern) => {
    expect(pattern.sticky).toBe(true);
    expect(pattern.source).not.toMatch(/^\^|\$$|\(\?[=!<]/);
  });

  it.each(entries)('%s is linear-time (recheck, automaton checker)', (_name, pattern) => {
    const result = checkSync(pattern.source, pattern.flags, { checker: 'automaton' });
    expect(result.status).toBe('safe');
  });
});
