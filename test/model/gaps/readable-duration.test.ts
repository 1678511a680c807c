import { describe, expect, it } from 'vitest';
import { readableDuration } from '../../../src/model/gaps/readable-duration.js';

describe('readableDuration', () => {
  it('picks the unit an analyst reads a gap in', () => {
    expect(readableDuration(45_000)).toBe('45.0 s');
    expect(readableDuration(119_000)).toBe('119.0 s');
    expect(readableDuration(23 * 60_000)).toBe('23.0 min');
    expect(readableDuration(5.2 * 3_600_000)).toBe('5.2 h');
    // The two-week silence once printed as `20598.1 min`.
    expect(readableDuration(20_598.1 * 60_000)).toBe('14.3 days');
  });
});
