import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createHijackDetectors } from '../../src/detectors/index.js';
import { OCSF_VERSION, toOcsf } from '../../src/output/ocsf.js';
import { runScenario } from '../detectors/hijack/pipeline.js';
import { SCENARIOS } from '../fixtures/triage/scenarios.js';
import { OcsfSchema, validateOcsf } from './ocsf-schema.js';

const root = resolve(process.cwd(), '../shared/schemas/ocsf/1.8.0');
const present = OcsfSchema.exists(root);
if (!present) console.warn(`OCSF tests skipped: ${root} is absent (../shared/schemas/ocsf).`);

const findings = SCENARIOS.flatMap((s) => s.findings);
const sessions = new Map(SCENARIOS.flatMap((s) => s.sessions).map((s) => [s.id, s] as const));
const sessionOf = (id: string) => sessions.get(id);

describe.skipIf(!present)('toOcsf (against the compiled OCSF 1.8.0 Detection Finding)', () => {
  const schema = present ? new OcsfSchema(root) : undefined;
  const cls = schema?.eventClass('events/findings/detection_finding.json');

  it('compiles class 2004 as the README describes', () => {
    expect(cls?.classUid).toBe(2004);
    const required = Object.entries(cls?.attributes ?? {})
      .filter(([, a]) => a.requirement === 'required' && !Array.isArray(a.profiles))
      .map(([n]) => n)
      .sort();
    expect(required).toEqual([
      'activity_id',
      'category_uid',
      'class_uid',
      'finding_info',
      'metadata',
      'severity_id',
      'time',
      'type_uid',
    ]);
    expect(Object.keys(cls?.attributes.type_uid?.enum ?? {}).sort()).toEqual([
      '200400',
      '200401',
      '200402',
      '200403',
      '200499',
    ]);
  });

  it.each(findings.map((f) => [f.id, f.detector, f] as const))(
    'emits a valid Detection Finding for %s (%s)',
    (_id, _detector, finding) => {
      if (schema === undefined || cls === undefined) return;
      expect(
        validateOcsf(schema, cls, toOcsf(finding, { sessionOf }) as Record<string, unknown>),
      ).toEqual([]);
      expect(validateOcsf(schema, cls, toOcsf(finding) as Record<string, unknown>)).toEqual([]);
    },
  );

  it('maps the hijack finding with its ATT&CK technique, sub-technique and tactic', () => {
    const f = findings.find((x) => x.id === 'f-a1');
    if (f === undefined) throw new Error('fixture');
    const e = toOcsf(f, { sessionOf }) as Record<string, Record<string, unknown>>;
    expect(e).toMatchObject({ class_uid: 2004, category_uid: 2, activity_id: 1, type_uid: 200401 });
    expect(e).toMatchObject({
      severity_id: 5,
      severity: 'Critical',
      time: Date.UTC(2024, 2, 4, 9, 24, 58),
    });
    expect(e.metadata).toMatchObject({
      version: OCSF_VERSION,
      product: { name: 'sshtrail', vendor_name: 'sshtrail' },
    });
    expect(e.finding_info).toMatchObject({
      uid: 'f-a1',
      types: ['ssh.agent_socket_hijack'],
      analytic: { uid: 'ssh.agent_socket_hijack', type_id: 1, type: 'Rule' },
      attacks: [
        {
          technique: { uid: 'T1563', name: 'Remote Service Session Hijacking' },
          sub_technique: { uid: 'T1563.001', name: 'SSH Hijacking' },
          tactic: { uid: 'TA0008', name: 'Lateral Movement' },
        },
      ],
      data_sources: ['bastion/audit.log'],
    });
    expect(e.evidences).toMatchObject([
      { src_endpoint: { ip: '203.0.113.77' }, user: { name: 'mallory' }, process: { pid: 2301 } },
    ]);
    expect(e.device).toMatchObject({ hostname: 'bastion' });
  });

  it('names a hijack finding’s actor in evidences[0].actor and the affected user in evidences[1].user', () => {
    if (schema === undefined || cls === undefined) return;
    // root (login eve) used alice’s forwarded agent on jump01, then logged in to db02 as alice.
    const dir = new URL('../fixtures/scenarios/agent-hijack-probe-first/', import.meta.url)
      .pathname;
    const f = runScenario(dir, createHijackDetectors()).findings.find(
      (x) => x.detector === 'ssh.agent_socket_hijack' && x.severity === 'critical',
    );
    if (f === undefined) throw new Error('fixture');
    const e = toOcsf(f) as Record<string, unknown>;
    expect(validateOcsf(schema, cls, e)).toEqual([]);
    // alice used to sit in evidences[0].user beside eve’s address: one evidence, two parties.
    expect(e.evidences).toMatchObject([
      {
        src_endpoint: { ip: '10.60.1.77' },
        actor: {
          user: { name: 'eve', uid: '1005' },
          process: { pid: 21640, user: { name: 'root', uid: '0' } },
          session: { uid: expect.stringMatching(/^jump01\/21502\//) },
        },
      },
      { user: { name: 'alice' } },
    ]);
    expect(e.observables).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'evidences[0].actor.user.name', value: 'eve' }),
        expect.objectContaining({ name: 'evidences[1].user.name', value: 'alice' }),
      ]),
    );
  });

  it('keeps the actor’s address apart from the victim’s sshd: each evidence is one party', () => {
    if (schema === undefined || cls === undefined) return;
    const dir = new URL('../fixtures/scenarios/agent-hijack-probe-first/', import.meta.url)
      .pathname;
    const run = runScenario(dir, createHijackDetectors());
    const byId = new Map(run.sessions.map((x) => [x.id, x] as const));
    const f = run.findings.find(
      (x) => x.detector === 'ssh.agent_socket_hijack' && x.severity === 'critical',
    );
    if (f === undefined) throw new Error('fixture');
    const e = toOcsf(f, { sessionOf: (id) => byId.get(id) }) as Record<string, unknown>;
    expect(validateOcsf(schema, cls, e)).toEqual([]);
    const evidences = e.evidences as Record<string, unknown>[];
    // The act: eve’s address, eve’s ssh on jump01; neither alice nor alice’s sshd 21410.
    expect(evidences[0]).toMatchObject({
      src_endpoint: { ip: '10.60.1.77' },
      actor: { process: { pid: 21640 } },
      device: { hostname: 'jump01' },
    });
    expect(evidences[0]?.user).toBeUndefined();
    expect(evidences[0]?.process).toBeUndefined();
    // alice’s own sessions, each with its own address and sshd.
    expect(evidences.slice(1)).toMatchObject([
      {
        uid: expect.stringMatching(/^jump01\/21410\//),
        user: { name: 'alice' },
        src_endpoint: { ip: '10.60.1.14' },
        process: { pid: 21410, name: 'sshd' },
        device: { hostname: 'jump01' },
      },
      {
        uid: expect.stringMatching(/^db02\//),
        user: { name: 'alice' },
        src_endpoint: { ip: '10.50.0.5' },
        device: { hostname: 'db02' },
      },
    ]);
  });

  it('puts the act on the actor’s host when the finding is filed on the target host', () => {
    if (schema === undefined || cls === undefined) return;
    const dir = new URL('../fixtures/scenarios/agent-hijack-probe-first/', import.meta.url)
      .pathname;
    const run = runScenario(dir, createHijackDetectors());
    const byId = new Map(run.sessions.map((x) => [x.id, x] as const));
    const f = run.findings.find((x) => x.detector === 'ssh.key_misuse');
    if (f === undefined) throw new Error('fixture');
    const e = toOcsf(f, { sessionOf: (id) => byId.get(id) }) as Record<string, unknown>;
    expect(validateOcsf(schema, cls, e)).toEqual([]);
    expect(e.device).toMatchObject({ hostname: 'db02' });
    expect(e.evidences).toMatchObject([
      { src_endpoint: { ip: '10.60.1.77' }, device: { hostname: 'jump01' } },
      { user: { name: 'alice' }, src_endpoint: { ip: '10.50.0.5' }, device: { hostname: 'db02' } },
    ]);
  });

  it('the validator catches a missing required attribute, an unknown one and a bad enum', () => {
    if (schema === undefined || cls === undefined) return;
    const f = findings[0];
    if (f === undefined) throw new Error('fixture');
    const { finding_info: _drop, ...rest } = toOcsf(f) as Record<string, unknown>;
    const errors = validateOcsf(schema, cls, { ...rest, severity_id: 7, nonsense: 1 });
    expect(errors).toEqual(
      expect.arrayContaining([
        'finding_info: required',
        'nonsense: unknown attribute of detection_finding',
        'severity_id: 7 not in enum',
      ]),
    );
  });
});
