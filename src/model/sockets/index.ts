export {
  classifySocketPath,
  type SocketClass,
  type SocketKind,
} from './classify-socket-path.js';
export {
  type ControlPathMatcher,
  type ControlPathPart,
  type ControlPathValues,
  compileControlPath,
  matchControlPath,
  type SocketArguments,
  socketArguments,
} from './control-path.js';
export {
  createSocketRegistry,
  restoreSocketRegistry,
  type SocketRegistry,
  type SocketRegistrySnapshot,
} from './socket-registry.js';
export type {
  OwnerBasis,
  SocketOwner,
  SocketRegistryOptions,
  SocketUse,
  SocketUseVia,
} from './socket-types.js';
