import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { baselineFromJson } from '../../src/baseline/index.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(path.join(tmpdir(), 'sshtrail-baseline-'));

function sshtrail(args: readonly string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 60_000,
  });
}

describe('sshtrail baseline', () => {
  it('learns the sample user and writes a baseline that scan --baseline reads', () => {
    const out = path.join(dir, 'baseline.json');
    const learn = sshtrail(['baseline', 'examples/data/auth.log', '--out', out]);
    expect(learn.status).toBe(0);
    expect(learn.stderr).toContain('learned from 1 sessions');
    const parsed = baselineFromJson(readFileSync(out, 'utf8'));
    expect(parsed.ok && parsed.baseline.users.alice).toMatchObject({
      sessions: 1,
      sources: ['198.51.100.23'],
      hosts: ['bastion'],
    });
    const scan = sshtrail(['scan', 'examples/data/auth.log', '--baseline', out]);
    expect(scan.status).toBe(0);
    expect(scan.stderr).toBe('');
  });

  it('reports an unreadable or invalid baseline as one line', () => {
    const bad = path.join(dir, 'bad.json');
    writeFileSync(bad, '{"format":"something else"}');
    const missing = sshtrail([
      'scan',
      'examples/data/auth.log',
      '--baseline',
      path.join(dir, 'none.json'),
    ]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(
      /^sshtrail: cannot read --baseline .*none\.json: no such file or directory\n$/,
    );
    const invalid = sshtrail(['scan', 'examples/data/auth.log', '--baseline', bad]);
    expect(invalid.status).toBe(1);
    expect(invalid.stderr.split('\n').filter(Boolean)).toHaveLength(1);
    expect(invalid.stderr).toMatch(/^sshtrail: --baseline /);
  });

  it('rejects invalid detector options in the configuration as a usage error', () => {
    const config = path.join(dir, 'config.json');
    writeFileSync(
      config,
      JSON.stringify({ detectors: { 'ssh.brute_force_success': { options: { bogus: 1 } } } }),
    );
    const run = sshtrail(['scan', 'examples/data/auth.log', '--config', config]);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^sshtrail: --config .*ssh\.brute_force_success/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
