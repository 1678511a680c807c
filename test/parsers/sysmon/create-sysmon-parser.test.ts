import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSysmonParser } from '../../../src/parsers/sysmon/index.js';
import { fixtureLines, run } from './helpers.js';

const FIXTURE = 'sysmon/bastion-agent-hijack.log';
const options = { source: 'syslog', year: 2024, timezone: 'UTC' } as const;

function events(lines: readonly string[]) {
  return run(createSysmonParser(options), lines).flatMap((o) =>
    o.kind === 'event' ? [o.event] : [],
  );
}

describe('createSysmonParser over a syslog XML fixture (agent hijack on a bastion)', () => {
  const lines = fixtureLines(FIXTURE);
  const outcomes = run(createSysmonParser(options), lines);

  it('gives one outcome per line and stats that reconcile', () => {
    const parser = createSysmonParser(options);
    expect(run(parser, lines)).toHaveLength(lines.length);
    const s = parser.stats();
    expect(s).toMatchObject({ lines: 14, events: 11, ignored: 2, unrecognized: 1, malformed: 0 });
    expect(s.reasons).toEqual({ unmapped_sysmon_event: 1, other_program: 1, no_sysmon_event: 1 });
  });

  it('maps event 1 to process.exec with user, argv, raw command line and parent', () => {
    const o = outcomes[2];
    if (o?.kind !== 'event' || o.event.kind !== 'process.exec' || !('endpoint' in o.event)) {
      throw new Error(`expected a Sysmon process.exec, got ${JSON.stringify(o)}`);
    }
    const e = o.event;
    expect(e).toMatchObject({
      time: Date.UTC(2024, 2, 14, 9, 20, 41, 115),
      timeBasis: { year: 'line', zone: 'line' },
      host: 'bastion',
      program: 'sysmon',
      pid: 5120,
      ppid: 5011,
      uid: 0,
      ses: 9,
      exe: '/usr/bin/env',
      cwd: '/root',
      serial: 5140,
      syscall: 'execve',
      argvTruncated: false,
    });
    expect(e.argv).toEqual([
      'env',
      'SSH_AUTH_SOCK=/tmp/ssh-AbCdEf1234/agent.4242',
      'ssh',
      '-o',
      'StrictHostKeyChecking=no',
      'alice@db1',
      'id',
      '&&',
      'hostname',
    ]);
    expect(e.endpoint).toMatchObject({
      origin: 'sysmon',
      eventId: 1,
      user: 'root',
      commandLine:
        'env SSH_AUTH_SOCK=/tmp/ssh-AbCdEf1234/agent.4242 ssh -o StrictHostKeyChecking=no alice@db1 id && hostname',
      parentExe: '/usr/bin/bash',
      parentCommandLine: '-bash',
      parentUser: 'root',
      logonId: '0',
      ruleName:
        'TechniqueID=T1563.001,TechniqueName=Remote Service Session Hijacking: SSH Hijacking',
    });
    expect(e.source).toEqual({ source: 'syslog', line: 3, text: lines[2] });
  });

  it('keeps a non-numeric user as a name and leaves uid unknown', () => {
    const e = events(lines)[1];
    expect(e).toMatchObject({
      kind: 'process.exec',
      pid: 4250,
      ppid: 4242,
      uid: undefined,
      ses: 7,
    });
    expect(e && 'endpoint' in e ? e.endpoint.user : undefined).toBe('alice');
  });

  it('maps event 11 (socket file created by sshd-session) to file.access create', () => {
    expect(events(lines)[0]).toMatchObject({
      kind: 'file.access',
      op: 'create',
      path: '/tmp/ssh-AbCdEf1234/agent.4242',
      pid: 4242,
      exe: '/usr/lib/openssh/sshd-session',
      time: Date.UTC(2024, 2, 14, 9, 12, 3, 410),
    });
  });

  it('maps event 3 to socket.connect with the remote end first for outbound and inbound', () => {
    const [outbound, inbound] = events(lines).filter((e) => e.kind === 'socket.connect');
    expect(outbound).toMatchObject({
      family: 'inet',
      address: '10.0.2.20',
      port: 22,
      localAddress: '10.0.1.10',
      localPort: 51234,
      initiated: true,
      syscall: 'connect',
      protocol: 'tcp',
    });
    expect(inbound).toMatchObject({
      family: 'inet6',
      address: '2001:db8::77',
      port: 60022,
      localAddress: '2001:db8::10',
      localPort: 22,
      initiated: false,
      syscall: 'accept',
      exe: '/usr/sbin/sshd',
    });
  });

  it('maps event 10 to process.ptrace with source and target', () => {
    expect(events(lines).find((e) => e.kind === 'process.ptrace')).toMatchObject({
      pid: 5301,
      exe: '/usr/bin/gdb',
      uid: 0,
      targetPid: 4388,
      targetExe: '/usr/bin/ssh',
      targetUser: 'alice',
      grantedAccess: '0x1F3FFF',
    });
  });

  it('maps events 5, 23 and 9 to process.exit, file.access unlink and a raw device read', () => {
    const all = events(lines);
    expect(all.find((e) => e.kind === 'process.exit')).toMatchObject({
      pid: 5120,
      exe: '/usr/bin/ssh',
      time: Date.UTC(2024, 2, 14, 9, 25, 40, 305),
    });
    const files = all.filter((e) => e.kind === 'file.access').map((e) => [e.op, e.path]);
    expect(files).toEqual([
      ['create', '/tmp/ssh-AbCdEf1234/agent.4242'],
      ['unlink', '/tmp/ssh-AbCdEf1234/agent.4242'],
      ['read', '/dev/sda1'],
    ]);
  });

  it('gives the event of a line cut by syslog, with the partial command line marked truncated', () => {
    const o = outcomes[12];
    expect(o).toMatchObject({
      kind: 'event',
      event: { kind: 'process.exec', pid: 5330, argvTruncated: true },
    });
    if (o?.kind === 'event' && o.event.kind === 'process.exec') {
      expect(o.event.argv.slice(0, 3)).toEqual(['ssh', '-i', '/root/.ssh/id_ed25519']);
    }
  });

  it('ignores other programs and unmapped event ids, and flags sysmon lines without XML', () => {
    expect(outcomes[10]).toMatchObject({ kind: 'ignored', reason: 'unmapped_sysmon_event' });
    expect(outcomes[11]).toMatchObject({
      kind: 'ignored',
      reason: 'other_program',
      program: 'sshd',
    });
    expect(outcomes[13]).toMatchObject({ kind: 'unrecognized', reason: 'no_sysmon_event' });
  });

  it('continues identically after snapshot and restore at any line', () => {
    const whole = run(createSysmonParser(options), lines);
    for (let k = 0; k <= lines.length; k++) {
      const first = createSysmonParser(options);
      const head = lines.slice(0, k).flatMap((l) => first.push(l));
      const state = JSON.parse(JSON.stringify(first.snapshot()));
      const second = createSysmonParser({ ...options, state });
      const tail = run(second, lines.slice(k));
      expect([...head, ...tail]).toEqual(whole);
      expect(second.stats().lines).toBe(lines.length);
    }
  });
});

