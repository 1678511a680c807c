export {
  AGENT_SOCKET_HIJACK,
  type AgentSocketHijackOptions,
  agentSocketHijack,
} from './agent-socket-hijack.js';
export type {
  AgentSocketHijackState,
  FirstUse,
  HijackActor,
  OnwardClient,
  PendingOnward,
  PriorConnect,
} from './agent-socket-state.js';
export type { MasterClient, MasterUse, ServerChannel } from './control-master-hijack.js';
export {
  CONTROL_MASTER_HIJACK,
  type ControlMasterHijackOptions,
  type ControlMasterHijackState,
  controlMasterHijack,
} from './control-master-hijack.js';
export type { HostFacts, ProcFact } from './host-facts.js';
export type { ClientStart } from './key-misuse.js';
export {
  KEY_MISUSE,
  type KeyMisuseOptions,
  type KeyMisuseState,
  keyMisuse,
} from './key-misuse.js';
export {
  KEY_TAMPERING,
  type KeyTamperingOptions,
  type KeyTamperingState,
  keyTampering,
} from './key-tampering.js';
export type { ChainNode } from './lateral-movement-chain.js';
export {
  LATERAL_MOVEMENT_CHAIN,
  type LateralMovementChainOptions,
  type LateralMovementChainState,
  lateralMovementChain,
} from './lateral-movement-chain.js';
export {
  MISSING_LOGS,
  type MissingLogsOptions,
  type MissingLogsState,
  missingLogs,
} from './missing-logs.js';
export {
  UNEXPECTED_SSH_CLIENT,
  type UnexpectedSshClientOptions,
  type UnexpectedSshClientState,
  unexpectedSshClient,
} from './unexpected-ssh-client.js';
export {
  createLogGapBuffer,
  hopGraphView,
  type LogGapBuffer,
  logGapView,
  processTreeView,
  socketRegistryView,
} from './views.js';
