import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeLabLogs } from './analyze-lab-logs.js';
import { describeLabOutcome, detectorsAvailable, type LabOutcome } from './lab-expectations.js';

// One recorded run of the SSH lab (see test/fixtures/lab/README.md), analysed without root:
// the ordinary test suite exercises real sshd, rsyslog and auditd output.
const dir = new URL('../fixtures/lab/', import.meta.url);
const file = (name: string): string => new URL(name, dir).pathname;
const present = existsSync(file('lab-run.json'));

interface RecordedRun {
  readonly keys: LabOutcome['facts']['keys'];
  readonly uids: Readonly<Record<string, number>>;
  readonly facts: { readonly agentSocket: string; readonly controlPath: string };
  readonly wrongPasswords: number;
  readonly started: number;
  readonly timeline: readonly {
    readonly time: number;
    readonly what: string;
    readonly attack: boolean;
  }[];
}

function load(): LabOutcome | undefined {
  if (!present) return undefined;
  const run = JSON.parse(readFileSync(file('lab-run.json'), 'utf8')) as RecordedRun;
  const authLogs = {
    bastion: file('bastion/auth.log'),
    app1: file('app1/auth.log'),
    db1: file('db1/auth.log'),
  };
  const auditLog = file('audit.log');
  return {
    authLogs,
    auditLog,
    facts: {
      keys: run.keys,
      uids: run.uids,
      agentSocket: run.facts.agentSocket,
      controlPath: run.facts.controlPath,
      wrongPasswords: run.wrongPasswords,
    },
    analysis: analyzeLabLogs({ authLogs, auditLog, year: new Date(run.started).getUTCFullYear() }),
  };
}

const outcome = load();

describe.skipIf(outcome === undefined)('SSH lab fixtures (one recorded run)', () => {
  const get = (): LabOutcome => {
    if (outcome === undefined) throw new Error('test/fixtures/lab is missing');
    return outcome;
  };

  it('reads the RFC3164 bastion and db1 logs and the RFC3339 app1 log with their own host names', () => {
    const { analysis } = get();
    const hosts = new Set(analysis.sessions.map((s) => s.host));
    expect([...hosts].sort()).toEqual(['app1', 'bastion', 'db1']);
    expect(readFileSync(get().authLogs.app1 ?? '', 'utf8')).toMatch(
      /^\d{4}-\d\d-\d\dT[\d:.]+\+00:00 app1 sshd\[/,
    );
    expect(readFileSync(get().authLogs.db1 ?? '', 'utf8')).toMatch(
      /^[A-Z][a-z]{2} [ \d]\d [\d:]{8} db1 sshd\[/,
    );
  });

  it('turns the audit log into process, socket and login events of the three servers', () => {
    const kinds = new Map<string, Set<string | undefined>>();
    for (const e of get().analysis.events) {
      if (!['process.exec', 'socket.connect'].includes(e.kind)) continue;
      const hosts = kinds.get(e.kind) ?? new Set();
      hosts.add(e.host);
      kinds.set(e.kind, hosts);
    }
    expect([...(kinds.get('process.exec') ?? [])].sort()).toEqual(['app1', 'bastion', 'db1']);
    expect(kinds.get('socket.connect')?.has('bastion')).toBe(true);
  });

  describeLabOutcome(get, detectorsAvailable(outcome?.analysis));
});

if (outcome === undefined) {
  describe('SSH lab fixtures', () => {
    it.skip('skipped: test/fixtures/lab/lab-run.json is missing', () => {});
  });
}
