import { describe, expect, it } from 'vitest';
import { ECS_VERSION, toEcs } from '../../src/output/ecs.js';
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
