import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SCENARIOS = path.join(ROOT, 'test/fixtures/scenarios');

interface ScanRecord {
  readonly type: string;
  readonly detector?: string;
  readonly severity?: string;
  readonly escalate?: boolean;
  readonly evidence?: readonly {
    readonly source: string;
    readonly line: number;
    readonly text: string;
  }[];
}

/** What `sshtrail scan` must report at medium or above, per scenario (look-alikes: nothing). */
const EXPECTED: Readonly<Record<string, readonly string[]>> = {
  'agent-hijack': ['ssh.agent_socket_hijack', 'ssh.key_misuse'],
  'agent-hijack-probe-first': ['ssh.agent_socket_hijack', 'ssh.key_misuse'],
  'agent-hijack-client-first': ['ssh.agent_socket_hijack', 'ssh.key_misuse'],
  'agent-hijack-sudo-u-env': ['ssh.agent_socket_hijack'],
  'agent-hijack-sudo-u-shell': ['ssh.agent_socket_hijack'],
  'control-master-hijack': ['ssh.control_master_hijack', 'ssh.unexpected_ssh_client'],
  'control-master-server-side': ['ssh.control_master_hijack'],
  'key-misuse': ['ssh.key_misuse'],
  'key-tampering': ['ssh.key_tampering'],
  'three-hop-chain': ['ssh.lateral_movement_chain'],
  'www-data-ssh': ['ssh.unexpected_ssh_client'],
  'lookalike-automation': [],
  'lookalike-own-agent-hop': [],
  'lookalike-own-controlmaster': [],
  'lookalike-proxyjump': [],
  'lookalike-sudo-own-agent': [],
  'lookalike-sudo-own-agent-hop': [],
  'lookalike-tmux-parallel-scp': [],
};

function scan(dir: string, withConfig: boolean): ScanRecord[] {
  const args = ['scan', dir, '--host-from-dir', '--year', '2026', '--quiet'];
  const config = path.join(dir, 'sshtrail.config.json');
  if (withConfig && existsSync(config)) args.push('--config', config);
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 60_000,
  });
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  return run.stdout
    .split('\n')
    .filter((l) => l.length > 0)
    .map((l) => JSON.parse(l) as ScanRecord);
}

const atLeastMedium = (r: ScanRecord): boolean =>
  r.type === 'finding' && r.severity !== undefined && r.severity !== 'low';

describe.skipIf(!existsSync(SCENARIOS))('sshtrail scan over the multi-host scenarios', () => {
  it('has an expectation for every scenario folder', () => {
    expect(readdirSync(SCENARIOS).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  for (const [name, detectors] of Object.entries(EXPECTED)) {
    for (const withConfig of [true, false]) {
      it(`${name} (${withConfig ? 'with' : 'without'} the scenario's config): ${detectors.length === 0 ? 'quiet' : detectors.join(', ')}`, () => {
        const records = scan(path.join(SCENARIOS, name), withConfig);
        const found = [...new Set(records.filter(atLeastMedium).map((r) => r.detector))].sort();
        console.log(
          `${name} ${withConfig ? '+config' : '-config'}: ${found.join(', ') || 'quiet'}`,
        );
        expect(found).toEqual([...detectors].sort());
        // Every finding cites lines that are really in the files it names.
        for (const r of records.filter((x) => x.type === 'finding')) {
          expect(r.evidence?.length).toBeGreaterThan(0);
          for (const e of r.evidence ?? []) {
            const lines = readFileSync(path.resolve(ROOT, e.source), 'utf8').split('\n');
            expect(lines[e.line - 1]).toBe(e.text);
          }
        }
        // Incidents of unauthorized access escalate; look-alikes never do.
        const escalated = records.some((r) => r.type === 'case' && r.escalate === true);
        if (detectors.length === 0) expect(escalated).toBe(false);
        if (detectors.some((d) => d.endsWith('_hijack') || d === 'ssh.key_misuse')) {
          expect(escalated).toBe(true);
        }
      });
    }
  }
});
