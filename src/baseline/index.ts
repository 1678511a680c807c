export type { Baseline, DurationStats, SessionKind, UserBaseline } from './baseline.js';
export { type BaselineResult, baselineFromJson, baselineToJson } from './baseline-json.js';
export {
  type BaselineLearner,
  type BaselineLearnerOptions,
  createBaselineLearner,
} from './create-baseline-learner.js';
export { isKnownSource, isUsualHour } from './queries.js';
export { robustScore, robustStats } from './robust-stats.js';
export { sessionKind, sessionStart, sourceNetwork } from './session-facts.js';
