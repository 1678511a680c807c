import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import type { SshtrailEvent } from '../../src/events/index.js';
import { planInputs } from '../../src/node/plan-inputs.js';
import { type ReadPlanOptions, readPlan } from '../../src/node/read-plan.js';

const dir = mkdtempSync(path.join(tmpdir(), 'sshtrail-plan-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const put = (name: string, content: string | Uint8Array): string => {
  const file = path.join(dir, name);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, content);
  return file;
};

const ACCEPTED =
  'Dec 31 23:59:58 bastion sshd[2210]: Accepted publickey for alice from 198.51.100.23 port 51514 ssh2: ED25519 SHA256:Vq2Xo7tOe1t8pQ4b1b7kq0Q2c9kP8m3yQm5sJmGm0xA';
const CLOSED = 'Jan  1 00:00:03 bastion sshd[2210]: Connection closed by 198.51.100.23 port 51514';
const INVALID =
  'Dec 30 10:00:00 bastion sshd[2100]: Invalid user admin from 203.0.113.77 port 40022';
const AUDIT = [
  'type=SYSCALL msg=audit(1615114232.375:15558): arch=c000003e syscall=59 success=yes exit=0 a0=63b29337fd18 a1=63b293387d58 a2=63b293375640 a3=fffffffffffff000 items=2 ppid=10883 pid=10884 auid=1000 uid=0 gid=0 euid=0 suid=0 fsuid=0 egid=0 sgid=0 fsgid=0 tty=pts1 ses=1 comm="whoami" exe="/usr/bin/whoami" key=(null)\u001dARCH=x86_64 SYSCALL=execve AUID="user" UID="root" GID="root" EUID="root" SUID="root" FSUID="root" EGID="root" SGID="root" FSGID="root"',
  'type=EXECVE msg=audit(1615114232.375:15558): argc=1 a0="whoami"',
  'type=CWD msg=audit(1615114232.375:15558): cwd="/home/user/tmp"',
  'type=PATH msg=audit(1615114232.375:15558): item=0 name="/usr/bin/whoami" inode=261214 dev=ca:03 mode=0100755 ouid=0 ogid=0 rdev=00:00 nametype=NORMAL cap_fp=0000000000000000 cap_fi=0000000000000000 cap_fe=0 cap_fver=0\u001dOUID="root" OGID="root"',
  'type=PATH msg=audit(1615114232.375:15558): item=1 name="/lib64/ld-linux-x86-64.so.2" inode=262146 dev=ca:03 mode=0100755 ouid=0 ogid=0 rdev=00:00 nametype=NORMAL cap_fp=0000000000000000 cap_fi=0000000000000000 cap_fe=0 cap_fver=0\u001dOUID="root" OGID="root"',
  'type=PROCTITLE msg=audit(1615114232.375:15558): proctitle="whoami"',
  'type=EOE msg=audit(1615114232.375:15558):',
];

async function eventsOf(
  plans: Awaited<ReturnType<typeof planInputs>>['plans'],
  options: ReadPlanOptions = {},
) {
  const events: SshtrailEvent[] = [];
  const readers = plans.map((p) =>
    readPlan(p, { referenceTime: Date.UTC(2025, 0, 2), ...options }),
  );
  for (const r of readers) for await (const batch of r.batches) events.push(...batch);
  return { events, stats: readers.flatMap((r) => r.stats) };
}

