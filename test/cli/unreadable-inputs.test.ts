import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SETPRIV = '/usr/bin/setpriv';
const root = process.getuid?.() === 0;

/** Whether `nobody` can reach the CLI's own files (a checkout under a private directory cannot). */
function nobodyCanRun(): boolean {
  if (!root || !existsSync(SETPRIV)) return false;
  const probe = spawnSync(SETPRIV, [
    '--reuid=65534',
    '--regid=65534',
    '--clear-groups',
    'test',
    '-r',
    path.join(ROOT, 'node_modules/tsx/package.json'),
  ]);
  return probe.status === 0;
}
const runnable = nobodyCanRun();
if (!runnable) {
  console.warn(
    'unreadable-inputs: skipped (needs root, setpriv, and a checkout the user nobody can read)',
  );
}

// Permissions do not stop root, so the CLI runs as `nobody` through setpriv.
describe.skipIf(!runnable)('sshtrail scan on a directory with unreadable entries', () => {
  it('skips what it cannot read inside a directory, lists it in --stats, and scans the rest', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sshtrail-perm-'));
    chmodSync(dir, 0o755);
    mkdirSync(path.join(dir, 'ok'), { mode: 0o755 });
    mkdirSync(path.join(dir, 'locked'), { mode: 0o755 });
    copyFileSync(path.join(ROOT, 'examples/data/auth.log'), path.join(dir, 'ok/auth.log'));
    copyFileSync(path.join(ROOT, 'examples/data/auth.log'), path.join(dir, 'secret.log'));
    chmodSync(path.join(dir, 'ok/auth.log'), 0o644);
    chmodSync(path.join(dir, 'locked'), 0o000);
    chmodSync(path.join(dir, 'secret.log'), 0o000);
    const run = spawnSync(
      SETPRIV,
      [
        '--reuid=65534',
        '--regid=65534',
        '--clear-groups',
        process.execPath,
        '--import',
        'tsx',
        'src/cli/main.ts',
        'scan',
        dir,
        '--sessions',
        '--stats',
      ],
      { cwd: ROOT, encoding: 'utf8', timeout: 60_000 },
    );
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('"type":"session"');
    const stats = JSON.parse(run.stderr.slice(run.stderr.indexOf('{'))) as {
      skipped: { path: string; reason: string }[];
    };
    expect(stats.skipped.map((s) => path.basename(s.path)).sort()).toEqual([
      'locked',
      'secret.log',
    ]);
    expect(stats.skipped.every((s) => s.reason.includes('permission denied'))).toBe(true);
  });

  it('still fails with one line when the directory the user named is unreadable', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sshtrail-perm-'));
    chmodSync(dir, 0o000);
    const run = spawnSync(
      SETPRIV,
      [
        '--reuid=65534',
        '--regid=65534',
        '--clear-groups',
        process.execPath,
        '--import',
        'tsx',
        'src/cli/main.ts',
        'scan',
        dir,
      ],
      { cwd: ROOT, encoding: 'utf8', timeout: 60_000 },
    );
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^sshtrail: cannot read .*: permission denied\n$/);
  });
});
