import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createHijackDetectors } from '../../../src/detectors/index.js';
import type { Finding } from '../../../src/findings/finding.js';
import { parseFiles, present, runPipeline } from './pipeline.js';

// The recorded SSH lab run (test/fixtures/lab/README.md): real sshd, rsyslog and auditd lines.
const dir = new URL('../../fixtures/lab/', import.meta.url).pathname;
const exists = present(`${dir}lab-run.json`);

interface Run {
  readonly facts: { readonly agentSocket: string; readonly controlPath: string };
  readonly keys: { readonly alice: string };
  readonly uids: Readonly<Record<string, number>>;
}

const RANK = { low: 0, medium: 1, high: 2, critical: 3 } as const;

describe.skipIf(!exists)('hijack detectors on the recorded lab run', () => {
  const run = (): {
    readonly findings: readonly Finding[];
    readonly facts: Run;
    readonly attack: Set<string>;
  } => {
    const facts = JSON.parse(readFileSync(`${dir}lab-run.json`, 'utf8')) as Run;
    const files = [
      ...['bastion', 'app1', 'db1'].map((host) => ({
        path: `${dir}${host}/auth.log`,
        format: 'auto' as const,
        host,
      })),
      { path: `${dir}audit.log`, format: 'auditd' as const, host: undefined },
    ];
    const { findings } = runPipeline(parseFiles(files, 2026), createHijackDetectors());
    const audit = readFileSync(`${dir}audit.log`, 'utf8').split('\n');
    const login = audit.find((l) => /^node=bastion type=LOGIN .* auid=0 /.test(l)) ?? '';
    const ses = / ses=(\d+)/.exec(login)?.[1] ?? 'none';
    // Root's audit session on the bastion, and every line of the two hijacked connections.
    const attack = new Set(audit.filter((l) => l.includes(` ses=${ses} `)));
    return { findings, facts, attack };
  };
  const result = exists ? run() : undefined;
  const get = () => {
    if (result === undefined) throw new Error('lab fixtures missing');
    return result;
  };
  const of = (id: string, severity: Finding['severity']) =>
    get().findings.filter((f) => f.detector === id && f.severity === severity);

  it("reports root's connect to alice's forwarded agent socket with the audit records (high)", () => {
    const { facts } = get();
    const [f] = of('ssh.agent_socket_hijack', 'high');
    expect(f?.host).toBe('bastion');
    expect(f?.user).toBe('alice');
    const texts = f?.evidence.map((e) => e.text) ?? [];
    expect(
      texts.some(
        (t) =>
          t.includes(`name="${facts.facts.agentSocket}"`) &&
          t.includes(` ouid=${facts.uids.alice} `),
      ),
    ).toBe(true);
    expect(
      texts.some(
        (t) => t.includes('type=SYSCALL') && t.includes(' uid=0 ') && t.includes('syscall=42'),
      ),
    ).toBe(true);
    expect(texts.some((t) => t.includes('/environ'))).toBe(true);
    expect(texts.some((t) => t.includes('Accepted publickey for alice from 10.203.0.10'))).toBe(
      true,
    );
  });

  it('raises it to critical when app1 accepts alice’s key from the bastion, citing both hosts and sessions', () => {
    const { facts } = get();
    const [f] = of('ssh.agent_socket_hijack', 'critical');
    expect(f).toBeDefined();
    const texts = f?.evidence.map((e) => e.text) ?? [];
    expect(texts.some((t) => t.includes('a1="alice@app1"'))).toBe(true);
    expect(texts.some((t) => t.includes('saddr_fam=inet laddr=10.203.0.12 lport=22'))).toBe(true);
    expect(
      texts.some(
        (t) =>
          t.includes(' app1 sshd[') &&
          t.includes(`Accepted publickey for alice from 10.203.0.11`) &&
          t.includes(facts.keys.alice),
      ),
    ).toBe(true);
    expect(f?.sessionIds.some((id) => id.startsWith('bastion/'))).toBe(true);
    expect(f?.sessionIds.some((id) => id.startsWith('app1/'))).toBe(true);
  });

  it("reports root's use of bob's ControlMaster and combines it with db1's new channel (critical)", () => {
    const { facts } = get();
    const [high] = of('ssh.control_master_hijack', 'high');
    expect(high?.evidence.some((e) => e.text.includes(`name="${facts.facts.controlPath}"`))).toBe(
      true,
    );
    const [f] = of('ssh.control_master_hijack', 'critical');
    const texts = f?.evidence.map((e) => e.text) ?? [];
    expect(texts.some((t) => t.includes('a1="-S"') && t.includes('a4="id"'))).toBe(true);
    const starts = texts.filter(
      (t) => t.includes(' db1 sshd[') && t.includes('Starting session: command for bob'),
    );
    expect(starts).toHaveLength(1);
    // the second command session on bob's connection (his own reuse came first)
    const db1 = readFileSync(`${dir}db1/auth.log`, 'utf8').split('\n');
    const all = db1.filter((l) => l.includes('Starting session: command for bob'));
    expect(starts[0]).toBe(all[1]);
  });

  it("reports alice's key accepted on app1 while the bastion's ssh client ran as root", () => {
    const [f] = of('ssh.key_misuse', 'high');
    expect(f?.host).toBe('app1');
    expect(f?.explanation).toContain('ran as root');
    expect(f?.evidence.some((e) => e.text.includes('a1="alice@app1"'))).toBe(true);
  });

  it("flags nothing at medium or above outside root's session and the hijacked connections", () => {
    const { findings, attack } = get();
    const db1 = readFileSync(`${dir}db1/auth.log`, 'utf8').split('\n');
    const hijackStart = db1.filter((l) => l.includes('Starting session: command for bob'))[1] ?? '';
    const noisy = findings.filter(
      (f) =>
        RANK[f.severity] >= RANK.medium &&
        !f.evidence.some((e) => attack.has(e.text) || e.text === hijackStart),
    );
    expect(noisy.map((f) => `${f.detector}: ${f.explanation}`)).toEqual([]);
  });
});
