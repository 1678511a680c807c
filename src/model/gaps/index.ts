export { createLogGapMonitor, type LogGapMonitor } from './create-log-gap-monitor.js';
export type {
  LogGapFinding,
  LogGapOptions,
  LogMark,
  MissingLoginGap,
  SilenceGap,
  UnendedSessionGap,
} from './gap-types.js';
