import { describe, expect, it } from 'vitest';
import { createHijackDetectors } from '../../src/detectors/index.js';
import { ECS_VERSION, toEcs } from '../../src/output/ecs.js';
import { runScenario } from '../detectors/hijack/pipeline.js';
import { SCENARIOS } from '../fixtures/triage/scenarios.js';
import { EcsVersion, validateEcs } from './ecs-validator.js';

const findings = SCENARIOS.flatMap((s) => s.findings);
const sessions = new Map(SCENARIOS.flatMap((s) => s.sessions).map((s) => [s.id, s] as const));
const sessionOf = (id: string) => sessions.get(id);

describe('toEcs', () => {
  it('targets the ECS version of the @elastic/ecs package', () => {
    expect(ECS_VERSION).toBe(EcsVersion);
  });

  it.each(findings.map((f) => [f.id, f.detector, f] as const))(
    'emits a valid ECS document for %s (%s)',
    (_id, _detector, finding) => {
      expect(validateEcs(toEcs(finding, { sessionOf }))).toEqual([]);
      expect(validateEcs(toEcs(finding))).toEqual([]);
    },
  );

  it('maps the hijack finding field by field', () => {
    const f = findings.find((x) => x.id === 'f-a1');
    if (f === undefined) throw new Error('fixture');
    const doc = toEcs(f, { sessionOf }) as Record<string, Record<string, unknown>>;
    expect(doc['@timestamp']).toBe('2024-03-04T09:24:58.000Z');
    expect(doc.event).toMatchObject({
      kind: 'alert',
      category: ['intrusion_detection', 'session'],
      type: ['info'],
      severity: 4,
      risk_score: 99,
      id: 'f-a1',
    });
    expect(doc.source).toEqual({ ip: '203.0.113.77' });
    expect(doc.user).toEqual({ name: 'mallory' });
    expect(doc.host).toEqual({ name: 'bastion' });
    expect(doc.process).toEqual({ pid: 2301, name: 'sshd' });
    expect(doc.rule).toMatchObject({ id: 'ssh.agent_socket_hijack', ruleset: 'sshtrail' });
    expect(doc.threat).toEqual({
      framework: 'MITRE ATT&CK',
      technique: {
        id: ['T1563'],
        name: ['Remote Service Session Hijacking'],
        reference: ['https://attack.mitre.org/techniques/T1563/'],
        subtechnique: {
          id: ['T1563.001'],
          name: ['SSH Hijacking'],
          reference: ['https://attack.mitre.org/techniques/T1563/001/'],
        },
      },
      tactic: {
        id: ['TA0008'],
        name: ['Lateral Movement'],
        reference: ['https://attack.mitre.org/tactics/TA0008/'],
      },
    });
    expect(doc.related).toEqual({
      ip: ['203.0.113.77', '198.51.100.23'],
      user: ['mallory', 'alice'],
      hosts: ['bastion'],
    });
    expect(String(doc.event?.original).split('\n')).toHaveLength(3);
  });

  it('maps a hijack finding’s actor to user.*, its account to user.effective.*, the victim to user.target.*', () => {
    // root (login eve) rode alice’s ControlMaster on jump01 (test/fixtures/scenarios).
    const dir = new URL('../fixtures/scenarios/control-master-hijack/', import.meta.url).pathname;
    const run = runScenario(dir, createHijackDetectors());
    const byId = new Map(run.sessions.map((x) => [x.id, x] as const));
    const f = run.findings.find(
      (x) =>
        x.detector === 'ssh.control_master_hijack' && x.severity === 'high' && x.host === 'jump01',
    );
    if (f === undefined) throw new Error('fixture');
    expect(f.user).toBe('alice');
    const doc = toEcs(f, { sessionOf: (id) => byId.get(id) }) as Record<string, unknown>;
    expect(validateEcs(doc)).toEqual([]);
    expect(doc.user).toEqual({
      name: 'eve',
      id: '1005',
      effective: { name: 'root', id: '0' },
      target: { name: 'alice' },
    });
    expect(doc.process).toEqual({ pid: 22530, name: 'ssh' });
    // eve’s workstation, not alice’s (10.60.1.14).
    expect(doc.source).toEqual({ ip: '10.60.1.77' });
    expect(doc.related).toMatchObject({
      user: expect.arrayContaining(['alice', 'eve', 'root']),
      ip: expect.arrayContaining(['10.60.1.14', '10.60.1.77']),
    });
    // Without a session lookup the actor still carries its address.
    expect(toEcs(f).source).toEqual({ ip: '10.60.1.77' });
  });

  it('keeps user.target.name when the actor ran as the victim’s own account (sudo -u alice)', () => {
    // eve ran `sudo -u alice bash`, then ssh with alice’s agent: actor eve, effective alice.
    const dir = new URL('../fixtures/output/agent-hijack-sudo-u-victim/', import.meta.url).pathname;
    const run = runScenario(dir, createHijackDetectors());
    const byId = new Map(run.sessions.map((x) => [x.id, x] as const));
    const f = run.findings.find((x) => x.detector === 'ssh.agent_socket_hijack');
    if (f === undefined) throw new Error('fixture');
    expect(f.user).toBe('alice');
    expect(f.actor?.effectiveUser).toBe('alice');
    const doc = toEcs(f, { sessionOf: (id) => byId.get(id) }) as Record<string, unknown>;
    expect(validateEcs(doc)).toEqual([]);
    expect(doc.user).toEqual({
      name: 'eve',
      id: '1005',
      effective: { name: 'alice', id: '1001' },
      target: { name: 'alice' },
    });
    expect(doc.source).toEqual({ ip: '10.60.1.77' });
  });

  it('keeps user.name as the finding’s user when the finding names no actor', () => {
    const dir = new URL('../fixtures/scenarios/control-master-hijack/', import.meta.url).pathname;
    const server = runScenario(dir, createHijackDetectors()).findings.find(
      (x) => x.detector === 'ssh.control_master_hijack' && x.host === 'db02',
    );
    if (server === undefined) throw new Error('fixture');
    expect(server.actor).toBeUndefined();
    const doc = toEcs(server);
    expect(doc.user).toEqual({ name: 'alice' });
    expect(doc.source).toEqual({ ip: '10.50.0.5' });
    expect(validateEcs(doc)).toEqual([]);
  });

  it('carries intel matches as keyword labels', () => {
    const f = findings.find((x) => x.id === 'f-b1');
    if (f === undefined) throw new Error('fixture');
    expect(toEcs(f).labels).toMatchObject({
      sshtrail_intel_list: 'tor-exits.txt',
      sshtrail_intel_label: 'tor exit',
      sshtrail_confidence: '0.8',
    });
  });

  it('leaves out source.ip when the finding has no valid address', () => {
    const f = findings[0];
    if (f === undefined) throw new Error('fixture');
    const doc = toEcs({ ...f, sourceIp: 'attacker.example' });
    expect(doc.source).toBeUndefined();
    expect(validateEcs(doc)).toEqual([]);
  });

  it('the validator rejects what ECS does not define', () => {
    expect(
      validateEcs({ '@timestamp': 'x', ecs: { version: EcsVersion }, process: { ppid: 1 } }),
    ).toContain('process.ppid: not an ECS field');
    expect(
      validateEcs({
        '@timestamp': '2024-01-01T00:00:00Z',
        ecs: { version: EcsVersion },
        event: { kind: 'finding' },
      }),
    ).toContain('event.kind: "finding" is not an allowed value');
  });
});
