import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeLabLogs } from './analyze-lab-logs.js';
import { labNetns, labUsers } from './lab/cleanup.js';
import { run as runCommand } from './lab/exec.js';
import { saveFixtures } from './lab/fixtures.js';
import { type LabHandle, type LabRun, prepareLab } from './lab/lab.js';
import { labUnavailableReason } from './lab/requirements.js';
import { describeLabOutcome, detectorsAvailable, type LabOutcome } from './lab-expectations.js';

// A real SSH lab: network namespaces for ws, bastion, app1, db1 and ext on 10.203.0.0/24, Debian's
// sshd and rsyslog per host, one auditd, scripted legitimate work and three real attacks, then
// sshtrail over the collected logs. Needs root and the packages of .ci/install-system-packages.
const unavailable = labUnavailableReason();
if (unavailable !== undefined) console.warn(`SSH lab skipped: ${unavailable}`);
const title =
  unavailable === undefined
    ? 'SSH lab: real sshd, rsyslog and auditd on network-namespace hosts'
    : `SSH lab (skipped: ${unavailable})`;

describe.skipIf(unavailable !== undefined)(title, { timeout: 60_000 }, () => {
  let lab: LabHandle | undefined;
  let labRun: LabRun | undefined;
  let outcome: LabOutcome | undefined;

  beforeAll(async () => {
    lab = await prepareLab();
    try {
      labRun = await lab.run();
    } catch (error) {
      // Clean up at once (afterAll does it again, idempotently) and keep the cause visible.
      console.error('SSH lab failed:', error);
      lab.cleanup();
      throw error;
    }
    const save = process.env.SSHTRAIL_LAB_SAVE;
    if (save !== undefined && save !== '') saveFixtures(labRun, save);
    outcome = {
      authLogs: labRun.authLogs,
      auditLog: labRun.auditLog,
      facts: {
        keys: labRun.keys,
        uids: labRun.uids,
        agentSocket: labRun.facts.agentSocket,
        controlPath: labRun.facts.controlPath,
        wrongPasswords: labRun.wrongPasswords,
      },
      analysis: analyzeLabLogs({
        authLogs: labRun.authLogs,
        auditLog: labRun.auditLog,
        year: new Date(labRun.started).getUTCFullYear(),
      }),
    };
  }, 420_000);

  afterAll(() => lab?.cleanup(), 60_000);

  const get = (): LabOutcome => {
    if (outcome === undefined) throw new Error('the lab did not run');
    return outcome;
  };

  it('runs the attacks for real: alice’s agent, bob’s master and mallory’s password all let the attacker in', () => {
    expect(labRun?.facts.agentSocket).toMatch(/^\/tmp\/ssh-[A-Za-z0-9]+\/agent\.\d+$/);
    expect(labRun?.facts.agentHijackOutput).toMatch(/uid=\d+\(alice\)/);
    expect(labRun?.facts.controlHijackOutput).toMatch(/uid=\d+\(bob\)/);
    expect(labRun?.facts.bruteForceOutput).toMatch(/uid=\d+\(mallory\)/);
  });

  it('attributes audit events to the three servers only', () => {
    expect(Object.keys(labRun?.auditSplit.perHost ?? {}).sort()).toEqual([
      'app1',
      'bastion',
      'db1',
    ]);
  });

  describeLabOutcome(get, detectorsAvailable());

  it('cleans up everything it started: processes, namespaces, users, audit rules, its directory', async () => {
    lab?.cleanup();
    expect(labNetns()).toEqual([]);
    expect(labUsers()).toEqual([]);
    const rules = (await runCommand('auditctl', ['-l'])).stdout;
    expect(rules).not.toMatch(/(key=|-k )sshtrail_/);
    const status = (await runCommand('auditctl', ['-s'])).stdout;
    expect(status).toMatch(/^pid 0$/m);
    expect(existsSync(labRun?.dir ?? '/nonexistent')).toBe(false);
  });
});
