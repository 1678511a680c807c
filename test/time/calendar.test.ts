import { describe, expect, it } from 'vitest';
import { daysInMonth, isLeapYear, utcEpoch } from '../../src/time/index.js';

describe('utcEpoch', () => {
  it('matches Date.UTC with 1-12 months', () => {
    expect(utcEpoch(2024, 3, 31, 1, 0, 0, 7)).toBe(Date.UTC(2024, 2, 31, 1, 0, 0, 7));
  });

  it('takes years 0-99 literally', () => {
    expect(new Date(utcEpoch(50, 7, 1, 12, 0, 0, 0)).toISOString()).toBe(
      '0050-07-01T12:00:00.000Z',
    );
  });
});

describe('daysInMonth / isLeapYear', () => {
  it('knows February in leap and century years', () => {
    expect([
      daysInMonth(2024, 2),
      daysInMonth(2023, 2),
      daysInMonth(1900, 2),
      daysInMonth(2000, 2),
    ]).toEqual([29, 28, 28, 29]);
    expect([isLeapYear(2024), isLeapYear(2100)]).toEqual([true, false]);
  });

  it('returns 0 for an out-of-range month', () => {
    expect([daysInMonth(2024, 0), daysInMonth(2024, 13), daysInMonth(2024, 4)]).toEqual([0, 0, 30]);
  });
});
