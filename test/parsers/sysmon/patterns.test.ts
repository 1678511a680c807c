import { checkSync } from 'recheck';
import { describe, expect, it } from 'vitest';
import * as osquery from '../../../src/parsers/osquery/patterns.js';
import * as sysmon from '../../../src/parsers/sysmon/patterns.js';

const entries = [...Object.entries(sysmon), ...Object.entries(osquery)];

describe('sysmon and osquery patterns', () => {
  it('exports only RegExp constants', () => {
    expect(entries.length).toBe(2);
    for (const [, value] of entries) expect(value).toBeInstanceOf(RegExp);
  });

  it.each(entries)('%s is anchored at both ends', (_name, pattern) => {
    expect(pattern.source.startsWith('^')).toBe(true);
    expect(pattern.source.endsWith('$')).toBe(true);
  });

  it.each(entries)('%s is linear-time (recheck, automaton checker)', (_name, pattern) => {
    const result = checkSync(pattern.source, pattern.flags, { checker: 'automaton' });
    expect(result.status).toBe('safe');
  });
});