describe('planInputs + readPlan', () => {
  it('reads a rotated set with gzip oldest first, one source per file, the year running on', async () => {
    put('var/auth.log.2.gz', gzipSync(`${INVALID}\n`));
    put('var/auth.log.1', `${ACCEPTED}\n`);
    put('var/auth.log', `${CLOSED}\n`);
    const { plans, skipped } = await planInputs([path.join(dir, 'var')]);
    expect(skipped).toEqual([]);
    expect(plans).toHaveLength(1);
    expect(plans[0]?.format).toBe('syslog');
    const { events, stats } = await eventsOf(plans);
    expect(events.map((e) => [path.basename(e.source.source), e.source.line, e.kind])).toEqual([
      ['auth.log.2.gz', 1, 'ssh.auth'],
      ['auth.log.1', 1, 'ssh.auth'],
      ['auth.log', 1, 'ssh.disconnect'],
    ]);
    expect(events.map((e) => new Date(e.time).getUTCFullYear())).toEqual([2024, 2024, 2025]);
    expect(stats.map((s) => [path.basename(s.source), s.lines, s.events])).toEqual([
      ['auth.log.2.gz', 1, 1],
      ['auth.log.1', 1, 1],
      ['auth.log', 1, 1],
    ]);
  });

  it('sniffs audit logs and gives the directory-per-host name to records without node=', async () => {
    put('hosts/web1/audit/audit.log', `${AUDIT.join('\n')}\n`);
    const { plans } = await planInputs([path.join(dir, 'hosts')], {
      hostFromDir: true,
      host: 'fallback',
    });
    expect(plans.map((p) => [p.format, p.host])).toEqual([['auditd', 'web1']]);
    const { events, stats } = await eventsOf(plans);
    expect(events.map((e) => [e.kind, e.host])).toEqual([['process.exec', 'web1']]);
    expect(events[0]?.source.line).toBe(1);
    expect(stats[0]).toMatchObject({ lines: 7, events: 7 });
  });

  it('completes an audit event whose records straddle a rotation in the next file', async () => {
    // auditd rotates by size between records, not between events: the SYSCALL and EXECVE of
    // this event end audit.log.1, its CWD, PATHs, PROCTITLE and EOE start audit.log.
    const before = 'type=EOE msg=audit(1615114232.300:15557):';
    put('rot/audit.log.1', `${before}\n${AUDIT.slice(0, 2).join('\n')}\n`);
    put('rot/audit.log', `${AUDIT.slice(2).join('\n')}\n`);
    const { plans } = await planInputs([path.join(dir, 'rot')]);
    expect(plans.map((p) => [p.format, p.files.map((f) => path.basename(f))])).toEqual([
      ['auditd', ['audit.log.1', 'audit.log']],
    ]);
    const { events, stats } = await eventsOf(plans);
    expect(events).toHaveLength(1);
    const exec = events[0];
    expect(exec?.kind).toBe('process.exec');
    if (exec?.kind !== 'process.exec') return;
    expect([exec.argv, exec.cwd, exec.paths.map((p) => p.path)]).toEqual([
      ['whoami'],
      '/home/user/tmp',
      ['/usr/bin/whoami', '/lib64/ld-linux-x86-64.so.2'],
    ]);
    expect(exec.evidence.map((e) => [path.basename(e.source), e.line])).toEqual([
      ['audit.log.1', 2],
      ['audit.log.1', 3],
      ['audit.log', 1],
      ['audit.log', 2],
      ['audit.log', 3],
      ['audit.log', 4],
      ['audit.log', 5],
    ]);
    // The straddling lines are settled, and counted, in the file where their event completes;
    // every line is counted once over the set.
    expect(stats.map((s) => [path.basename(s.source), s.lines, s.events, s.ignored])).toEqual([
      ['audit.log.1', 1, 0, 1],
      ['audit.log', 7, 7, 0],
    ]);
  });

  it('reads files named one by one (a shell glob) as their rotated set, oldest first', async () => {
    // The rotated set of the test above, named as `audit.log*` expands: newest first.
    const named = [path.join(dir, 'rot/audit.log'), path.join(dir, 'rot/audit.log.1')];
    const other = put('rot2/syslog', `${ACCEPTED}\n`);
    const { plans } = await planInputs([named[0] ?? '', other, named[1] ?? ''], {
      hostFromDir: true,
    });
    expect(plans.map((p) => [p.files.map((f) => path.basename(f)), p.host])).toEqual([
      [['audit.log.1', 'audit.log'], 'rot'],
      [['syslog'], 'rot2'],
    ]);
    const { events } = await eventsOf(plans);
    const exec = events.find((e) => e.kind === 'process.exec');
    expect(exec?.evidence.map((e) => path.basename(e.source))).toEqual([
      'audit.log.1',
      'audit.log.1',
      'audit.log',
      'audit.log',
      'audit.log',
      'audit.log',
      'audit.log',
    ]);
  });

  it('uses --host when the layout gives none, and the parent directory for a named file', async () => {
    const file = put('flat/audit.log', `${AUDIT.join('\n')}\n`);
    const fromHost = await planInputs([path.join(dir, 'flat')], { hostFromDir: true, host: 'h0' });
    expect(fromHost.plans[0]?.host).toBe('h0');
    const named = await planInputs([file], { hostFromDir: true });
    expect(named.plans[0]?.host).toBe('flat');
  });

  it('skips unknown files found in directories but rejects a named one with one line', async () => {
    const readme = put('mixed/README.md', 'This directory holds logs.\nSee below.\n');
    put('mixed/auth.log', `${ACCEPTED}\n`);
    const { plans, skipped } = await planInputs([path.join(dir, 'mixed')]);
    expect(plans.map((p) => path.basename(p.files[0] ?? ''))).toEqual(['auth.log']);
    expect(skipped).toEqual([
      {
        path: readme,
        reason:
          "cannot tell the format: no clear format in 2 lines (none recognized); e.g. 'This directory holds logs.' (use --format)",
      },
    ]);
    await expect(planInputs([readme])).rejects.toThrow(
      /README\.md: cannot tell the format: .*\(use --format\)$/,
    );
  });

  it('forces a format with --format, and reads an empty file as nothing', async () => {
    const file = put('forced.txt', `${ACCEPTED}\n`);
    const empty = put('empty.log', '');
    const { plans } = await planInputs([file, empty], { format: 'syslog' });
    expect(plans.map((p) => p.reason)).toEqual(['--format', '--format']);
    const unforced = await planInputs([empty]);
    expect(unforced.plans[0]?.reason).toBe('the input is empty');
    expect((await eventsOf(unforced.plans)).events).toEqual([]);
  });

  it('reads stdin, plain or gzip, sniffing its first lines', async () => {
    const { plans } = await planInputs(['-']);
    expect(plans).toEqual([
      { files: ['-'], format: undefined, host: undefined, reason: 'sniffed from the first lines' },
    ]);
    const plain = await eventsOf(plans, {
      stdin: Readable.from([Buffer.from(`${ACCEPTED}\n${CLOSED}\n`)]),
    });
    expect(plain.events.map((e) => [e.source.source, e.source.line, e.kind])).toEqual([
      ['-', 1, 'ssh.auth'],
      ['-', 2, 'ssh.disconnect'],
    ]);
    const gz = gzipSync(`${AUDIT.join('\n')}\n`);
    const zipped = await eventsOf(plans, {
      stdin: Readable.from([gz.subarray(0, 10), gz.subarray(10)]),
    });
    expect(zipped.events.map((e) => e.kind)).toEqual(['process.exec']);
  });

  it('fails with one line when stdin is not a known format', async () => {
    const { plans } = await planInputs(['-']);
    await expect(
      eventsOf(plans, { stdin: Readable.from([Buffer.from('hello\nworld\n')]) }),
    ).rejects.toThrow(/^stdin: cannot tell the format: no clear format in 2 lines/);
  });
});
