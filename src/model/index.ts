export type {
  PrivilegeAttachment,
  PrivilegeChange,
  SessionChannel,
  SessionEndReason,
  SessionTruncation,
  SshSession,
} from './session.js';
export type { EvictionCounts, SessionChange } from './session-change.js';
export {
  createSessionTracker,
  restoreSessionTracker,
  type SessionTracker,
  type SessionTrackerSnapshot,
} from './session-tracker.js';
export type { HostFilter, SessionViews, TrackerSize } from './session-views.js';
export type { SessionTrackerOptions } from './tracker-options.js';
