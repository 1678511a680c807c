import type { Finding } from '../findings/finding.js';
import type { DetectorStep } from './detector.js';

/** @internal A shared empty result: most steps find nothing, and need not allocate for it. */
export const NO_FINDINGS: readonly Finding[] = Object.freeze([]);

/**
 * @internal
 * A source of "nothing found" steps that reuses its last one while the state object stays the
 * same: detectors keep one mutable state object, so a step that finds nothing costs no
 * allocation. Steps are read-only, so sharing one is safe.
 *
 * @returns A function giving the quiet step of a state.
 * @example
 * ```ts
 * const quiet = createQuietSteps();
 * const step = quiet(state); // { state, findings: NO_FINDINGS }
 * ```
 */
export function createQuietSteps(): <S>(state: S) => DetectorStep<S> {
  let last: DetectorStep<unknown> = { state: undefined, findings: NO_FINDINGS };
  return <S>(state: S): DetectorStep<S> => {
    if (last.state !== state) last = { state, findings: NO_FINDINGS };
    return last as DetectorStep<S>;
  };
}
