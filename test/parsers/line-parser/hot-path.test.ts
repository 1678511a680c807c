import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createProbedLineParser } from '../../../src/parsers/line-parser.js';
import { hostileLineRuns } from './hostile-lines.js';

// The hot paths must build exactly the event the general path builds (same keys, same order,
// same values, `undefined` included), and leave every other line to it.
const UNDEFINED = '\u0000undefined';
const serialize = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) => (v === undefined ? UNDEFINED : v));

const OPTIONS = [
  { source: 's', year: 2024, timezone: 'UTC' },
  { source: 's', referenceTime: Date.UTC(2024, 5, 1), host: 'fallback' },
  { source: 's', timezone: 'Europe/Berlin', referenceTime: Date.UTC(2025, 0, 3) },
] as const;

function compare(lines: readonly string[]): { hot: number; lines: number } {
  let hot = 0;
  for (const options of OPTIONS) {
    const fast = createProbedLineParser(options, true);
    const general = createProbedLineParser(options, false);
    for (const line of lines) {
      expect(serialize(fast.parse(line)), line).toBe(serialize(general.parse(line)));
    }
    expect(serialize(fast.snapshot())).toBe(serialize(general.snapshot()));
    expect(general.hotLines()).toBe(0);
    hot += fast.hotLines();
  }
  return { hot, lines: lines.length * OPTIONS.length };
}

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    const stat = statSync(path, { throwIfNoEntry: false });
    if (stat === undefined) return [];
    return stat.isDirectory() ? files(path) : stat.size < 4_000_000 ? [path] : [];
  });
}

describe('line parser hot paths', () => {
  it('match the general path on every fixture, taking some lines and leaving others', () => {
    const lines = files(join(__dirname, '../../fixtures')).flatMap((file) =>
      readFileSync(file, 'latin1').split(/\r?\n/),
    );
    const { hot, lines: total } = compare(lines);
    expect(hot).toBeGreaterThan(100);
    expect(hot).toBeLessThan(total);
  });

  it('match the general path on runs of hostile lines', () => {
    let hot = 0;
    let total = 0;
    fc.assert(
      fc.property(hostileLineRuns, (run) => {
        const counts = compare(run);
        hot += counts.hot;
        total += counts.lines;
      }),
      { numRuns: 400 },
    );
    // Both paths are exercised: a share of the lines is hot, the rest falls back.
    expect(hot).toBeGreaterThan(total / 20);
    expect(hot).toBeLessThan(total / 2);
  });
});
