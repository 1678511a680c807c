import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const LOGS = path.join(ROOT, 'test/fixtures/triage/logs');

/** The hop tooltips of `scan --output html` over a fixture set. */
function hopTitles(name: string, extra: readonly string[] = []): string[] {
  const args = ['scan', path.join(LOGS, name), '--host-from-dir', '--year', '2026', '--quiet'];
  const run = spawnSync(
    process.execPath,
    ['--import', 'tsx', 'src/cli/main.ts', ...args, '--output', 'html', ...extra],
    { cwd: ROOT, encoding: 'utf8', timeout: 60_000 },
  );
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  return [...run.stdout.matchAll(/<title>(hop [^<]*)<\/title>/g)].map((m) => m[1] ?? '');
}

describe('scan --output html: the session a hop came from', () => {
  it('draws the hop from the session that ran the ssh client: eve’s, with alice’s agent', () => {
    expect(hopTitles('agent-hijack-hop')).toEqual([
      'hop jump01/21502/1795701910000 → db02/3390/1795702121000 (the ssh client ran in jump01/21502/1795701910000)',
    ]);
  });

  it('draws it from alice’s session when alice ran it herself (look-alike)', () => {
    expect(hopTitles('own-agent-hop')).toEqual([
      'hop jump01/21410/1795701602000 → db02/3390/1795702121000 (the ssh client ran in jump01/21410/1795701602000)',
    ]);
  });

  it('says the source session is a guess when the clocks keep the ssh client out of reach', () => {
    // Read as UTC+1, auth.log puts both logins an hour off the audit records.
    const [title] = hopTitles('agent-hijack-hop', ['--timezone', 'Etc/GMT+1']);
    expect(title).toMatch(
      /^hop jump01\/21410\/\d+ → db02\/3390\/\d+ \(source session uncertain: 2 sessions were open on jump01 and nothing tied the ssh client to one; this is the one of the same user\)$/,
    );
  });
});
