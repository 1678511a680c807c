import type { LineOutcome } from '../outcome.js';
import type { SourceStats } from '../source-stats.js';

/** @internal Line-level accounting: each line is counted once, by its first outcome. */
export interface LineCounter {
  /** Counts one line by its outcomes (`event` when any outcome is an event). */
  count(outcomes: readonly LineOutcome[]): void;
  /** The stats so far. */
  read(): SourceStats;
}

/** @internal */
export function createLineCounter(source: string, initial: SourceStats | undefined): LineCounter {
  let events = initial?.events ?? 0;
  let ignored = initial?.ignored ?? 0;
  let unrecognized = initial?.unrecognized ?? 0;
  let malformed = initial?.malformed ?? 0;
  const reasons: Record<string, number> = { ...initial?.reasons };
  return {
    count(outcomes) {
      const first = outcomes[0];
      if (first === undefined) return;
      if (first.kind === 'event') {
        events++;
        return;
      }
      if (first.kind === 'ignored') ignored++;
      else if (first.kind === 'unrecognized') unrecognized++;
      else malformed++;
      reasons[first.reason] = (reasons[first.reason] ?? 0) + 1;
    },
    read() {
      return {
        source,
        lines: events + ignored + unrecognized + malformed,
        events,
        ignored,
        unrecognized,
        malformed,
        reasons: { ...reasons },
      };
    },
  };
}

/** @internal Reads a {@link SourceStats} from unknown snapshot data, or `undefined`. */
export function statsFrom(value: unknown): SourceStats | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  const n = (k: string): number => {
    const x = v[k];
    return typeof x === 'number' && Number.isInteger(x) && x >= 0 ? x : 0;
  };
  const reasons: Record<string, number> = {};
  const r = v.reasons;
  if (typeof r === 'object' && r !== null) {
    for (const [k, x] of Object.entries(r)) if (typeof x === 'number') reasons[k] = x;
  }
  const events = n('events');
  const ignored = n('ignored');
  const unrecognized = n('unrecognized');
  const malformed = n('malformed');
  return {
    source: typeof v.source === 'string' ? v.source : '',
    lines: events + ignored + unrecognized + malformed,
    events,
    ignored,
    unrecognized,
    malformed,
    reasons,
  };
}
