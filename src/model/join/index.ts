export { createSessionJoiner, type SessionJoiner } from './create-session-joiner.js';
export {
  createHostIdentity,
  type HostIdentity,
  type HostIdentityConfig,
  type HostIdentityEntry,
} from './host-identity.js';
export type {
  FlowHostView,
  JoinBasis,
  JoinChange,
  SessionJoinerOptions,
  SessionNetworkView,
} from './join-types.js';
