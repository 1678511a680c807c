import { describe, expect, it } from 'vitest';
import type { HostEvent } from '../../../src/events/host.js';
import { corpus, corpusFiles, haveCorpora, readYamlCases } from './corpora.js';
import { assemble, reconciles } from './helpers.js';

/** Distinct `(node, time, serial)` ids in a text, found independently of the parser. */
function distinctIds(text: string): number {
  const ids = new Set<string>();
  for (const line of text.split('\n')) {
    const at = line.indexOf('msg=audit(');
    if (at < 0) continue;
    const end = line.indexOf(')', at);
    const node = line.startsWith('node=') ? line.slice(0, line.indexOf(' ')) : '';
    ids.add(`${node}|${line.slice(at, end)}`);
  }
  return ids.size;
}

/** Expected event kind of a go-libaudit YAML case, from its name (`undefined`: no event). */
function expectedKind(name: string): HostEvent['kind'] | undefined {
  if (name.startsWith('ANOM_')) return 'audit.anomaly';
  if (/^(USER_|CRED_|CRYPTO_|LOGIN)/.test(name)) return 'audit.login';
  if (name.startsWith('EXECVE') || name === 'file_mode_preservation') return 'process.exec';
  if (name === 'connect syscall' || name === 'accept syscall') return 'socket.connect';
  if (['unlink syscall', 'rename syscall', 'make-device', 'AVC_AppArmor_unlink'].includes(name)) {
    return 'file.access';
  }
  return undefined;
}

