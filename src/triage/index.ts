export { buildCase } from './build-case.js';
export {
  type CreateTriageOptions,
  createTriage,
  type GroupKey,
  type Triage,
  type TriageSize,
} from './create-triage.js';
export { decideEscalation, type EscalationDecision } from './escalation.js';
export { collectIndicators, type Indicators } from './indicators.js';
export { inferHops } from './infer-hops.js';
export {
  DEFAULT_CORROBORATING_SEVERITY,
  DEFAULT_ESCALATION_POLICY,
  type EscalationPolicy,
  type Hop,
  type TriageDataSources,
  type TriageOptions,
  type UserProfile,
} from './triage-options.js';
export type { TriageSnapshot, TriageSnapshotCase } from './triage-snapshot.js';
export { type ProfileSources, userProfiles } from './user-profiles.js';
