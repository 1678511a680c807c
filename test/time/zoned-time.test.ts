import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isValidTimeZone, zonedWallTime, zonedWallTimeToEpoch } from '../../src/time/index.js';

describe('zonedWallTimeToEpoch', () => {
  it('converts ordinary times with the zone offset in force', () => {
    expect(zonedWallTimeToEpoch(2024, 1, 15, 12, 0, 0, 0, 'Europe/Berlin')).toBe(
      Date.UTC(2024, 0, 15, 11),
    );
    expect(zonedWallTimeToEpoch(2024, 7, 1, 12, 0, 0, 5, 'America/New_York')).toBe(
      Date.UTC(2024, 6, 1, 16, 0, 0, 5),
    );
    expect(zonedWallTimeToEpoch(2024, 7, 1, 12, 0, 0, 0, 'Asia/Kolkata')).toBe(
      Date.UTC(2024, 6, 1, 6, 30),
    );
  });

  it('reads a time in the spring gap with the offset before the gap (02:30 -> 03:30 CEST)', () => {
    expect(zonedWallTimeToEpoch(2024, 3, 31, 2, 30, 0, 0, 'Europe/Berlin')).toBe(
      Date.UTC(2024, 2, 31, 1, 30),
    );
    expect(zonedWallTimeToEpoch(2024, 3, 10, 2, 30, 0, 0, 'America/New_York')).toBe(
      Date.UTC(2024, 2, 10, 7, 30),
    );
  });

  it('reads a time in the autumn overlap as the earlier instant', () => {
    expect(zonedWallTimeToEpoch(2024, 10, 27, 2, 30, 0, 0, 'Europe/Berlin')).toBe(
      Date.UTC(2024, 9, 27, 0, 30),
    );
    expect(zonedWallTimeToEpoch(2024, 10, 27, 2, 59, 59, 999, 'Europe/Berlin')).toBe(
      Date.UTC(2024, 9, 27, 0, 59, 59, 999),
    );
    expect(zonedWallTimeToEpoch(2024, 10, 27, 3, 0, 0, 0, 'Europe/Berlin')).toBe(
      Date.UTC(2024, 9, 27, 2),
    );
  });

  it('handles a half-hour DST zone around its change (Australia/Lord_Howe)', () => {
    // 2024-04-07 02:00 (+11) -> 01:30 (+10:30): 01:45 occurs twice.
    expect(zonedWallTimeToEpoch(2024, 4, 7, 1, 45, 0, 0, 'Australia/Lord_Howe')).toBe(
      Date.UTC(2024, 3, 6, 14, 45),
    );
    expect(zonedWallTimeToEpoch(2024, 4, 7, 1, 15, 0, 0, 'Australia/Lord_Howe')).toBe(
      Date.UTC(2024, 3, 6, 14, 15),
    );
  });

  it('is the inverse of zonedWallTime for every instant outside overlaps', () => {
    const zone = fc.constantFrom(
      'Europe/Berlin',
      'America/New_York',
      'Australia/Lord_Howe',
      'Asia/Tokyo',
      'UTC',
    );
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(1971, 0, 1), max: Date.UTC(2037, 0, 1) }),
        zone,
        (t, z) => {
          const w = zonedWallTime(t, z);
          const back = zonedWallTimeToEpoch(
            w.year,
            w.month,
            w.day,
            w.hour,
            w.minute,
            w.second,
            w.millisecond,
            z,
          );
          // Either the same instant, or the earlier twin of an overlapped wall time.
          expect(back <= t && t - back <= 3_600_000).toBe(true);
          const again = zonedWallTime(back, z);
          expect(again).toEqual(w);
        },
      ),
    );
  });

  it('throws RangeError for an unknown zone', () => {
    expect(() => zonedWallTimeToEpoch(2024, 1, 1, 0, 0, 0, 0, 'Nowhere/Land')).toThrow(RangeError);
  });
});

describe('zonedWallTime', () => {
  it('shows the wall clock of a zone, months 1-12', () => {
    expect(zonedWallTime(Date.UTC(2024, 6, 1, 12, 0, 0, 250), 'Europe/Berlin')).toEqual({
      year: 2024,
      month: 7,
      day: 1,
      hour: 14,
      minute: 0,
      second: 0,
      millisecond: 250,
    });
  });

  it('crosses the date line', () => {
    expect(zonedWallTime(Date.UTC(2024, 11, 31, 20), 'Asia/Tokyo')).toMatchObject({
      year: 2025,
      month: 1,
      day: 1,
      hour: 5,
    });
  });
});

describe('isValidTimeZone', () => {
  it('accepts IANA names and rejects others', () => {
    expect(['UTC', 'Europe/Berlin', 'America/Argentina/Buenos_Aires'].map(isValidTimeZone)).toEqual(
      [true, true, true],
    );
    expect(['', 'Mars/Olympus_Mons', 'Europe/Berlin '].map(isValidTimeZone)).toEqual([
      false,
      false,
      false,
    ]);
  });
});
