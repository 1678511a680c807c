import { describe, expect, it } from 'vitest';
import type { NetFlowEvent, NetSshEvent, SshtrailEvent } from '../../../src/events/index.js';
import type { LineOutcome } from '../../../src/parsers/outcome.js';
import {
  createZeekParser,
  createZeekReader,
  parseZeekTime,
} from '../../../src/parsers/zeek/index.js';
import { corpusLines, unmask, zeekCorpusExists } from './corpora.js';

if (!zeekCorpusExists) {
  console.warn('shared Zeek corpus not found at ../shared/corpora/zeek: corpus tests skipped');
}

function parseAll(name: string, lines: readonly string[]) {
  const parser = createZeekParser({ source: name, host: 'sensor1' });
  const outcomes: LineOutcome[] = [];
  for (const line of lines) outcomes.push(...parser.push(line));
  outcomes.push(...parser.flush());
  const events: SshtrailEvent[] = outcomes.flatMap((o) => (o.kind === 'event' ? [o.event] : []));
  return { outcomes, events, stats: parser.stats() };
}

// Every record of every ssh/conn sample, with the event kind it must become.
const RECORDS: readonly [string, 'net.ssh' | 'net.flow', number][] = [
  ['zeek-btest/core.tunnels.gre__ssh.log', 'net.ssh', 1],
  ['zeek-btest/protocols.ssh.basic__conn.log', 'net.flow', 25],
  ['zeek-btest/protocols.ssh.basic__ssh.log', 'net.ssh', 22],
  ['zeek-btest/protocols.ssh.curve25519_kex__ssh.log', 'net.ssh', 1],
  ['zeek-btest/protocols.ssh.dh_group18_kex__ssh.log', 'net.ssh', 1],
  ['zeek-btest/protocols.ssh.half-duplex-client__conn.log', 'net.flow', 25],
  ['zeek-btest/protocols.ssh.half-duplex-client__ssh.log', 'net.ssh', 20],
  ['zeek-btest/protocols.ssh.half-duplex-server__conn.log', 'net.flow', 20],
  ['zeek-btest/protocols.ssh.half-duplex-server__ssh.log', 'net.ssh', 20],
  ['zeek-btest/protocols.ssh.mlkem_kex__ssh.log', 'net.ssh', 1],
  ['zeek-btest/protocols.ssh.pre-banner__ssh.log', 'net.ssh', 1],
  ['zeek-btest/protocols.ssh.ssh_version_199__ssh.log', 'net.ssh', 1],
  ['wrccdc-2018/conn.log', 'net.flow', 92],
  ['wrccdc-2018/ssh.log.gz', 'net.ssh', 22],
  ['wrccdc-2018/ssh.json.gz', 'net.ssh', 22],
];

