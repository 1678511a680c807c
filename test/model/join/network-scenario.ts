import { readFileSync } from 'node:fs';
import type { ProcessExecEvent, SshtrailEvent } from '../../../src/events/index.js';
import {
  createLogGapMonitor,
  type LogGapFinding,
  type LogMark,
} from '../../../src/model/gaps/index.js';
import { createHopGraph, type HopGraph } from '../../../src/model/hops/index.js';
import { createSessionTracker, type SshSession } from '../../../src/model/index.js';
import {
  createHostIdentity,
  createSessionJoiner,
  type HostIdentity,
  type JoinChange,
} from '../../../src/model/join/index.js';
import { createLineParser } from '../../../src/parsers/line-parser.js';
import { createEnvelopeParser } from '../../../src/parsers/syslog/index.js';
import { createZeekParser } from '../../../src/parsers/zeek/index.js';

const FIXTURES = new URL('../../fixtures/network/', import.meta.url);
export const HOSTS = ['bastion', 'app1', 'db1', 'backup1'] as const;

/**
 * The lab of test/fixtures/network: four hosts, bastion reachable from outside through a NAT
 * address, app1 with a second address, app1 60 s fast and db1 45 s slow, a 3-hop chain
 * bastion -> app1 -> db1 -> backup1, and 22 minutes of db1's log deleted (with a root login).
 */
export const identity: HostIdentity = createHostIdentity({
  hosts: [
    { name: 'bastion', addresses: ['10.0.1.5'], nat: ['203.0.113.5'] },
    { name: 'app1', addresses: ['10.0.2.9', '10.0.20.9'] },
    { name: 'db1', addresses: ['10.0.3.7'], aliases: ['db1.lab.example'] },
    { name: 'backup1', networks: ['10.0.4.4/30'] },
  ],
});

/** One item of the merged stream, in arrival order. */
export type StreamItem =
  | {
      readonly kind: 'host';
      readonly time: number;
      readonly mark: LogMark;
      readonly event: SshtrailEvent | undefined;
    }
  | { readonly kind: 'zeek'; readonly time: number; readonly event: SshtrailEvent }
  | { readonly kind: 'process'; readonly time: number; readonly event: ProcessExecEvent };

function fixtureLines(name: string): string[] {
  const text = readFileSync(new URL(name, FIXTURES), 'utf8');
  return text.split('\n').filter((l) => l.length > 0);
}

/** Every host line (with its envelope time, CRON included) and event. */
export function hostItems(): StreamItem[] {
  const items: StreamItem[] = [];
  for (const host of HOSTS) {
    const source = `${host}-auth.log`;
    const parser = createLineParser({ source });
    const envelope = createEnvelopeParser();
    for (const text of fixtureLines(source)) {
      const outcome = parser.parse(text);
      const env = envelope(text);
      if (!env.ok) throw new Error(`fixture line without envelope: ${text}`);
      const event = outcome.kind === 'event' ? outcome.event : undefined;
      const provenance = outcome.kind === 'event' ? outcome.event.source : outcome.source;
      const mark: LogMark = {
        host: env.envelope.host,
        time: env.envelope.time,
        program: env.envelope.program,
        source: provenance,
      };
      items.push({ kind: 'host', time: mark.time, mark, event });
    }
  }
  return items;
}

/** The Zeek events; ssh.log rows arrive 5 s after `ts`, conn rows when the flow ends. */
export function zeekItems(): StreamItem[] {
  const items: StreamItem[] = [];
  for (const name of ['ssh.log', 'conn.json']) {
    const parser = createZeekParser({ source: name, host: 'zeek-core' });
    for (const text of fixtureLines(name)) {
      for (const outcome of parser.push(text)) {
        if (outcome.kind !== 'event') continue;
        const e = outcome.event;
        const arrival = e.kind === 'net.flow' ? e.time + (e.durationMs ?? 0) : e.time + 5000;
        items.push({ kind: 'zeek', time: arrival, event: e });
      }
    }
  }
  return items;
}

