import type { EvictionCounts } from '../model/index.js';

/**
 * Something the analyzer wants a human to know about its own work: state it evicted to stay
 * within its memory bounds, or events that came too late to be put in time order.
 *
 * @example
 * ```ts
 * analyzer.on('diagnostic', (d) => console.error(`${d.code}: ${d.message}`));
 * ```
 */
export type Diagnostic =
  | {
      /** Discriminant. */
      readonly kind: 'diagnostic';
      /** Session-tracker state was dropped (caps or idle timeouts). */
      readonly code: 'evicted';
      /** One sentence. */
      readonly message: string;
      /** The host concerned (`undefined`: events without a host). */
      readonly host: string | undefined;
      /** Event time of the report. */
      readonly time: number;
      /** Evictions since the previous report for this host. */
      readonly counts: EvictionCounts;
    }
  | {
      /** Discriminant. */
      readonly kind: 'diagnostic';
      /** Events arrived after newer ones had been processed (beyond the skew window), or the reorder buffer overflowed. */
      readonly code: 'late_events' | 'reorder_overflow';
      /** One sentence. */
      readonly message: string;
      /** How many events, in total so far. */
      readonly count: number;
    };
