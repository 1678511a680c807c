import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Case } from '../../src/findings/case.js';
import type { Finding } from '../../src/findings/finding.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const LOGS = path.join(ROOT, 'test/fixtures/triage/logs');

interface Scan {
  readonly findings: readonly Finding[];
  readonly cases: readonly Case[];
}

function scan(name: string, extra: readonly string[] = []): Scan {
  const args = ['scan', path.join(LOGS, name), '--host-from-dir', '--year', '2026', '--quiet'];
  const run = spawnSync(
    process.execPath,
    ['--import', 'tsx', 'src/cli/main.ts', ...args, ...extra],
    {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 60_000,
    },
  );
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  const records = run.stdout
    .split('\n')
    .filter((l) => l.length > 0)
    .map((l) => JSON.parse(l) as Finding | Case);
  return {
    findings: records.filter((r): r is Finding => r.type === 'finding'),
    cases: records.filter((r): r is Case => r.type === 'case'),
  };
}

const corroboration = (c: Case) =>
  c.escalation.find((r) => r.rule === 'corroborated_lateral_movement_or_privilege_escalation');

describe('scan: escalation of routine activity', () => {
  it('does not escalate a second channel on one’s own connection plus sudo', () => {
    const { findings, cases } = scan('own-channel-sudo');
    expect(findings.map((f) => `${f.detector} ${f.severity}`).sort()).toEqual([
      'ssh.multiplexed_channel low',
      'ssh.privilege_escalation low',
    ]);
    expect(cases).toHaveLength(1);
    const [c] = cases;
    expect(c?.escalate).toBe(false);
    expect(c?.containment).toEqual([]);
    expect(c === undefined ? '' : corroboration(c)?.reason).toMatch(
      /without corroborating findings from another detector \(below medium severity, routine on their own: ssh\.multiplexed_channel:[0-9a-f]+\)\.$/,
    );
  });

  it('does not escalate an ansible run with ControlPersist and become on two hosts', () => {
    const { findings, cases } = scan('ansible-become');
    expect(findings.length).toBeGreaterThan(0);
    expect(findings.every((f) => f.severity === 'low')).toBe(true);
    expect(cases.length).toBeGreaterThan(0);
    for (const c of cases) {
      expect(c.escalate).toBe(false);
      const actions = c.containment.map((s) => s.action);
      expect(actions).not.toContain('isolate_host');
      expect(actions).not.toContain('revoke_key');
      expect(actions).not.toContain('reset_credentials');
    }
  });

  it('still escalates a root shell after a guessed password, corroborated by the brute force', () => {
    const { cases } = scan('guessed-password-sudo');
    expect(cases).toHaveLength(1);
    const [c] = cases;
    expect(c?.escalate).toBe(true);
    const rule = c === undefined ? undefined : corroboration(c);
    expect(rule?.met).toBe(true);
    expect(rule?.reason).toMatch(
      /^ssh\.privilege_escalation \(ssh\.privilege_escalation:[0-9a-f]+\) corroborated by ssh\.brute_force_success \(ssh\.brute_force_success:[0-9a-f]+\)\.$/,
    );
    expect(c?.containment.map((s) => s.action)).toContain('isolate_host');
  });
});
