/**
 * x86_64 syscall names by number, as the product names them (src/parsers/auditd/syscalls.ts,
 * from the kernel's syscall_64.tbl). The bound takes every record to be x86_64 (the
 * benchmark file's `arch=c000003e`) and reads no `arch=`.
 */

// A holey array indexed by number: one load, no hashing.
const NAMES: string[] = [];
for (const [n, name] of [
  [0, 'read'],
  [1, 'write'],
  [2, 'open'],
  [3, 'close'],
  [16, 'ioctl'],
  [41, 'socket'],
  [42, 'connect'],
  [43, 'accept'],
  [44, 'sendto'],
  [45, 'recvfrom'],
  [46, 'sendmsg'],
  [47, 'recvmsg'],
  [49, 'bind'],
  [50, 'listen'],
  [51, 'getsockname'],
  [52, 'getpeername'],
  [53, 'socketpair'],
  [54, 'setsockopt'],
  [56, 'clone'],
  [57, 'fork'],
  [58, 'vfork'],
  [59, 'execve'],
  [62, 'kill'],
  [76, 'truncate'],
  [77, 'ftruncate'],
  [82, 'rename'],
  [83, 'mkdir'],
  [84, 'rmdir'],
  [85, 'creat'],
  [86, 'link'],
  [87, 'unlink'],
  [88, 'symlink'],
  [90, 'chmod'],
  [91, 'fchmod'],
  [92, 'chown'],
  [93, 'fchown'],
  [94, 'lchown'],
  [101, 'ptrace'],
  [133, 'mknod'],
  [159, 'adjtimex'],
  [257, 'openat'],
  [258, 'mkdirat'],
  [259, 'mknodat'],
  [260, 'fchownat'],
  [263, 'unlinkat'],
  [264, 'renameat'],
  [265, 'linkat'],
  [266, 'symlinkat'],
  [268, 'fchmodat'],
  [288, 'accept4'],
  [304, 'open_by_handle_at'],
  [310, 'process_vm_readv'],
  [316, 'renameat2'],
  [322, 'execveat'],
  [437, 'openat2'],
] as const) {
  NAMES[n] = name;
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