describe.skipIf(!zeekCorpusExists)('createZeekParser on the shared Zeek samples', () => {
  it.each(RECORDS)('reads every record of %s as %s (%i)', (name, kind, count) => {
    const { events, stats, outcomes } = parseAll(name, unmask(corpusLines(name)));
    expect(events).toHaveLength(count);
    expect(events.every((e) => e.kind === kind)).toBe(true);
    expect(stats.lines).toBe(corpusLines(name).length);
    expect(stats.events + stats.ignored + stats.unrecognized + stats.malformed).toBe(stats.lines);
    // The rest are header, comment and close lines only.
    const rest = outcomes.filter((o) => o.kind !== 'event');
    expect(rest.every((o) => o.kind === 'ignored' && o.reason.startsWith('zeek_'))).toBe(true);
  });

  it('reports btest-masked timestamps as bad_timestamp, not as events', () => {
    const { stats } = parseAll('basic', corpusLines('zeek-btest/protocols.ssh.basic__ssh.log'));
    expect(stats.malformed).toBe(22);
    expect(stats.reasons.bad_timestamp).toBe(22);
  });

  it('reads the WRCCDC ssh.log (Zeek 6.2, MD5 host_key, geo columns) with real times', () => {
    const { events } = parseAll('ssh.log', corpusLines('wrccdc-2018/ssh.log.gz'));
    const first = events[0] as NetSshEvent;
    expect(first).toMatchObject({
      kind: 'net.ssh',
      time: 1521911799739.898,
      host: 'sensor1',
      program: 'zeek',
      uid: 'C2MugGdsn3ZVI1wn6',
      origIp: '10.0.0.227',
      origPort: 59849,
      respIp: '10.47.8.50',
      respPort: 22,
      version: 2,
      authSuccess: true,
      authAttempts: 1,
      direction: undefined,
      client: 'SSH-2.0-OpenSSH_7.6',
      server: 'SSH-2.0-OpenSSH_7.4p1 Raspbian-10+deb9u3',
      hostKeyFingerprint: '2d:37:6b:11:43:f8:96:08:fe:60:42:20:98:9f:75:af',
      hassh: undefined,
      source: { source: 'ssh.log', line: 9 },
    });
    const scanner = events.find((e) => e.kind === 'net.ssh' && e.client === 'SSH-1.5-NmapNSE_1.0');
    expect(scanner).toMatchObject({ version: undefined, authSuccess: undefined, authAttempts: 0 });
    const noClient = events[5] as NetSshEvent;
    expect(noClient.client).toBeUndefined();
    expect(events.filter((e) => e.kind === 'net.ssh' && e.authSuccess === false)).toHaveLength(2);
  });

  it('gives the JSON-streaming copy the same records and times as the TSV', () => {
    const tsv = parseAll('ssh.log', corpusLines('wrccdc-2018/ssh.log.gz')).events as NetSshEvent[];
    const json = parseAll('ssh.json', corpusLines('wrccdc-2018/ssh.json.gz'))
      .events as NetSshEvent[];
    const strip = ({ source: _s, ...rest }: NetSshEvent) => rest;
    expect(json.map(strip)).toEqual(tsv.map(strip));
  });

  it('reads the WRCCDC conn.log (no ip_proto, no #close, unsorted)', () => {
    const { events } = parseAll('conn.log', corpusLines('wrccdc-2018/conn.log'));
    const flows = events as NetFlowEvent[];
    expect(flows[0]).toMatchObject({
      kind: 'net.flow',
      uid: 'C8Tful1TvM3Zf5x8fl',
      origIp: '10.164.94.120',
      respPort: 3389,
      proto: 'tcp',
      service: undefined,
      durationMs: 4.266,
      origBytes: 97,
      respBytes: 19,
      connState: 'RSTR',
      history: 'ShADTdtr',
      localOrig: undefined,
      ipProto: undefined,
      origPkts: 10,
      respIpBytes: 342,
    });
    const states = new Map<string, number>();
    for (const f of flows)
      states.set(f.connState ?? '-', (states.get(f.connState ?? '-') ?? 0) + 1);
    expect(Object.fromEntries(states)).toEqual({
      REJ: 5,
      RSTO: 18,
      RSTOS0: 6,
      RSTR: 6,
      RSTRH: 1,
      S0: 56,
    });
    expect(flows.some((f, i) => i > 0 && f.time < (flows[i - 1]?.time ?? 0))).toBe(true);
  });

  it('reads the Zeek 9 conn.log with ip_proto and unset durations of S0 flows', () => {
    const name = 'zeek-btest/protocols.ssh.basic__conn.log';
    const flows = parseAll(name, unmask(corpusLines(name))).events as NetFlowEvent[];
    expect(flows[0]).toMatchObject({
      ipProto: 6,
      localOrig: true,
      localResp: false,
      service: 'ssh',
    });
    const udp = flows.find((f) => f.proto === 'udp');
    expect(udp).toMatchObject({ ipProto: 17, durationMs: undefined, origBytes: undefined });
  });

  it('keeps auth_success three-state and SHA256 host keys in the Zeek 9 ssh.log', () => {
    const name = 'zeek-btest/protocols.ssh.basic__ssh.log';
    const ssh = parseAll(name, unmask(corpusLines(name))).events as NetSshEvent[];
    expect(ssh.map((e) => e.authSuccess).filter((v) => v === undefined)).toHaveLength(10);
    expect(ssh.filter((e) => e.authSuccess === false)).toHaveLength(2);
    expect(ssh[0]).toMatchObject({
      direction: 'OUTBOUND',
      hostKeyFingerprint: 'SHA256:7jxvLCM56/Ox9xUroSjhu5kuqWLYA9Dz',
      compressionAlg: 'zlib@openssh.com',
    });
    expect(ssh[3]).toMatchObject({
      version: 1,
      cipherAlg: undefined,
      hostKeyFingerprint: undefined,
    });
  });

  it('reads the custom-prefix, "|"-separated log with its own empty and unset markers', () => {
    const name = 'zeek-btest/frameworks.logging.ascii-empty__ssh-filtered.log';
    const reader = createZeekReader();
    const records = corpusLines(name)
      .map((l) => reader.read(l))
      .flatMap((l) => (l.kind === 'record' ? [l] : []));
    expect(records).toHaveLength(5);
    expect(reader.header()).toMatchObject({
      prefix: 'PREFIX<>',
      separator: '|',
      emptyField: 'EMPTY',
      unsetField: 'NOT-SET',
      path: 'ssh',
    });
    expect(records.map((r) => r.fields.status)).toEqual([
      'success',
      undefined,
      'failure',
      undefined,
      'failure',
    ]);
    expect(records[4]?.fields).toMatchObject({ country: '', b: 'T', 'id.orig_h': '1.2.3.4' });
    // Its columns are a logging-framework test (`t`, no `ts`, no uid): not an ssh.log record.
    const { stats } = parseAll(name, corpusLines(name));
    expect(stats.reasons.zeek_missing_fields).toBe(5);
  });

  it('decodes \\x7c escapes inside values of the "||"-separated log', () => {
    const name = 'zeek-btest/frameworks.logging.ascii-escape__ssh.log';
    const reader = createZeekReader();
    const records = corpusLines(name)
      .map((l) => reader.read(l))
      .flatMap((l) => (l.kind === 'record' ? [l] : []));
    expect(reader.header().separator).toBe('||');
    expect(records.map((r) => r.fields.status)).toEqual([
      'success',
      'failure',
      'fa||ure',
      'su||ess',
      'failure',
    ]);
    expect(records.map((r) => r.fields.country)).toEqual(['unknown', 'US', 'UK', 'BR', 'MX']);
  });

  it('reads every ISO-8601 time of the json-iso-timestamps log, before 1970 too', () => {
    const name = 'zeek-btest/frameworks.logging.ascii-json-iso-timestamps__ssh.log';
    const reader = createZeekReader();
    const times = corpusLines(name)
      .map((l) => reader.read(l))
      .flatMap((l) => (l.kind === 'record' ? [parseZeekTime(l.fields.t)] : []));
    expect(times).toEqual([
      1215620010005.432, 533782861900, -400, -500, -600, -1000, -1400, -1500, -1600, -99000,
    ]);
  });

  it('reads the JSON writer sample once its masked time is restored (arrays, nulls)', () => {
    const name = 'zeek-btest/frameworks.logging.ascii-json__ssh.log';
    const reader = createZeekReader();
    const masked = corpusLines(name).map((l) => reader.read(l));
    expect(masked[1]).toEqual({ kind: 'invalid', reason: 'bad_json' });
    const records = unmask(corpusLines(name))
      .map((l) => reader.read(l))
      .flatMap((l) => (l.kind === 'record' ? [l] : []));
    expect(records).toHaveLength(1);
    expect(records[0]?.fields).toMatchObject({ b: true, i: -42, vn: [0, null, 2], se: [] });
    expect(parseZeekTime(records[0]?.fields.t)).toBe(1_700_000_000_250);
  });
});
