export type {
  AuditSessionLink,
  JoinableEvent,
  JoinedEvent,
  JoinMethod,
  SessionJoinOptions,
  SessionJoinSize,
  SessionMatch,
  SessionQuery,
} from './join-types.js';
export {
  authSockOf,
  type EnvSnapshotLike,
  isSshdProgram,
  normalizeTty,
  type TelemetryEvent,
} from './observations.js';
export type { ProcessOrigin, ProcessRecord } from './process-record.js';
export {
  createProcessTree,
  type ProcessObservation,
  type ProcessTree,
  type ProcessTreeSnapshot,
  restoreProcessTree,
} from './process-tree.js';
export {
  createSessionJoin,
  restoreSessionJoin,
  type SessionJoin,
  type SessionJoinSnapshot,
} from './session-join.js';
export type { ProcessTreeEvictions, ProcessTreeOptions } from './tree-options.js';
