import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');

interface Row {
  readonly type: string;
  readonly detector?: string;
  readonly host?: string | null;
}

describe('sshtrail scan of per-host log copies without --host-from-dir', () => {
  it('gives audit logs without node= the host named by the auth log beside them', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sshtrail-sibling-'));
    cpSync(
      path.join(ROOT, 'test/fixtures/scenarios/agent-hijack/bastion'),
      path.join(dir, 'copy-a'),
      { recursive: true },
    );
    cpSync(path.join(ROOT, 'test/fixtures/scenarios/agent-hijack/app1'), path.join(dir, 'copy-b'), {
      recursive: true,
    });
    const run = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'src/cli/main.ts', 'scan', dir, '--year', '2026', '--quiet'],
      {
        cwd: ROOT,
        encoding: 'utf8',
        timeout: 60_000,
      },
    );
    expect(run.status).toBe(0);
    const rows = run.stdout
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Row);
    const hijack = rows.filter((r) => r.detector === 'ssh.agent_socket_hijack');
    expect(hijack.length).toBeGreaterThan(0);
    // The folder names say nothing; the host comes from the bastion's own auth.log lines.
    expect(hijack.every((r) => r.host === 'bastion')).toBe(true);
    expect(rows.some((r) => r.detector === 'ssh.key_misuse' && r.host === 'app1')).toBe(true);
  });

  it('infers RFC3164 years from the newest audit record rather than from today', () => {
    // The same incident, one year earlier: the audit log says 2025; the auth logs say only `Mar 10`.
    const dir = mkdtempSync(path.join(tmpdir(), 'sshtrail-year-'));
    cpSync(path.join(ROOT, 'test/fixtures/scenarios/agent-hijack'), dir, { recursive: true });
    const audit = path.join(dir, 'bastion/audit.log');
    const year = 365 * 86_400;
    writeFileSync(
      audit,
      readFileSync(audit, 'utf8').replace(
        /audit\((\d+)\./g,
        (_, s: string) => `audit(${Number(s) - year}.`,
      ),
    );
    const run = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'src/cli/main.ts', 'scan', dir, '--quiet'],
      {
        cwd: ROOT,
        encoding: 'utf8',
        timeout: 60_000,
      },
    );
    expect(run.status).toBe(0);
    const rows = run.stdout
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Row & { time?: string });
    const critical = rows.find(
      (r) =>
        r.detector === 'ssh.agent_socket_hijack' &&
        (r as { severity?: string }).severity === 'critical',
    );
    expect(critical?.time?.startsWith('2025-03-10')).toBe(true);
  });
});
