/**
 * Limits of a process tree. Memory is bounded by `maxProcesses`; time-based eviction uses
 * event time only (never the wall clock).
 *
 * @example
 * ```ts
 * const options: ProcessTreeOptions = { maxProcesses: 50_000, idleTimeoutMs: 6 * 3600_000 };
 * ```
 */
export interface ProcessTreeOptions {
  /** Most process records kept across all hosts (default 100 000); least recently seen go first. */
  readonly maxProcesses?: number | undefined;
  /** Records of one pid kept per host (default 4): older incarnations go first. */
  readonly maxIncarnationsPerPid?: number | undefined;
  /** A pid with no event for this long (host event time) is dropped (default 24 h). */
  readonly idleTimeoutMs?: number | undefined;
  /** Deepest ancestor chain walked (default 64; chains are cut, never looped). */
  readonly maxDepth?: number | undefined;
}

/**
 * What a process tree dropped to stay within its limits (counts since creation, restored
 * snapshots included).
 *
 * @example
 * ```ts
 * const none: ProcessTreeEvictions = { overflow: 0, idle: 0, incarnations: 0 };
 * ```
 */
export interface ProcessTreeEvictions {
  /** Records dropped because `maxProcesses` was reached (least recently seen host and pid first). */
  readonly overflow: number;
  /** Records dropped after `idleTimeoutMs` without an event. */
  readonly idle: number;
  /** Old incarnations dropped because `maxIncarnationsPerPid` was reached. */
  readonly incarnations: number;
}

/** @internal */
export interface ResolvedTreeOptions {
  readonly maxProcesses: number;
  readonly maxIncarnationsPerPid: number;
  readonly idleTimeoutMs: number;
  readonly maxDepth: number;
}

function positive(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1) {
    throw new RangeError(`${name} must be a positive integer, got ${String(value)}`);
  }
  return value;
}

/**
 * Validates options and fills defaults; throws `RangeError` on bad values.
 *
 * @param options - The caller's options.
 * @returns The resolved limits.
 * @example
 * ```ts
 * resolveTreeOptions({}).maxProcesses; // 100000
 * ```
 * @internal
 */
export function resolveTreeOptions(options: ProcessTreeOptions): ResolvedTreeOptions {
  return {
    maxProcesses: positive(options.maxProcesses, 100_000, 'maxProcesses'),
    maxIncarnationsPerPid: positive(options.maxIncarnationsPerPid, 4, 'maxIncarnationsPerPid'),
    idleTimeoutMs: positive(options.idleTimeoutMs, 86_400_000, 'idleTimeoutMs'),
    maxDepth: positive(options.maxDepth, 64, 'maxDepth'),
  };
}
