export { type ParsedCidr, parseCidr } from './cidr.js';
export {
  type DetectorConfig,
  emptyConfig,
  type FixedWindow,
  type HostConfig,
  type IntelListConfig,
  type MaintenanceWindow,
  type NetworkConfig,
  type NetworkKind,
  type RecurringWindow,
  type SshtrailConfig,
  type TimeWindow,
  type UserConfig,
  type Weekday,
} from './config.js';
export {
  hostNamed,
  hostOfIp,
  inMaintenance,
  isAutomation,
  isConfiguredSource,
  namedNetworkOf,
  onCall,
  userZone,
} from './lookup.js';
export { type ConfigResult, parseConfig } from './parse-config.js';
export { inWindow, type LocalPosition, localPosition } from './windows.js';
