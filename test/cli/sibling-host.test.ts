import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync } from 'node:fs';
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
});
