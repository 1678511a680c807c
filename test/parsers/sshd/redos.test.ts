import { checkSync } from 'recheck';
import { describe, expect, it } from 'vitest';
import * as patterns from '../../../src/parsers/sshd/patterns.js';

const entries = Object.entries(patterns).filter(
  (entry): entry is [string, RegExp] => entry[1] instanceof RegExp,
);

describe('sshd patterns', () => {
  it('exports at least the core families as RegExp constants', () => {
    const names = entries.map(([name]) => name);
    expect(names).toEqual(
      expect.arrayContaining(['AUTH_LOG', 'INVALID_USER', 'RECEIVED_DISCONNECT']),
    );
  });

  it.each(entries)('%s is anchored at the start', (_name, pattern) => {
    expect(pattern.source.startsWith('^')).toBe(true);
  });

  it.each(entries)('%s is linear-time according to recheck', (_name, pattern) => {
    const result = checkSync(pattern.source, pattern.flags, {
      checker: 'automaton',
      timeout: 10_000,
    });
    expect({
      status: result.status,
      complexity: 'complexity' in result ? result.complexity : undefined,
    }).toEqual({
      status: 'safe',
      complexity: expect.objectContaining({ type: expect.stringMatching(/constant|linear|safe/) }),
    });
  });
});
