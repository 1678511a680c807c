export {
  AUTH_DETECTOR_IDS,
  createDetectors,
  createHijackDetectors,
  defaultDetectors,
  HIJACK_DETECTOR_IDS,
} from './catalog.js';
export * from './compose/index.js';
export {
  capEvidence,
  createFinding,
  DEFAULT_MAX_EVIDENCE,
  type FindingSpec,
  isoTime,
} from './create-finding.js';
export type {
  Detector,
  DetectorContext,
  DetectorInput,
  DetectorNeed,
  DetectorStep,
  HopGraphView,
  LogGapView,
  ProcessFactsView,
  ProcessTreeView,
  SocketRegistryView,
} from './detector.js';
export { createDetectorContext, type DetectorContextParts } from './detector-context.js';
export {
  createDetectorSet,
  type DetectorSet,
  type DetectorSetOptions,
  type DetectorSetSnapshot,
} from './detector-set.js';
export * from './hijack/index.js';
export { inputEvidence, inputHost, inputSourceIp, inputTime, inputUser } from './input.js';
export type { Lru } from './lru.js';
export {
  AGENT_FORWARDING,
  type AgentForwardingOptions,
  type AgentForwardingState,
  agentForwarding,
} from './ssh/agent-forwarding.js';
export {
  BRUTE_FORCE_SUCCESS,
  type BruteForceSource,
  type BruteForceSuccessOptions,
  type BruteForceSuccessState,
  bruteForceSuccess,
} from './ssh/brute-force-success.js';
export {
  CONCURRENT_SESSIONS,
  type ConcurrentSessionsOptions,
  type ConcurrentSessionsState,
  concurrentSessions,
} from './ssh/concurrent-sessions.js';
export {
  MULTIPLEXED_CHANNEL,
  type MultiplexedChannelOptions,
  type MultiplexedChannelState,
  multiplexedChannel,
} from './ssh/multiplexed-channel.js';
export {
  PRIVILEGE_ESCALATION,
  type PrivilegeEscalationOptions,
  type PrivilegeEscalationState,
  privilegeEscalation,
} from './ssh/privilege-escalation.js';
export {
  SESSION_DURATION_ANOMALY,
  type SessionDurationAnomalyOptions,
  type SessionDurationAnomalyState,
  sessionDurationAnomaly,
} from './ssh/session-duration-anomaly.js';
export {
  type FanOutEntry,
  UNUSUAL_SOURCE,
  type UnusualSourceOptions,
  type UnusualSourceState,
  unusualSource,
} from './ssh/unusual-source.js';
export { UNUSUAL_TIME, type UnusualTimeState, unusualTime } from './ssh/unusual-time.js';
