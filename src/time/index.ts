export { daysInMonth, isLeapYear, utcEpoch } from './calendar.js';
export type { WallTime } from './zoned-time.js';
export { isValidTimeZone, zonedWallTime, zonedWallTimeToEpoch } from './zoned-time.js';
