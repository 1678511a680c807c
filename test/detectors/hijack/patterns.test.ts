import { checkSync } from 'recheck';
import { describe, expect, it } from 'vitest';
import * as patterns from '../../../src/detectors/hijack/patterns.js';

const entries = Object.entries(patterns);

describe('hijack detector patterns', () => {
  it('exports only RegExp constants', () => {
    expect(entries.length).toBeGreaterThan(0);
    for (const [, value] of entries) expect(value).toBeInstanceOf(RegExp);
  });

  it.each(entries)('%s is anchored and linear-time (recheck)', (_name, pattern) => {
    expect(pattern.source.startsWith('^')).toBe(true);
    expect(checkSync(pattern.source, pattern.flags, { checker: 'automaton' }).status).toBe('safe');
  });

  it.each([
    ['/proc/15790/environ', '15790'],
    ['/proc/self/environ', undefined],
    ['/proc/1/environ/x', undefined],
  ])('PROC_ENVIRON_PATH reads %s', (path, pid) => {
    expect(patterns.PROC_ENVIRON_PATH.exec(path)?.[1]).toBe(pid);
  });

  it.each([
    ['id_ed25519', true],
    ['id_rsa', true],
    ['id_ecdsa_sk', true],
    ['id_ed25519.pub', false],
    ['authorized_keys', false],
  ])('PRIVATE_KEY_NAME on %s is %s', (name, expected) => {
    expect(patterns.PRIVATE_KEY_NAME.test(name)).toBe(expected);
  });
});
