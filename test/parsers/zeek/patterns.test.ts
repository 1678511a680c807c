import { checkSync } from 'recheck';
import { describe, expect, it } from 'vitest';
import * as patterns from '../../../src/parsers/zeek/patterns.js';

const entries = Object.entries(patterns).filter(
  (entry): entry is [string, RegExp] => entry[1] instanceof RegExp,
);

describe('zeek patterns', () => {
  it('exports the time patterns', () => {
    expect(entries.map(([name]) => name).sort()).toEqual(['ZEEK_EPOCH_SECONDS', 'ZEEK_ISO_TIME']);
  });

  it.each(entries)('%s is anchored at both ends', (_name, pattern) => {
    expect(pattern.source.startsWith('^') && pattern.source.endsWith('$')).toBe(true);
  });

  it.each(entries)('%s is linear-time according to recheck', (_name, pattern) => {
    const result = checkSync(pattern.source, pattern.flags, {
      checker: 'automaton',
      timeout: 10_000,
    });
    expect(result.status).toBe('safe');
  });
});
