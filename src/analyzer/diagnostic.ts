import type { Provenance } from '../events/index.js';
import type { EvictionCounts } from '../model/index.js';

/**
 * Something the analyzer wants a human to know about its own work: state it evicted to stay
 * within its memory bounds, events that came too late to be put in time order, or a host whose
 * sshd lines and audit records disagree on the time by a whole time-zone step.
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
    }
  | {
      /** Discriminant. */
      readonly kind: 'diagnostic';
      /**
       * A host's sshd logins and its audit records of the same sshd processes disagree on the
       * time by a whole time-zone step: its syslog lines were most likely read in the wrong zone.
       */
      readonly code: 'clock_offset';
      /** One sentence, naming the host and the offset and pointing at the time-zone option. */
      readonly message: string;
      /** The host concerned (reported once per host). */
      readonly host: string;
      /** Event time of the report. */
      readonly time: number;
      /** How far sshd's times are ahead of the audit records' (negative: behind), in minutes: a multiple of 15. */
      readonly offsetMinutes: number;
      /**
       * How many logins (distinct sshd pids) agreed on the offset when it was reported. Named
       * like the other variants' `count`, so code that narrows only `evicted` still compiles.
       */
      readonly count: number;
      /** The first pair compared: sshd's `Accepted` line and the audit login record of the same pid. */
      readonly evidence: {
        /** The sshd `Accepted ...` line. */
        readonly sshd: Provenance;
        /** The audit record (`LOGIN`, `USER_START`...) whose `pid=` is that sshd. */
        readonly audit: Provenance;
      };
    };
