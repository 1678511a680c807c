/**
 * `sshtrail scan` says on stderr, in one line, when a host's auth.log was read in the wrong
 * time zone against its audit.log: otherwise findings silently go missing (new-user report P8).
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const FIXTURES = 'test/fixtures/clock-offset';

function scan(args: readonly string[]): { status: number | null; stderr: string } {
  const run = spawnSync(
    process.execPath,
    ['--import', 'tsx', 'src/cli/main.ts', 'scan', ...args, '--year', '2026'],
    { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 60_000 },
  );
  return { status: run.status, stderr: run.stderr };
}

const WARNING =
  /^sshtrail: warning: jump01: sshd logins are 60 minutes ahead of the audit records .* look like UTC\+01:00 local time: check --timezone/;

describe('sshtrail scan: clock offset warning', () => {
  it('prints one warning line for a Berlin-time auth.log read as UTC', () => {
    const run = scan([`${FIXTURES}/localtime`, '--host-from-dir']);
    expect(run.status).toBe(0);
    const lines = run.stderr.split('\n').filter((l) => l.length > 0);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(WARNING);
  });

  it('lists it with the other diagnostics in --stats', () => {
    const run = scan([`${FIXTURES}/localtime`, '--host-from-dir', '--stats']);
    const lines = run.stderr.split('\n');
    expect(lines.filter((l) => WARNING.test(l))).toHaveLength(1);
    const report = JSON.parse(lines.filter((l) => !l.startsWith('sshtrail:')).join('\n')) as {
      diagnostics: readonly string[];
    };
    expect(report.diagnostics).toHaveLength(1);
    expect(report.diagnostics[0]).toMatch(/^jump01: sshd logins are 60 minutes ahead/);
  });

  it('is silent with --quiet, with the right --timezone, and on look-alikes', () => {
    expect(scan([`${FIXTURES}/localtime`, '--host-from-dir', '--quiet']).stderr).toBe('');
    expect(
      scan([`${FIXTURES}/localtime`, '--host-from-dir', '--timezone', 'Europe/Berlin']).stderr,
    ).toBe('');
    expect(scan([`${FIXTURES}/utc`, '--host-from-dir']).stderr).toBe('');
    expect(scan([`${FIXTURES}/pid-reuse`, '--host-from-dir']).stderr).toBe('');
  });
});