/** Process telemetry: bastion runs an ssh client before the hop to app1; app1 runs none. */
export function processItems(): StreamItem[] {
  const t = (iso: string) => Date.parse(iso);
  const exec = (
    host: string,
    time: number,
    exe: string,
    argv: string[],
    pid: number,
  ): StreamItem => ({
    kind: 'process',
    time,
    event: processExec(host, time, exe, argv, pid),
  });
  return [
    exec('bastion', t('2024-06-01T11:50:00Z'), '/usr/bin/bash', ['-bash'], 4300),
    exec('bastion', t('2024-06-01T12:04:55Z'), '/usr/bin/ssh', ['ssh', 'app1'], 4310),
    exec('app1', t('2024-06-01T11:40:00Z'), '/usr/bin/bash', ['-bash'], 5200),
    exec('app1', t('2024-06-01T12:08:30Z'), '/usr/bin/ls', ['ls', '-la'], 5210),
  ];
}

/** A `process.exec` event as the auditd assembler builds it. */
export function processExec(
  host: string,
  time: number,
  exe: string,
  argv: string[],
  pid: number,
): ProcessExecEvent {
  const source = {
    source: 'audit.log',
    line: pid,
    text: `type=SYSCALL msg=audit(${time / 1000}:${pid}): exe="${exe}"`,
  };
  return {
    kind: 'process.exec',
    time,
    timeBasis: { year: 'line', zone: 'line' },
    host,
    program: 'auditd',
    pid,
    repeat: 1,
    source,
    serial: pid,
    evidence: [source],
    ppid: 1,
    uid: 1000,
    euid: 1000,
    auid: 1000,
    ses: 3,
    exe,
    comm: exe.slice(exe.lastIndexOf('/') + 1),
    tty: 'pts0',
    key: undefined,
    success: true,
    exit: 0,
    syscall: 'execve',
    cwd: '/home/alice',
    paths: [],
    argv,
    argvTruncated: false,
  };
}

/** All items in arrival order (stable). */
export function stream(): StreamItem[] {
  return [...hostItems(), ...zeekItems(), ...processItems()].sort((a, b) => a.time - b.time);
}

/** The sessions the tracker rebuilds from the host lines, every version in order. */
export function sessionVersions(items: readonly StreamItem[]): SshSession[] {
  const tracker = createSessionTracker();
  const out: SshSession[] = [];
  for (const item of items) {
    if (item.kind !== 'host' || item.event === undefined) continue;
    for (const change of tracker.push(item.event))
      if ('session' in change) out.push(change.session);
  }
  for (const change of tracker.flush()) if ('session' in change) out.push(change.session);
  return out;
}

/** What the whole network pipeline produced over the lab. */
export interface LabRun {
  readonly changes: readonly JoinChange[];
  readonly graph: HopGraph;
  readonly gaps: readonly LogGapFinding[];
  readonly sessions: ReadonlyMap<string, SshSession>;
}

/**
 * Runs the pipeline the analyzer is meant to run: host events through the session tracker,
 * every session version to the joiner, the hop graph and the gap monitor; Zeek events to the
 * joiner; join decisions to the gap monitor; every host line to the gap monitor.
 */
export function runLab(items: readonly StreamItem[] = stream()): LabRun {
  const tracker = createSessionTracker();
  const joiner = createSessionJoiner({ identity });
  const graph = createHopGraph({ identity });
  const monitor = createLogGapMonitor({ identity, unendedAfterMs: 3_600_000 });
  const changes: JoinChange[] = [];
  const gaps: LogGapFinding[] = [];
  const sessions = new Map<string, SshSession>();
  const onJoin = (list: readonly JoinChange[]) => {
    changes.push(...list);
    for (const c of list) gaps.push(...monitor.join(c));
  };
  const onSession = (session: SshSession) => {
    sessions.set(session.id, session);
    graph.addSession(session);
    monitor.session(session);
    onJoin(joiner.addSession(session));
  };
  for (const item of items) {
    if (item.kind === 'process') graph.addProcess(item.event);
    else if (item.kind === 'zeek') {
      if (item.event.kind === 'net.ssh' || item.event.kind === 'net.flow')
        onJoin(joiner.addNetwork(item.event));
    } else {
      gaps.push(...monitor.observe(item.mark));
      if (item.event === undefined) continue;
      for (const change of tracker.push(item.event))
        if ('session' in change) onSession(change.session);
    }
  }
  for (const change of tracker.flush()) if ('session' in change) onSession(change.session);
  onJoin(joiner.flush());
  return { changes, graph, gaps, sessions };
}
