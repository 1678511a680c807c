import type { Provenance } from '../../events/provenance.js';
import type { Detector } from '../detector.js';
import { inputTime } from '../input.js';
import { type Lru, lruCreate, lruDelete, lruGet, lruSet } from '../lru.js';
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
 * Options of {@link sequence}.
 *
 * @example
 * ```ts
 * const spec: SequenceSpec = {
 *   id: 'acme.sudo_after_login', title: 'sudo right after login',
 *   steps: [sessionOf('open'), eventOf('priv.sudo')], key: sameEntity('user'), within: '1m',
 * };
 * ```
 */
export interface SequenceSpec extends RuleSpec {
  /** Conditions that must match in this order (at least 2). */
  readonly steps: readonly Matcher[];
  /** Entity all steps must share. */
  readonly key: KeyFn;
  /** Window from the first step to the last: ms or a duration text. */
  readonly within: number | string;
}

/** State of a {@link sequence} detector. */
export interface SequenceState {
  /** Per key: the next step to match, when the first matched, evidence. */
  readonly keys: Lru<{ next: number; start: number; evidence: Provenance[]; sessions: string[] }>;
}

/**
 * A detector that fires when inputs of one entity match `steps` in order within a window
 * (other inputs may come between). A run that runs out of time starts over at the next
 * input matching the first step.
 *
 * @param spec - Id, title, steps, key and window.
 * @returns The detector.
 * @throws TypeError / RangeError for invalid options.
 * @example
 * ```ts
 * const loginThenSudo = sequence({
 *   id: 'acme.fast_sudo', title: 'sudo within a minute of login',
 *   steps: [sessionOf('open'), eventOf('priv.sudo')], key: sameEntity('user'), within: '1m',
 * });
 * ```
 */
export function sequence(spec: SequenceSpec): Detector<SequenceState> {
  checkRule(spec);
  const windowMs = toMs(spec.within);
  if (spec.steps.length < 2) throw new RangeError('a sequence needs at least 2 steps');
  const maxKeys = spec.maxKeys ?? 10_000;
  return {
    id: spec.id,
    title: spec.title,
    description: spec.description ?? spec.title,
    techniques: spec.techniques ?? [],
    needs: spec.needs ?? ['auth'],
    options: { steps: spec.steps.length, windowMs, maxKeys },
    init: () => ({ keys: lruCreate() }),
    step(state, input, context) {
      const key = spec.key(input);
      if (key === undefined) return quiet(state);
      const t = inputTime(input);
      let run = lruGet(state.keys, key);
      if (run !== undefined && t - run.start > windowMs) {
        lruDelete(state.keys, key);
        run = undefined;
      }
      const next = run?.next ?? 0;
      const step = spec.steps[next];
      if (step === undefined || !step(input, context)) return quiet(state);
      if (run === undefined) {
        run = { next: 0, start: t, evidence: [], sessions: [] };
        lruSet(state.keys, key, run, maxKeys);
      }
      run.next += 1;
      appendEvidence(run.evidence, evidenceOf(input, 10), 50);
      if (input.kind === 'session' && !run.sessions.includes(input.session.id)) {
        run.sessions.push(input.session.id);
      }
      if (run.next < spec.steps.length) return quiet(state);
      lruDelete(state.keys, key);
      const finding = ruleFinding(
        spec,
        subjectOf(input),
        { key, count: spec.steps.length, first: run.start, last: t, windowMs },
        run.evidence,
        run.sessions,
        (f) =>
          `${f.count} steps matched in order for ${f.key} within ${spanText(f.last - f.first)} (window ${spanText(f.windowMs)}).`,
      );
      return { state, findings: [finding] };
    },
  };
}
