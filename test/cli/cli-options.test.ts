import { describe, expect, it } from 'vitest';
import { atOrAbove, failOn, inputOptions } from '../../src/cli/cli-options.js';

describe('atOrAbove', () => {
  it.each([
    ['critical', 'high', true],
    ['high', 'high', true],
    ['medium', 'high', false],
    ['low', 'low', true],
    ['low', 'medium', false],
  ] as const)('%s at or above %s is %s', (severity, threshold, expected) => {
    expect(atOrAbove(severity, threshold)).toBe(expected);
  });
});

describe('failOn', () => {
  it('accepts the four severities and nothing else', () => {
    expect(failOn('medium')).toBe('medium');
    expect(failOn(undefined)).toBeUndefined();
    expect(() => failOn('HIGH')).toThrow(
      "--fail-on must be one of low, medium, high, critical (got 'HIGH')",
    );
  });
});

describe('inputOptions', () => {
  it('reads auto as sniffing and keeps every flag', () => {
    const o = inputOptions(
      { format: 'auto', 'host-from-dir': true, year: '2024', follow: true, 'fail-on': 'high' },
      ['logs/'],
    );
    expect(o).toMatchObject({
      paths: ['logs/'],
      format: undefined,
      hostFromDir: true,
      year: 2024,
      follow: true,
      failOn: 'high',
      quiet: false,
    });
    expect(inputOptions({ format: 'zeek' }, ['conn.log']).format).toBe('zeek');
  });
});
