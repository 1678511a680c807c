import type { Provenance } from '../../events/provenance.js';
import type { AuditStats } from './result.js';

/**
 * An event still being assembled when {@link AuditAssembler.snapshot} was taken: its
 * records, as the lines they were read from.
 *
 * @example
 * ```ts
 * const open: AuditOpenEventSnapshot = {
 *   lastSeq: 7,
 *   records: [{ source: 'audit.log', line: 7, text: 'type=SYSCALL msg=audit(1718035200.100:42): syscall=42' }],
 * };
 * ```
 */
export interface AuditOpenEventSnapshot {
  /** The assembler's record count when the event's last record arrived (for `timeoutRecords`). */
  readonly lastSeq: number;
  /** The event's records so far, in arrival order, each as its line's provenance. */
  readonly records: readonly Provenance[];
}

/**
 * An audit assembler's whole state as plain JSON (it survives `JSON.stringify`/`JSON.parse`):
 * the events still open with their records, the recently closed event ids, the time-out
 * bookkeeping and the accounting. {@link restoreAuditAssembler} continues from it exactly
 * where the snapshotted assembler stopped.
 *
 * @example
 * ```ts
 * const saved: string = JSON.stringify(assembler.snapshot());
 * const again = restoreAuditAssembler(JSON.parse(saved) as AuditAssemblerSnapshot, { host: 'bastion' });
 * ```
 */
export interface AuditAssemblerSnapshot {
  /** Marks the object as an audit assembler snapshot. */
  readonly format: 'sshtrail.audit-assembler';
  /** The snapshot layout version. */
  readonly version: 1;
  /** Records read so far (the clock of `timeoutRecords`). */
  readonly seq: number;
  /** The grouping key of the last record read (time-outs are checked when it changes). */
  readonly lastKey: string;
  /** The accounting so far. */
  readonly stats: AuditStats;
  /** The open events, least recently active first. */
  readonly open: readonly AuditOpenEventSnapshot[];
  /** Grouping keys of recently closed events, oldest first (their late records are `late_record`). */
  readonly closed: readonly string[];
}

const STAT_KEYS: readonly (keyof AuditStats)[] = [
  'lines',
  'records',
  'groups',
  'events',
  'consumed',
  'ignored',
  'unrecognized',
  'malformed',
  'pending',
  'evicted',
  'timedOut',
];

/**
 * Checks that `value` has the shape of an {@link AuditAssemblerSnapshot} (after a JSON round
 * trip it is `unknown`). A bad snapshot is a programmer error, so this throws.
 *
 * @param value - The candidate snapshot.
 * @returns The same value, typed.
 * @throws TypeError naming the first field that is wrong.
 * @example
 * ```ts
 * const snapshot = checkAuditSnapshot(JSON.parse(saved));
 * ```
 * @internal
 */
export function checkAuditSnapshot(value: unknown): AuditAssemblerSnapshot {
  const s = object(value, 'snapshot');
  if (s.format !== 'sshtrail.audit-assembler' || s.version !== 1) {
    throw new TypeError(
      'not an audit assembler snapshot (format sshtrail.audit-assembler, version 1)',
    );
  }
  count(s.seq, 'seq');
  if (typeof s.lastKey !== 'string') throw new TypeError('snapshot.lastKey must be a string');
  const stats = object(s.stats, 'stats');
  for (const key of STAT_KEYS) count(stats[key], `stats.${key}`);
  if (!Array.isArray(s.open)) throw new TypeError('snapshot.open must be an array');
  let pending = 0;
  for (const [i, e] of s.open.entries()) {
    const open = object(e, `open[${i}]`);
    count(open.lastSeq, `open[${i}].lastSeq`);
    if (!Array.isArray(open.records) || open.records.length === 0) {
      throw new TypeError(`snapshot.open[${i}].records must be a non-empty array`);
    }
    for (const [j, r] of open.records.entries()) provenance(r, `open[${i}].records[${j}]`);
    pending += open.records.length;
  }
  if (pending !== stats.pending) {
    throw new TypeError(
      `snapshot.stats.pending is ${stats.pending} but ${pending} records are open`,
    );
  }
  if (!Array.isArray(s.closed) || !s.closed.every((k) => typeof k === 'string')) {
    throw new TypeError('snapshot.closed must be an array of strings');
  }
  return value as AuditAssemblerSnapshot;
}

function object(value: unknown, name: string): Readonly<Record<string, unknown>> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new TypeError(`snapshot: ${name} must be an object`);
  }
  return value as Readonly<Record<string, unknown>>;
}

function count(value: unknown, name: string): void {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new TypeError(`snapshot.${name} must be a non-negative integer`);
  }
}

function provenance(value: unknown, name: string): void {
  const p = object(value, name);
  if (typeof p.source !== 'string' || typeof p.text !== 'string') {
    throw new TypeError(`snapshot.${name} must have a string source and text`);
  }
  count(p.line, `${name}.line`);
}
