import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseSummaryText, scanSummaryText, wantsSummary } from '../../src/cli/run-summary.js';
import type { SourceStats } from '../../src/parsers/source-stats.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

function stats(source: string, lines: number, events: number): SourceStats {
  return {
    source,
    lines,
    events,
    ignored: lines - events,
    unrecognized: 0,
    malformed: 0,
    reasons: {},
  };
}

describe('scanSummaryText', () => {
  it('counts files, lines, sessions, findings by severity (worst first) and cases', () => {
    const text = scanSummaryText({
      sources: [stats('a/auth.log', 1200, 1000), stats('b/audit.log', 40, 38)],
      sessions: 3,
      findings: ['low', 'critical', 'low'],
      cases: 1,
    });
    expect(text).toBe(
      'sshtrail: 2 files, 1,240 lines (1,038 in events): 3 sessions, 3 findings (1 critical, 2 low), 1 case\n',
    );
  });

  it('says plainly that a clean scan found nothing', () => {
    const text = scanSummaryText({
      sources: [stats('auth.log', 1, 1)],
      sessions: 1,
      findings: [],
      cases: 0,
    });
    expect(text).toBe('sshtrail: 1 file, 1 line (1 in events): 1 session, 0 findings, 0 cases\n');
  });
});

describe('parseSummaryText', () => {
  it('says what became of the lines and where to look for why', () => {
    const mixed = { ...stats('auth.log', 40, 37), ignored: 1, unrecognized: 1, malformed: 1 };
    expect(parseSummaryText([mixed])).toBe(
      'sshtrail: 1 file, 40 lines: 37 in events, 1 ignored, 1 unrecognized, 1 malformed (--stats for why)\n',
    );
    expect(parseSummaryText([stats('a', 2, 2), stats('b', 0, 0)])).toBe(
      'sshtrail: 2 files, 2 lines: 2 in events, 0 ignored, 0 unrecognized, 0 malformed\n',
    );
  });
});

describe('wantsSummary', () => {
  it('writes only for a person at a terminal, never with --quiet or --follow', () => {
    expect(wantsSummary(true, false, false)).toBe(true);
    expect(wantsSummary(false, false, false)).toBe(false);
    expect(wantsSummary(true, true, false)).toBe(false);
    expect(wantsSummary(true, false, true)).toBe(false);
  });
});

// `script` (util-linux) runs the CLI on a pseudo-terminal, as a person would.
const hasScript = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;
if (!hasScript)
  console.warn('skipping the terminal scan summary test: util-linux `script` not found');

describe.skipIf(!hasScript)('sshtrail scan on a terminal', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'sshtrail-summary-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const log = path.join(dir, 'auth.log');
  writeFileSync(
    log,
    [
      'Mar  4 09:02:11 bastion sshd[2210]: Accepted publickey for alice from 198.51.100.23 port 51514 ssh2: ED25519 SHA256:Vq2Xo7tOe1t8pQ4b1b7kq0Q2c9kP8m3yQm5sJmGm0xA',
      'Mar  4 09:02:11 bastion sshd[2210]: pam_unix(sshd:session): session opened for user alice(uid=1000) by (uid=0)',
      'Mar  4 09:40:00 bastion sshd[2210]: pam_unix(sshd:session): session closed for user alice',
      '',
    ].join('\n'),
  );
  const run = (extra: string): string => {
    const command = `${process.execPath} --import tsx src/cli/main.ts scan --year 2024 ${extra} ${log}`;
    const result = spawnSync('script', ['-qec', command, '/dev/null'], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(result.status).toBe(0);
    return result.stdout.replace(/\r/g, '');
  };

  it('ends a clean scan with one summary line instead of silence', () => {
    expect(run('')).toBe(
      'sshtrail: 1 file, 3 lines (3 in events): 1 session, 0 findings, 0 cases\n',
    );
  });

  it('stays silent with --quiet', () => {
    expect(run('--quiet')).toBe('');
  });

  it('ends parse with what became of the lines, after the events', () => {
    const command = `${process.execPath} --import tsx src/cli/main.ts parse --year 2024 ${log}`;
    const result = spawnSync('script', ['-qec', command, '/dev/null'], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 60_000,
    });
    const lines = result.stdout.replace(/\r/g, '').trim().split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[3]).toBe(
      'sshtrail: 1 file, 3 lines: 3 in events, 0 ignored, 0 unrecognized, 0 malformed',
    );
  });
});
