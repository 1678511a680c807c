/**
 * `scan --stats` lists a running total (late events, early releases) once, with its final
 * count: a 125k-record audit.log used to list 67 copies, "1 events..." to "67 events..."
 * (new-user report, fifth round).
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');

function statsOf(file: string): { readonly diagnostics: readonly string[] } {
  const run = spawnSync(
    process.execPath,
    ['--import', 'tsx', 'src/cli/main.ts', 'scan', file, '--stats'],
    { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 60_000 },
  );
  expect(run.status).toBe(0);
  const json = run.stderr
    .split('\n')
    .filter((l) => !l.startsWith('sshtrail:'))
    .join('\n');
  return JSON.parse(json) as { readonly diagnostics: readonly string[] };
}

describe('sshtrail scan --stats: running totals', () => {
  it('lists the late-events count once, with its final value', () => {
    // Three lines come back in time by more than the 2 s skew window, after newer ones left.
    const { diagnostics } = statsOf('test/fixtures/late-events/auth.log');
    expect(diagnostics).toEqual([
      '3 events arrived later than the 2000 ms skew window and were processed out of order',
    ]);
  });
});
