/**
 * The heap a measurement's live state holds: a full GC (when the child runs with
 * `--expose-gc`, as spawn.ts starts it), then `heapUsed`. Taken at the end of the input,
 * before `flush()`, it shows whether retained state pins read chunks (sliced strings).
 */

/**
 * Collects garbage and returns the heap in use.
 *
 * @returns heapUsed after a full GC, bytes (without a GC when `gc` is not exposed)
 * @example
 * ```ts
 * const retained = heapAfterGc();
 * ```
 */
export function heapAfterGc(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc !== undefined) {
    gc();
    gc();
  }
  return process.memoryUsage().heapUsed;
}
