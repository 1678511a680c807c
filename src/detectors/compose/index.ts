export { type AbsencePending, type AbsenceSpec, type AbsenceState, absence } from './absence.js';
export { type Entity, type KeyFn, sameEntity } from './entity.js';
export {
  allOf,
  anyOf,
  type EventOfKind,
  eventOf,
  type Matcher,
  not,
  sessionOf,
} from './matchers.js';
export type { RuleFacts, RuleSpec } from './rule.js';
export { type SequenceSpec, type SequenceState, sequence } from './sequence.js';
export { type ThresholdSpec, type ThresholdState, threshold } from './threshold.js';
export { within } from './within.js';
