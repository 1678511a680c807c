/** x86_64 syscall numbers we name (from the kernel's syscall_64.tbl). */
const X86_64: ReadonlyMap<number, string> = new Map([
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
  [51, 'getsockname'],
  [52, 'getpeername'],
  [50, 'listen'],
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
]);

/** aarch64 (asm-generic) syscall numbers we name. */
const AARCH64: ReadonlyMap<number, string> = new Map([
  [29, 'ioctl'],
  [33, 'mknodat'],
  [34, 'mkdirat'],
  [35, 'unlinkat'],
  [36, 'symlinkat'],
  [37, 'linkat'],
  [38, 'renameat'],
  [45, 'truncate'],
  [46, 'ftruncate'],
  [52, 'fchmod'],
  [53, 'fchmodat'],
  [54, 'fchownat'],
  [55, 'fchown'],
  [56, 'openat'],
  [57, 'close'],
  [63, 'read'],
  [64, 'write'],
  [117, 'ptrace'],
  [129, 'kill'],
  [198, 'socket'],
  [199, 'socketpair'],
  [200, 'bind'],
  [201, 'listen'],
  [202, 'accept'],
  [203, 'connect'],
  [204, 'getsockname'],
  [205, 'getpeername'],
  [206, 'sendto'],
  [207, 'recvfrom'],
  [208, 'setsockopt'],
  [211, 'sendmsg'],
  [212, 'recvmsg'],
  [220, 'clone'],
  [221, 'execve'],
  [242, 'accept4'],
  [265, 'open_by_handle_at'],
  [270, 'process_vm_readv'],
  [276, 'renameat2'],
  [281, 'execveat'],
  [437, 'openat2'],
]);

/** ppc64 (big-endian, `arch=80000015`) numbers for the syscalls we map. */
const PPC64: ReadonlyMap<number, string> = new Map([
  [5, 'open'],
  [10, 'unlink'],
  [11, 'execve'],
  [26, 'ptrace'],
  [286, 'openat'],
  [292, 'unlinkat'],
  [326, 'socket'],
  [327, 'bind'],
  [328, 'connect'],
  [329, 'listen'],
  [330, 'accept'],
  [335, 'sendto'],
  [337, 'recvfrom'],
  [341, 'sendmsg'],
  [342, 'recvmsg'],
  [344, 'accept4'],
]);

/**
 * Names a syscall number for an audit `arch=` value: `c000003e` (x86_64) and `c00000b7`
 * (aarch64) are known (and `80000015`, ppc64, for the mapped ones), for the syscalls sshtrail maps to events and a few common others.
 *
 * @param arch - The `arch=` value as logged (hex, no `0x`).
 * @param num - The `syscall=` number.
 * @returns The name, or `syscall_<num>` when not known.
 * @example
 * ```ts
 * syscallName('c000003e', 42);  // 'connect'
 * syscallName('c00000b7', 203); // 'connect'
 * ```
 */
export function syscallName(arch: string | undefined, num: number): string {
  const table =
    arch === 'c000003e'
      ? X86_64
      : arch === 'c00000b7'
        ? AARCH64
        : arch === '80000015'
          ? PPC64
          : undefined;
  return table?.get(num) ?? `syscall_${num}`;
}

/** ptrace request names by number (`<sys/ptrace.h>`). */
const PTRACE: ReadonlyMap<number, string> = new Map([
  [0, 'traceme'],
  [1, 'peektext'],
  [2, 'peekdata'],
  [3, 'peekuser'],
  [4, 'poketext'],
  [5, 'pokedata'],
  [6, 'pokeuser'],
  [7, 'cont'],
  [8, 'kill'],
  [9, 'singlestep'],
  [12, 'getregs'],
  [13, 'setregs'],
  [16, 'attach'],
  [17, 'detach'],
  [0x4200, 'setoptions'],
  [0x4204, 'getregset'],
  [0x4205, 'setregset'],
  [0x4206, 'seize'],
  [0x4207, 'interrupt'],
  [0x4208, 'listen'],
]);

/**
 * Names a ptrace request number.
 *
 * @param request - `a0` of a ptrace syscall.
 * @returns The name (`attach`, `seize`, `poketext`...), or `undefined`.
 * @example
 * ```ts
 * ptraceRequestName(0x4206); // 'seize'
 * ```
 */
export function ptraceRequestName(request: number): string | undefined {
  return PTRACE.get(request);
}
