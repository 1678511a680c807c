import type { Provenance } from '../../events/provenance.js';
import type { Finding } from '../../findings/finding.js';
import type { Detector } from '../detector.js';
import { inputTime } from '../input.js';
import { type Lru, lruCreate, lruGet, lruSet } from '../lru.js';
import { createQuietSteps } from '../no-findings.js';
import type { KeyFn } from './entity.js';
import type { Matcher } from './matchers.js';
import {
  appendEvidence,
  checkRule,
  evidenceOf,
  type RuleSpec,
  ruleFinding,
  spanText,
  subjectOf,
} from './rule.js';
import { within as toMs } from './within.js';

// Steps that find nothing reuse one object per state (see createQuietSteps).
const quiet = createQuietSteps();

/**
 * Options of {@link threshold}.
 *
 * @example
 * ```ts
 * const spec: ThresholdSpec = {
 *   id: 'acme.sudo_burst', title: 'sudo burst', match: eventOf('priv.sudo'),
 *   key: sameEntity('user'), count: 10, within: '5m',
 * };
 * ```
 */
export interface ThresholdSpec extends RuleSpec {
  /** Which inputs count. */
  readonly match: Matcher;
  /** How they are grouped (see {@link sameEntity}). */
  readonly key: KeyFn;
  /** How many within the window make a finding (at least 1). */
  readonly count: number;
  /** The window: ms or a duration text (`10m`). */
  readonly within: number | string;
}

/** State of a {@link threshold} detector. */
export interface ThresholdState {
  /** Per key: recent match times, evidence, and when it last fired. */
  readonly keys: Lru<{ times: number[]; evidence: Provenance[]; fired: number | null }>;
}

/**
 * A detector that fires when `count` matching inputs of one entity fall within a window
 * (once per window and key). State: per key at most `count` times and 50 evidence lines,
 * at most `maxKeys` keys.
 *
 * @param spec - Id, title, matcher, key, count and window.
 * @returns The detector.
 * @throws TypeError / RangeError for invalid options.
 * @example
 * ```ts
 * const sudoBurst = threshold({
 *   id: 'acme.sudo_burst', title: 'Burst of sudo', match: eventOf('priv.sudo'),
 *   key: sameEntity('user'), count: 10, within: '5m',
 * });
 * ```
 */
export function threshold(spec: ThresholdSpec): Detector<ThresholdState> {
  checkRule(spec);
  const windowMs = toMs(spec.within);
  if (!Number.isInteger(spec.count) || spec.count < 1) {
    throw new RangeError('count must be an integer >= 1');
  }
  const maxKeys = spec.maxKeys ?? 10_000;
  return {
    id: spec.id,
    title: spec.title,
    description: spec.description ?? spec.title,
    techniques: spec.techniques ?? [],
    needs: spec.needs ?? ['auth'],
    options: { count: spec.count, windowMs, maxKeys },
    init: () => ({ keys: lruCreate() }),
    step(state, input, context) {
      if (!spec.match(input, context)) return quiet(state);
      const key = spec.key(input);
      if (key === undefined) return quiet(state);
      const t = inputTime(input);
      const entry = lruGet(state.keys, key) ?? { times: [], evidence: [], fired: null };
      lruSet(state.keys, key, entry, maxKeys);
      entry.times.push(t);
      while (entry.times.length > 0 && (entry.times[0] ?? t) < t - windowMs) entry.times.shift();
      if (entry.times.length > spec.count) entry.times.splice(0, entry.times.length - spec.count);
      if (entry.times.length === 1) entry.evidence.length = 0;
      appendEvidence(entry.evidence, evidenceOf(input, 10), 50);
      const findings: Finding[] = [];
      const first = entry.times[0] ?? t;
      if (
        entry.times.length >= spec.count &&
        (entry.fired === null || t - entry.fired > windowMs)
      ) {
        entry.fired = t;
        findings.push(
          ruleFinding(
            spec,
            subjectOf(input),
            { key, count: entry.times.length, first, last: t, windowMs },
            entry.evidence,
            input.kind === 'session' ? [input.session.id] : [],
            (f) =>
              `${f.count} matching events for ${f.key} within ${spanText(f.windowMs)} (the last at ${new Date(f.last).toISOString()}).`,
          ),
        );
        entry.evidence = [];
      }
      return { state, findings };
    },
  };
}
