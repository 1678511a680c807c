import { zonedWallTime } from '../time/index.js';
import type { TimeWindow, Weekday } from './config.js';

const DAYS: readonly Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

/**
 * The local wall-clock position of an instant: weekday and minute of the day.
 *
 * @example
 * ```ts
 * const p: LocalPosition = { day: 'mon', minute: 540, hour: 9 };
 * ```
 */
export interface LocalPosition {
  /** Day of the week. */
  readonly day: Weekday;
  /** Minutes since local midnight (0-1439). */
  readonly minute: number;
  /** Local hour (0-23). */
  readonly hour: number;
}

/**
 * Where an instant falls on the local clock of a zone (DST-correct).
 *
 * @param time - Epoch milliseconds.
 * @param zone - An IANA time zone (must be valid).
 * @returns The local weekday, hour and minute of the day.
 * @example
 * ```ts
 * localPosition(Date.UTC(2024, 6, 1, 7), 'Europe/Berlin').hour; // 9
 * ```
 */
export function localPosition(time: number, zone: string): LocalPosition {
  const wall = zonedWallTime(time, zone);
  const weekday = new Date(Date.UTC(wall.year, wall.month - 1, wall.day)).getUTCDay();
  return {
    day: DAYS[weekday] ?? 'sun',
    minute: wall.hour * 60 + wall.minute,
    hour: wall.hour,
  };
}

/**
 * Whether an instant lies inside a window. Weekly windows are read on the local clock of
 * their own zone, else `zone`; a window whose end is before its start runs past midnight
 * and belongs to the day it starts on.
 *
 * @param window - The window.
 * @param time - Epoch milliseconds.
 * @param zone - The zone for weekly windows without their own (the user's zone).
 * @returns True when `time` is inside.
 * @example
 * ```ts
 * inWindow({ kind: 'recurring', days: ['mon'], start: '22:00', end: '06:00', timezone: 'UTC' },
 *   Date.UTC(2024, 5, 4, 2), 'UTC'); // true: Tuesday 02:00 is Monday night
 * ```
 */
export function inWindow(window: TimeWindow, time: number, zone: string): boolean {
  if (window.kind === 'fixed') return time >= window.from && time <= window.to;
  const at = localPosition(time, window.timezone ?? zone);
  const start = minutes(window.start);
  const end = minutes(window.end);
  const today = window.days.includes(at.day);
  if (start === end) return today;
  if (start < end) return today && at.minute >= start && at.minute < end;
  const yesterday = DAYS[(DAYS.indexOf(at.day) + 6) % 7] ?? 'sun';
  return (today && at.minute >= start) || (window.days.includes(yesterday) && at.minute < end);
}

function minutes(clock: string): number {
  return Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));
}
