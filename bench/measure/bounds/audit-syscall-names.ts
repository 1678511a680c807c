import { syscallName } from '../../../src/parsers/auditd/syscalls.js';

/**
 * x86_64 syscall names by number, as the product names them (src/parsers/auditd/syscalls.ts,
 * from the kernel's syscall_64.tbl). The bound takes every record to be x86_64 (the
 * benchmark file's `arch=c000003e`) and reads no `arch=`.
 */

// A holey array indexed by number: one load, no hashing. Filled once from the product's own
// table (a lookup table, not parsing: nothing of it runs while the bound is measured).
const NAMES: string[] = [];
for (let n = 0; n < 512; n++) {
  const name = syscallName('c000003e', n);
  if (name !== `syscall_${n}`) NAMES[n] = name;
}

/**
 * The name of an x86_64 syscall number.
 *
 * @param n - the `syscall=` number
 * @returns its name, or `syscall_<n>` when not known
 * @example
 * ```ts
 * syscallNameOf(42); // 'connect'
 * ```
 */
export function syscallNameOf(n: number): string {
  return NAMES[n] ?? `syscall_${n}`;
}