describe('createSysmonParser transports and edge cases', () => {
  const xml =
    '<Event><System><EventID>1</EventID><EventRecordID>9</EventRecordID><Computer>web1</Computer></System><EventData><Data Name="UtcTime">2024-01-02 03:04:05.006</Data><Data Name="ProcessId">77</Data><Data Name="Image">/usr/bin/id</Data><Data Name="CommandLine">id</Data><Data Name="User">root</Data></EventData></Event>';

  it.each([
    ['a bare <Event> line', xml],
    ['an RFC5424 header', `<134>1 2024-01-02T03:04:05.100Z web1 sysmon 1120 - - ${xml}`],
    ['a <PRI> RFC3164 header without pid', `<134>Jan  2 03:04:05 web1 sysmon: ${xml}`],
  ])('reads %s', (_label, line) => {
    const [o] = createSysmonParser({ source: 's', year: 2024 }).push(line);
    expect(o).toMatchObject({
      kind: 'event',
      event: { kind: 'process.exec', pid: 77, exe: '/usr/bin/id', host: 'web1', serial: 9 },
    });
    expect(o?.kind === 'event' ? o.event.time : 0).toBe(Date.UTC(2024, 0, 2, 3, 4, 5, 6));
  });

  it('does not take XML logged by another program as a Sysmon event', () => {
    const [o] = createSysmonParser({ source: 's', year: 2024 }).push(
      `Jan  2 03:04:05 web1 logger: ${xml}`,
    );
    expect(o).toMatchObject({ kind: 'ignored', reason: 'other_program', program: 'logger' });
  });

  it('falls back to the header host and time when the record has neither', () => {
    const [o] = createSysmonParser({ source: 's', year: 2024, host: 'dflt' }).push(
      'Jan  2 03:04:05 web1 sysmon: <Event><System><EventID>5</EventID></System><EventData><Data Name="ProcessId">12</Data><Data Name="Image">(null)</Data></EventData></Event>',
    );
    expect(o).toMatchObject({
      kind: 'event',
      event: {
        kind: 'process.exit',
        pid: 12,
        exe: undefined,
        host: 'web1',
        time: Date.UTC(2024, 0, 2, 3, 4, 5),
      },
    });
  });

  it('reads the flat JSON form and an Event/System/EventData conversion', () => {
    const parser = createSysmonParser({ source: 'j', host: 'h1' });
    const [flat] = parser.push(
      JSON.stringify({
        EventID: 3,
        Computer: 'db1',
        EventData: {
          UtcTime: '2024-01-02 03:04:05.000',
          ProcessId: 9,
          Image: '/usr/bin/ssh',
          Initiated: 'true',
          DestinationIp: '::ffff:10.0.0.9',
          DestinationPort: '22',
          SourceIp: '10.0.0.1',
          SourcePort: '40000',
        },
      }),
    );
    expect(flat).toMatchObject({
      kind: 'event',
      event: {
        kind: 'socket.connect',
        host: 'db1',
        pid: 9,
        address: '10.0.0.9',
        port: 22,
        family: 'inet',
      },
    });
    const [converted] = parser.push(
      JSON.stringify({
        Event: {
          System: { EventID: '11', Computer: 'db2' },
          EventData: {
            Data: [
              { '@Name': 'TargetFilename', '#text': '/root/.ssh/authorized_keys' },
              { '@Name': 'ProcessId', '#text': '31' },
            ],
          },
        },
      }),
    );
    expect(converted).toMatchObject({
      kind: 'event',
      event: {
        kind: 'file.access',
        op: 'create',
        path: '/root/.ssh/authorized_keys',
        pid: 31,
        host: 'db2',
      },
    });
    const [shipped] = parser.push(
      JSON.stringify({
        '@timestamp': '2024-01-02T03:04:05.100Z',
        host: { name: 'web1' },
        message: xml,
      }),
    );
    expect(shipped).toMatchObject({
      kind: 'event',
      event: { kind: 'process.exec', pid: 77, host: 'web1', endpoint: { commandLine: 'id' } },
    });
    expect(parser.push('{"message":"hello"}')[0]).toMatchObject({
      kind: 'unrecognized',
      reason: 'not_sysmon_json',
    });
    expect(parser.push('{"EventID":')[0]).toMatchObject({ kind: 'malformed', reason: 'bad_json' });
  });

  it('reports empty and over-long lines as malformed', () => {
    const parser = createSysmonParser({ source: 's', maxLineLength: 100 });
    expect(parser.push('')[0]).toMatchObject({ kind: 'malformed', reason: 'empty_line' });
    const [long] = parser.push(`Jan  2 03:04:05 web1 sysmon: ${xml}`);
    expect(long).toMatchObject({ kind: 'malformed', reason: 'line_too_long', source: { line: 2 } });
    expect(long?.kind === 'malformed' ? long.source.text.length : 0).toBe(100);
  });

  it('never throws and always reconciles on arbitrary text', () => {
    const fragment = fc.constantFrom(
      '<Event>',
      '<System>',
      '</System>',
      '<EventID>1</EventID>',
      '<EventData>',
      '<Data Name="CommandLine">',
      '<Data Name=',
      '</Data>',
      '</EventData>',
      '&amp;',
      '&#x;',
      'Jan  2 03:04:05 h sysmon: ',
      '{',
      '"winlog":',
    );
    const line = fc.oneof(
      fc.string(),
      fc.array(fc.oneof(fragment, fc.string()), { maxLength: 12 }).map((a) => a.join('')),
    );
    fc.assert(
      fc.property(fc.array(line, { maxLength: 10 }), (ls) => {
        const parser = createSysmonParser({ source: 'p', year: 2024 });
        const out = run(parser, ls);
        expect(out).toHaveLength(ls.length);
        expect(parser.stats().lines).toBe(ls.length);
      }),
    );
  });
});

