import type { Finding } from '../findings/finding.js';
import type { Detector, DetectorContext, DetectorInput } from './detector.js';
import { NO_FINDINGS } from './no-findings.js';

/**
 * A checkpoint of a {@link DetectorSet}: plain JSON.
 *
 * @example
 * ```ts
 * const saved: DetectorSetSnapshot = JSON.parse(JSON.stringify(set.snapshot()));
 * ```
 */
export interface DetectorSetSnapshot {
  /** Marks the object as a detector-set snapshot. */
  readonly format: 'sshtrail.detectors';
  /** Layout version. */
  readonly version: 1;
  /** Each detector's state, by detector id. */
  readonly states: Readonly<Record<string, unknown>>;
  /** Ids of recently emitted findings (for de-duplication). */
  readonly emitted: readonly string[];
}

/**
 * Options of {@link createDetectorSet}.
 *
 * @example
 * ```ts
 * const options: DetectorSetOptions = { maxRememberedFindings: 50_000 };
 * ```
 */
export interface DetectorSetOptions {
  /** Finding ids remembered to drop repeats (default 10000). */
  readonly maxRememberedFindings?: number;
  /** A snapshot to continue from (states of detectors not in the set are ignored). */
  readonly snapshot?: DetectorSetSnapshot;
}

/**
 * Runs several detectors over one input stream, each with its own state.
 */
export interface DetectorSet {
  /** The detectors, in the order given. */
  readonly detectors: readonly Detector[];
  /**
   * Feeds one input (an event or a session change) to every detector.
   *
   * @param input - The input, in time order.
   * @param context - Read-only views at this point of the stream.
   * @returns New findings (a finding id already emitted is not repeated).
   * @example
   * ```ts
   * for (const f of set.push({ kind: 'event', event }, context)) write(f);
   * ```
   */
  push(input: DetectorInput, context: DetectorContext): readonly Finding[];
  /**
   * Lets time-based detectors report what waits on time (end of input or a tick).
   *
   * @param now - The latest event time.
   * @param context - Read-only views.
   * @returns New findings.
   * @example
   * ```ts
   * set.flush(lastEventTime, context);
   * ```
   */
  flush(now: number, context: DetectorContext): readonly Finding[];
  /**
   * A plain-JSON checkpoint.
   *
   * @returns The snapshot.
   * @example
   * ```ts
   * const again = createDetectorSet(detectors, { snapshot: set.snapshot() });
   * ```
   */
  snapshot(): DetectorSetSnapshot;
}

/**
 * Creates a detector set (the driver the analyzer calls).
 *
 * @param detectors - The detectors (ids must be unique).
 * @param options - Caps, or a snapshot to continue from.
 * @returns The set.
 * @throws TypeError when two detectors share an id; RangeError for a bad cap.
 * @example
 * ```ts
 * const set = createDetectorSet(createDetectors(config));
 * analyzer.on('event', (event) => report(set.push({ kind: 'event', event }, context)));
 * ```
 */
export function createDetectorSet(
  detectors: readonly Detector[],
  options: DetectorSetOptions = {},
): DetectorSet {
  const cap = options.maxRememberedFindings ?? 10_000;
  if (!(cap >= 0)) throw new RangeError('maxRememberedFindings must be >= 0');
  const ids = new Set<string>();
  for (const d of detectors) {
    if (ids.has(d.id)) throw new TypeError(`two detectors share the id ${d.id}`);
    ids.add(d.id);
  }
  const saved = options.snapshot?.states ?? {};
  const states: unknown[] = detectors.map((d) =>
    Object.hasOwn(saved, d.id) ? saved[d.id] : d.init(),
  );
  const emitted = new Set<string>(options.snapshot?.emitted ?? []);

  const keep = (found: readonly Finding[], out: Finding[]): void => {
    for (const f of found) {
      if (emitted.has(f.id)) continue;
      emitted.add(f.id);
      if (emitted.size > cap) {
        const oldest = emitted.values().next().value;
        if (oldest !== undefined) emitted.delete(oldest);
      }
      out.push(f);
    }
  };

  return {
    detectors,
    push(input, context) {
      let out: Finding[] | undefined;
      for (let i = 0; i < detectors.length; i += 1) {
        const d = detectors[i] as Detector;
        const step = d.step(states[i], input, context);
        states[i] = step.state;
        if (step.findings.length > 0) {
          out ??= [];
          keep(step.findings, out);
        }
      }
      return out ?? NO_FINDINGS;
    },
    flush(now, context) {
      const out: Finding[] = [];
      detectors.forEach((d, i) => {
        if (d.flush === undefined) return;
        const step = d.flush(states[i], now, context);
        states[i] = step.state;
        keep(step.findings, out);
      });
      return out;
    },
    snapshot() {
      const out: Record<string, unknown> = {};
      detectors.forEach((d, i) => {
        out[d.id] = JSON.parse(JSON.stringify(states[i] ?? null));
      });
      return { format: 'sshtrail.detectors', version: 1, states: out, emitted: [...emitted] };
    },
  };
}