describe.skipIf(!haveCorpora)('auditd corpora (../shared/corpora, skipped when absent)', () => {
  describe('go-libaudit aucoalesce YAML: one test case is one event', () => {
    const cases = corpusFiles('go-libaudit', '.yaml').flatMap((file) =>
      readYamlCases(corpus(file)).map((c) => ({ file, ...c })),
    );

    it('finds all 47 cases', () => {
      expect(cases.length).toBe(47);
    });

    it.each(cases.map((c) => [`${c.file} ${c.name}`, c] as const))('%s', (_, c) => {
      const { events, stats } = assemble(c.text);
      expect(stats.groups).toBe(1);
      expect(stats.malformed + stats.unrecognized).toBe(0);
      expect(reconciles(stats)).toBe(true);
      const kind = expectedKind(c.name);
      expect(events.map((e) => e.kind)).toEqual(kind === undefined ? [] : [kind]);
    });

    it('reads the glued ENRICHED SYSCALL name of the ubuntu-21.10 cases', () => {
      const [c] = readYamlCases(corpus('go-libaudit/aucoalesce_ubuntu-21.10-linux-5.13.yaml'));
      const { results } = assemble(c?.text ?? '');
      // adjtimex is not mapped to an event: the whole case is ignored, nothing malformed.
      expect(results.every((r) => r.kind === 'ignored' && r.reason === 'unmapped_syscall')).toBe(
        true,
      );
    });
  });

  describe('laurel: .txt against the expected .json', () => {
    const files = corpusFiles('laurel', '.json');

    it.each(files)('%s: same events, exe, syscall and argv', (file) => {
      const expected = corpus(file)
        .split('\n')
        .filter((l) => l.trim().length > 0)
        .map((l) => JSON.parse(l) as LaurelEvent);
      const { events, stats, results } = assemble(corpus(file.replace(/\.json$/, '.txt')));
      expect(stats.groups).toBe(expected.length);
      expect(results.filter((r) => r.kind === 'malformed' && r.reason !== 'empty_line')).toEqual(
        [],
      );
      expect(reconciles(stats)).toBe(true);
      const serials = expected.map((w) => Number(w.ID.slice(w.ID.indexOf(':') + 1)));
      for (const e of events) expect(serials).toContain(e.serial);
      for (const want of expected) {
        const serial = Number(want.ID.slice(want.ID.indexOf(':') + 1));
        const got = events.find((e) => e.serial === serial);
        if (got === undefined || !('exe' in got)) continue;
        if (want.SYSCALL?.exe !== undefined) expect(got.exe).toBe(want.SYSCALL.exe);
        if ('syscall' in got && want.SYSCALL?.SYSCALL !== undefined) {
          expect(got.syscall).toBe(want.SYSCALL.SYSCALL);
        }
        if (got.kind === 'process.exec' && want.EXECVE?.ARGV !== undefined) {
          expect(got.argv).toEqual(want.EXECVE.ARGV);
        }
      }
    });

    it('maps the events sshtrail cares about', () => {
      const kinds = files.flatMap((f) =>
        assemble(corpus(f.replace(/\.json$/, '.txt'))).events.map((e) => `${f}:${e.kind}`),
      );
      expect(kinds).toEqual([
        'laurel/record-anom-promiscuous.json:audit.anomaly',
        'laurel/record-bind-ipv4-bigendian.json:socket.connect',
        'laurel/record-execve-long.json:process.exec',
        'laurel/record-execve.json:process.exec',
        'laurel/record-login.json:audit.login',
        'laurel/record-nscd.json:socket.connect',
        'laurel/record-perl-reverse-shell.json:process.exec',
        'laurel/record-ptrace.json:process.ptrace',
        'laurel/record-syscall-key.json:process.exec',
        'laurel/record-syscall-nullkey.json:process.exec',
        'laurel/record-weblogic.json:process.exec',
      ]);
    });

    it('decodes the big-endian bind of nc -l -p 55555', () => {
      const { events } = assemble(corpus('laurel/record-bind-ipv4-bigendian.txt'));
      expect(events[0]).toMatchObject({
        kind: 'socket.connect',
        syscall: 'bind',
        family: 'inet',
        address: '0.0.0.0',
        port: 55555,
      });
    });
  });

  describe('every corpus log', () => {
    const logs = [
      ...corpusFiles('go-libaudit', '.log'),
      ...corpusFiles('audit-userspace', '.log'),
      ...corpusFiles('beats', '.log'),
      ...corpusFiles('plaso', '.log'),
      ...corpusFiles('laurel', '.txt'),
      ...corpusFiles('laurel/tree', '.txt').filter((f) => !f.endsWith('README.txt')),
    ];
    // One-line-per-record-type catalogues, not streams: records of one event are far apart.
    const catalogues = new Set([
      'go-libaudit/auparse_testdata_audit-rhel7.log',
      'laurel/record-service-start.txt', // SERVICE_START is user space, its SYSCALL comes late
    ]);

    it.each(logs)('%s: every line accounted for, one group per event id', (file) => {
      const text = corpus(file);
      const { stats } = assemble(text);
      expect(reconciles(stats)).toBe(true);
      expect(stats.pending).toBe(0);
      if (!catalogues.has(file)) expect(stats.groups).toBe(distinctIds(text));
    });
  });

  it('assembles go-libaudit out_of_order.log like normal.log', () => {
    const key = (e: HostEvent) => JSON.stringify({ ...e, evidence: [], source: null });
    const normal = assemble(corpus('go-libaudit/testdata_normal.log')).events.map(key).sort();
    const shuffled = assemble(corpus('go-libaudit/testdata_out_of_order.log'))
      .events.map(key)
      .sort();
    expect(shuffled).toEqual(normal);
    expect(normal.length).toBe(5);
  });

  it('assembles the interleaved audit-userspace test3.log into 8 events', () => {
    const { stats, results } = assemble(corpus('audit-userspace/auparse_test_test3.log'));
    expect(stats).toMatchObject({ lines: 15, groups: 8, malformed: 0, unrecognized: 0 });
    // Serial 194435 arrives as line 1 (SYSCALL) and line 4 (PROCTITLE).
    const lines = results
      .filter((r) => r.kind === 'ignored' && r.source.text.includes(':194435)'))
      .map((r) => (r.kind === 'event' ? 0 : r.source.line));
    expect(lines).toEqual([1, 4]);
  });

  describe('beats and plaso parse with nothing malformed', () => {
    it.each([
      ['beats/auditlogin.log', 2],
      ['beats/centos7.log', 8],
      ['beats/userlogin.log', 4],
      ['plaso/audit_enriched.log', 12],
    ] as const)('%s gives %i events', (file, count) => {
      const { stats } = assemble(corpus(file));
      expect(stats).toMatchObject({ malformed: 0, unrecognized: 0, events: count, pending: 0 });
      expect(reconciles(stats)).toBe(true);
    });

    it('reads the beats su-style LOGIN (auid 1000 -> 1001)', () => {
      const { events } = assemble(corpus('beats/auditlogin.log'));
      expect(events[1]).toMatchObject({
        kind: 'audit.login',
        recordType: 'LOGIN',
        oldAuid: 1000,
        auid: 1001,
        oldSes: 58,
        ses: 59,
        terminal: 'pts2',
      });
    });

    it('reads the plaso OpenSSH 9.8+ sshd-session login and the hex sh -c argument', () => {
      const { events } = assemble(corpus('plaso/audit_enriched.log'));
      expect(
        events.find((e) => e.kind === 'audit.login' && e.recordType === 'USER_AUTH'),
      ).toMatchObject({
        acct: 'root',
        exe: '/usr/libexec/openssh/sshd-session',
        addr: '172.23.112.1',
        res: 'failed',
        op: 'pubkey',
        auid: undefined,
      });
      expect(
        events.find((e) => e.kind === 'audit.login' && e.recordType === 'LOGIN'),
      ).toMatchObject({
        auid: 0,
        ses: 7,
        exe: '/usr/libexec/openssh/sshd-session',
        evidence: [expect.anything(), expect.anything(), expect.anything()],
      });
      expect(events.find((e) => e.kind === 'process.exec' && e.pid === 2221)).toMatchObject({
        argv: ['/bin/sh', '-c', 'grep -c . /etc/hostname'],
        key: 'specimen_exec',
        ses: 8,
      });
    });
  });
});

interface LaurelEvent {
  readonly ID: string;
  readonly SYSCALL?: { readonly exe?: string; readonly SYSCALL?: string };
  readonly EXECVE?: { readonly ARGV?: readonly string[] };
}
