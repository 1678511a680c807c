import { checkSync } from 'recheck';
import { describe, expect, it } from 'vitest';
import * as config from '../../src/config/patterns.js';
import * as compose from '../../src/detectors/compose/patterns.js';
import * as ssh from '../../src/detectors/ssh/patterns.js';

const entries = [
  ...Object.entries(config).map(([n, p]) => [`config.${n}`, p] as const),
  ...Object.entries(compose).map(([n, p]) => [`compose.${n}`, p] as const),
  ...Object.entries(ssh).map(([n, p]) => [`ssh.${n}`, p] as const),
];

describe('detector, config and compose patterns', () => {
  it('exports only RegExp constants', () => {
    expect(entries).toHaveLength(6);
    for (const [, value] of entries) expect(value).toBeInstanceOf(RegExp);
  });

  it.each(entries)('%s is anchored at the start of every alternative', (_name, pattern) => {
    expect(pattern.source.startsWith('^')).toBe(true);
  });

  it.each(entries)('%s is linear-time (recheck, automaton checker)', (_name, pattern) => {
    const result = checkSync(pattern.source, pattern.flags, { checker: 'automaton' });
    expect(result.status).toBe('safe');
  });

  it.each([
    ['/bin/bash', true],
    ['/usr/bin/su -', true],
    ['-i', true],
    ['/usr/bin/systemctl restart postgresql', false],
    ['/usr/bin/sushi', false],
  ])('ROOT_SHELL_COMMAND on %s is %s', (command, expected) => {
    expect(ssh.ROOT_SHELL_COMMAND.test(command)).toBe(expected);
  });
});
