import { existsSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type AnalyzerOptions,
  type AnalyzerSnapshot,
  createAnalyzer,
  type Finding,
  restoreAnalyzer,
  type SshSession,
} from '../../src/index.js';
import { createSourceParser } from '../../src/parsers/create-source-parser.js';
import type { LineOutcome } from '../../src/parsers/outcome.js';
import type { SourceParser } from '../../src/parsers/source-parser.js';
import type { SourceStats } from '../../src/parsers/source-stats.js';

const AUDIT = [
  'type=SYSCALL msg=audit(1709542931.371:100): arch=c000003e syscall=42 success=yes exit=0 a0=3 a1=7ffd a2=6e a3=0 items=1 ppid=2300 pid=2301 auid=1001 uid=0 gid=0 euid=0 suid=0 fsuid=0 egid=0 sgid=0 fsgid=0 tty=pts1 ses=7 comm="ssh" exe="/usr/bin/ssh" key="agent_socket"',
  'type=SOCKADDR msg=audit(1709542931.371:100): saddr=01002F746D702F7373682D4162436445663132332F6167656E742E3432343200',
  'type=EOE msg=audit(1709542931.371:100): ',
  'not an audit line',
];

describe('createSourceParser', () => {
  it('reads syslog and journald lines with the line parser by default', () => {
    const parser = createSourceParser({ source: 'auth.log', year: 2024 });
    const [out] = parser.push(
      'Mar  4 09:02:11 bastion sshd[1]: Server listening on 0.0.0.0 port 22.',
    );
    expect(out?.kind === 'event' && out.event.kind).toBe('ssh.server');
    expect(parser.stats()).toMatchObject({ lines: 1, events: 1 });
  });

  it('assembles auditd records into events and accounts for every line', () => {
    const parser = createSourceParser({ source: 'audit.log', format: 'auditd', host: 'bastion' });
    const out: LineOutcome[] = [];
    for (const line of AUDIT) out.push(...parser.push(line));
    out.push(...parser.flush());
    const event = out.find((o) => o.kind === 'event');
    expect(event?.kind === 'event' && event.event).toMatchObject({
      kind: 'socket.connect',
      host: 'bastion',
      path: '/tmp/ssh-AbCdEf123/agent.4242',
      uid: 0,
      auid: 1001,
    });
    const s = parser.stats();
    expect(s.lines).toBe(AUDIT.length);
    expect(s.events + s.ignored + s.unrecognized + s.malformed).toBe(s.lines);
    expect(out.filter((o) => o.kind === 'malformed')).toHaveLength(1);
  });

  it('reads Zeek JSON ssh.log records as net.ssh events', () => {
    const parser = createSourceParser({ source: 'ssh.log', format: 'zeek', host: 'sensor1' });
    const [out] = parser.push(
      JSON.stringify({
        _path: 'ssh',
        ts: 1709542931.4,
        uid: 'CAbc123',
        'id.orig_h': '198.51.100.23',
        'id.orig_p': 51514,
        'id.resp_h': '10.0.0.10',
        'id.resp_p': 22,
        auth_success: true,
        auth_attempts: 1,
        client: 'SSH-2.0-OpenSSH_9.6',
        server: 'SSH-2.0-OpenSSH_9.8',
      }),
    );
    expect(out?.kind === 'event' && out.event).toMatchObject({
      kind: 'net.ssh',
      time: 1709542931400,
    });
  });
});

// The recorded SSH lab run (test/fixtures/lab/README.md): real rsyslog and auditd output.
const labFile = (name: string): string =>
  new URL(`../fixtures/lab/${name}`, import.meta.url).pathname;
const labPresent = existsSync(labFile('lab-run.json'));
const labLines = (name: string): string[] => {
  const all = readFileSync(labFile(name), 'utf8').split('\n');
  if (all[all.length - 1] === '') all.pop();
  return all;
};