const ELASTIC = path.resolve(
  process.cwd(),
  '../shared/corpora/sysmon/elastic-integrations/test-sysmon.json',
);
const haveElastic = existsSync(ELASTIC);
if (!haveElastic) console.warn(`skipping the Elastic Sysmon corpus test: ${ELASTIC} is absent`);

interface ElasticEvent {
  readonly winlog: {
    readonly record_id: string;
    readonly computer_name: string;
    readonly event_id: string;
    readonly event_data: Readonly<Record<string, string>>;
  };
}

describe.skipIf(!haveElastic)(
  'createSysmonParser over Elastic test-sysmon.json (winlog JSON)',
  () => {
    it('agrees with every event_data field it maps', () => {
      const corpus = JSON.parse(readFileSync(ELASTIC, 'utf8')) as { events: ElasticEvent[] };
      const parser = createSysmonParser({ source: 'test-sysmon.json' });
      expect(corpus.events).toHaveLength(2);
      for (const input of corpus.events) {
        const [o] = parser.push(JSON.stringify(input));
        const data = input.winlog.event_data;
        expect(input.winlog.event_id).toBe('5');
        if (o?.kind !== 'event' || o.event.kind !== 'process.exit')
          throw new Error(JSON.stringify(o));
        const [date, clock] = (data.UtcTime ?? '').split(' ');
        expect(o.event).toMatchObject({
          pid: Number(data.ProcessId),
          exe: data.Image === '(null)' ? undefined : data.Image,
          host: input.winlog.computer_name,
          time: Date.parse(`${date}T${clock}Z`),
          endpoint: { user: data.User, processGuid: data.ProcessGuid, eventId: 5 },
        });
      }
      expect(parser.stats()).toMatchObject({ lines: 2, events: 2 });
    });
  },
);
