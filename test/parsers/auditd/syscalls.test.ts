import { describe, expect, it } from 'vitest';
import { ptraceRequestName, syscallName } from '../../../src/parsers/auditd/syscalls.js';

describe('syscallName', () => {
  it.each([
    ['c000003e', 42, 'connect'],
    ['c000003e', 59, 'execve'],
    ['c000003e', 257, 'openat'],
    ['c000003e', 101, 'ptrace'],
    ['c00000b7', 203, 'connect'],
    ['c00000b7', 221, 'execve'],
    ['c00000b7', 64, 'write'],
    ['80000015', 327, 'bind'],
  ])('names %s syscall %i as %s', (arch, num, name) => {
    expect(syscallName(arch, num)).toBe(name);
  });

  it('falls back to syscall_<n> for unknown numbers and arches', () => {
    expect(syscallName('c000003e', 9999)).toBe('syscall_9999');
    expect(syscallName('40000003', 11)).toBe('syscall_11');
  });
});

describe('ptraceRequestName', () => {
  it('names attach and seize', () => {
    expect(ptraceRequestName(16)).toBe('attach');
    expect(ptraceRequestName(0x4206)).toBe('seize');
    expect(ptraceRequestName(999)).toBeUndefined();
  });
});