describe.skipIf(!labPresent)(
  'createSourceParser auditd checkpoint and restore (lab audit.log)',
  () => {
    const audit = labPresent ? labLines('audit.log') : [];
    const options = { source: 'audit.log', format: 'auditd' as const };

    /** Every outcome and the final stats, restoring from a JSON round trip before line `cut`. */
    const run = (cut: number | undefined): { out: LineOutcome[]; stats: SourceStats } => {
      let parser: SourceParser = createSourceParser(options);
      const out: LineOutcome[] = [];
      for (const [i, line] of audit.entries()) {
        if (i === cut) {
          const state: unknown = JSON.parse(JSON.stringify(parser.snapshot()));
          parser = createSourceParser({ ...options, state });
        }
        out.push(...parser.push(line));
      }
      out.push(...parser.flush());
      return { out, stats: parser.stats() };
    };
    const whole = run(undefined);

    it('continues events open at line 601, line numbers and accounting after a restore', () => {
      const cut = run(600);
      expect(cut.out.filter((o) => o.kind === 'event')).toHaveLength(304);
      expect(cut.out).toEqual(whole.out);
      expect(cut.stats).toEqual(whole.stats);
      expect(cut.stats).toMatchObject({ lines: audit.length });
      // Every line 1..n is cited exactly once: numbering continued across the restore.
      const cited = cut.out
        .flatMap((o) =>
          o.kind !== 'event'
            ? [o.source.line]
            : 'evidence' in o.event
              ? o.event.evidence.map((p) => p.line)
              : [o.event.source.line],
        )
        .sort((x, y) => x - y);
      expect(cited).toEqual(audit.map((_, i) => i + 1));
    });

    it('gives the same outcomes and stats wherever the source is cut', () => {
      const expected = JSON.stringify(whole.out);
      fc.assert(
        fc.property(fc.nat({ max: audit.length }), (cut) => {
          const r = run(cut);
          expect(JSON.stringify(r.out)).toBe(expected);
          expect(r.stats).toEqual(whole.stats);
        }),
        { numRuns: 40 },
      );
    });

    it('rejects a state that is not an auditd source state with a TypeError', () => {
      const parser = createSourceParser(options);
      for (const line of audit.slice(0, 10)) parser.push(line);
      const good = parser.snapshot() as Record<string, unknown>;
      const bad: unknown[] = [
        42,
        { line: 10 },
        { ...good, line: -1 },
        { ...good, reasons: { comment: 'x' } },
        { ...good, assembler: { format: 'sshtrail.audit-assembler', version: 1 } },
      ];
      for (const state of bad) {
        expect(() => createSourceParser({ ...options, state })).toThrow(TypeError);
      }
      expect(() => createSourceParser({ ...options, state: good })).not.toThrow();
    });
  },
);

describe.skipIf(!labPresent)('analyzer checkpoint and restore with an auditd source (lab)', () => {
  const started = labPresent
    ? (JSON.parse(readFileSync(labFile('lab-run.json'), 'utf8')) as { started: number }).started
    : 0;
  const options: AnalyzerOptions = {
    year: new Date(started).getUTCFullYear(),
    timezone: 'UTC',
    skewMs: 24 * 3600_000,
  };
  const auth = { source: 'bastion/auth.log', host: 'bastion', format: 'syslog' as const };
  const audit = { source: 'audit.log', format: 'auditd' as const };
  const feed = labPresent
    ? [
        ...labLines('bastion/auth.log').map((text) => ({ text, input: auth })),
        ...labLines('audit.log').map((text) => ({ text, input: audit })),
      ]
    : [];

  /** Findings, last session states and stats; snapshot and restore before item `cut`. */
  const analyze = (cut: number | undefined) => {
    const findings: Finding[] = [];
    const sessions = new Map<string, SshSession>();
    const listen = (a: ReturnType<typeof createAnalyzer>): void => {
      a.on('finding', (f) => findings.push(f));
      for (const e of ['session:open', 'session:update', 'session:close'] as const) {
        a.on(e, (s) => sessions.set(s.id, s));
      }
    };
    let analyzer = createAnalyzer(options);
    listen(analyzer);
    for (const [i, { text, input }] of feed.entries()) {
      if (i === cut) {
        const saved = JSON.parse(JSON.stringify(analyzer.snapshot())) as AnalyzerSnapshot;
        analyzer = restoreAnalyzer(saved, options);
        listen(analyzer);
      }
      analyzer.pushLine(text, input);
    }
    analyzer.end(audit);
    analyzer.flush();
    return { findings, sessions: [...sessions.values()], stats: analyzer.stats() };
  };
  const whole = analyze(undefined);

  it('finds the agent hijack on the uninterrupted run (the comparison is not vacuous)', () => {
    expect(whole.findings.map((f) => f.detector)).toContain('ssh.agent_socket_hijack');
    expect(whole.sessions.length).toBeGreaterThan(0);
  });

  it('gives the same findings, sessions and stats when snapshotted at any line', () => {
    const expected = JSON.stringify(whole);
    const inAudit = labLines('bastion/auth.log').length + 600;
    fc.assert(
      fc.property(fc.nat({ max: feed.length - 1 }), (cut) => {
        expect(JSON.stringify(analyze(cut))).toBe(expected);
      }),
      { numRuns: 6, examples: [[inAudit]] },
    );
  });
});
