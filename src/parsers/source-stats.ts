import type { LineOutcome } from './outcome.js';

/**
 * The accounting of one input source. It always reconciles:
 * `lines === events + ignored + unrecognized + malformed`.
 *
 * @example
 * ```ts
 * const s: SourceStats = parser.stats();
 * console.log(`${s.source}: ${s.events}/${s.lines} lines became events`);
 * ```
 */
export interface SourceStats {
  /** The source name. */
  readonly source: string;
  /** Lines read. */
  readonly lines: number;
  /** Lines that became events. */
  readonly events: number;
  /** Lines understood but irrelevant. */
  readonly ignored: number;
  /** Lines from a program sshtrail reads whose message it does not know. */
  readonly unrecognized: number;
  /** Lines whose envelope could not be read (including lines over the length cap). */
  readonly malformed: number;
  /** Counts per non-event reason code (`other_program`, `unknown_sshd_message`, `line_too_long`...). */
  readonly reasons: Readonly<Record<string, number>>;
}

/** @internal Mutable counters behind {@link SourceStats}. */
export interface StatsCounter {
  count(outcome: LineOutcome): void;
  read(): SourceStats;
}

/** @internal */
export function createStatsCounter(source: string, initial?: SourceStats): StatsCounter {
  let events = initial?.events ?? 0;
  let ignored = initial?.ignored ?? 0;
  let unrecognized = initial?.unrecognized ?? 0;
  let malformed = initial?.malformed ?? 0;
  const reasons: Record<string, number> = { ...initial?.reasons };
  return {
    count(outcome) {
      switch (outcome.kind) {
        case 'event':
          events++;
          return;
        case 'ignored':
          ignored++;
          break;
        case 'unrecognized':
          unrecognized++;
          break;
        case 'malformed':
          malformed++;
          break;
      }
      reasons[outcome.reason] = (reasons[outcome.reason] ?? 0) + 1;
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
