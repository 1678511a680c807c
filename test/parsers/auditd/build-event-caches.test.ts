import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { HostEvent } from '../../../src/events/host.js';
import { rebuildArgv } from '../../../src/parsers/auditd/argv.js';
import { type BuildMiss, buildEvent } from '../../../src/parsers/auditd/build-event.js';
import { type AuditRecord, readRecord } from '../../../src/parsers/auditd/record.js';
import { decodeSockaddr } from '../../../src/parsers/auditd/sockaddr.js';
import { AUDIT_CORPORA, haveCorpora } from './corpora.js';

// buildEvent keeps decoded `saddr=` values and one-EXECVE arguments in bounded caches: a
// cached result must be what the decoders give, and every event must get its own arrays.

/** The records of `lines`, grouped by event id in arrival order. */
function groups(lines: readonly string[]): AuditRecord[][] {
  const byKey = new Map<string, AuditRecord[]>();
  lines.forEach((line, i) => {
    const r = readRecord(line, { source: 't', line: i + 1, text: line });
    if (!('key' in r)) return;
    const g = byKey.get(r.key);
    if (g === undefined) byKey.set(r.key, [r]);
    else g.push(r);
  });
  return [...byKey.values()];
}

/** What an event holds from the cached readers, read again by the decoders themselves. */
function expectDecoded(records: readonly AuditRecord[], e: HostEvent | BuildMiss): void {
  if (e.kind === 'process.exec') {
    const execve = records.filter((r) => r.type === 'EXECVE' && !r.userSpace);
    const title = records.find((r) => r.type === 'PROCTITLE' && !r.userSpace);
    const direct = rebuildArgv(execve, title);
    expect(e.argv).toEqual(direct.argv);
    expect(e.argvTruncated).toBe(direct.truncated);
  }
  if (e.kind === 'socket.connect') {
    const sa = records.find((r) => r.type === 'SOCKADDR' && !r.userSpace);
    const m = sa === undefined ? null : /^ *saddr=([0-9A-Fa-f]+)(?:[ \t]|$)/.exec(body(sa));
    if (m?.[1] !== undefined) {
      const d = decodeSockaddr(m[1]);
      expect([e.family, e.address, e.port]).toEqual([d.family, d.address, d.port]);
    }
  }
}

function body(r: AuditRecord): string {
  return r.line.slice(r.bodyStart, r.bodyEnd);
}

/** Builds every group twice (the second time from the caches): same events, own arrays. */
function checkGroups(all: readonly AuditRecord[][]): void {
  for (const g of all) {
    const first = buildEvent(g, 'h');
    const again = buildEvent(g, 'h');
    expect(again).toEqual(first);
    expectDecoded(g, first);
    if (first.kind === 'process.exec' && again.kind === 'process.exec') {
      expect(again.argv).not.toBe(first.argv);
    }
  }
}

function auditLines(file: string): string[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.includes('msg=audit('));
}

describe('buildEvent caches', () => {
  it('agree with the decoders on every fixture event', () => {
    const dir = path.resolve(__dirname, 'fixtures');
    for (const f of readdirSync(dir)) checkGroups(groups(auditLines(path.join(dir, f))));
  });

  it.skipIf(!haveCorpora)('agree with the decoders on every corpus event', () => {
    const files = readdirSync(AUDIT_CORPORA, { recursive: true, encoding: 'utf8' });
    let events = 0;
    for (const f of files) {
      const p = path.join(AUDIT_CORPORA, f);
      if (!/\.(log|txt|yaml|json)$/.test(p)) continue;
      const g = groups(auditLines(p));
      events += g.length;
      checkGroups(g);
    }
    expect(events).toBeGreaterThan(100);
  });

  const hostile = fc.constantFrom(
    'ls',
    '-la',
    '',
    '"',
    ' ',
    'a b',
    'pid=1',
    ' uid=0 auid=0',
    "'",
    '\u001d',
    'é',
    '\u{1F600}',
    '(null)',
    '?',
    '=',
    'key=x',
  );
  const arg = fc.tuple(fc.array(hostile, { maxLength: 3 }), fc.boolean()).map(([parts, hex]) => {
    const text = parts.join('');
    // The kernel hex-encodes any argument holding a quote, a space or a control byte.
    return hex || /["\s\u0000-\u001f\u007f-\uffff]/u.test(text)
      ? Buffer.from(text, 'utf8').toString('hex').toUpperCase()
      : `"${text}"`;
  });
  const execve = fc
    .tuple(fc.array(arg, { maxLength: 4 }), fc.integer({ min: -1, max: 2 }))
    .map(([args, extra]) =>
      [`argc=${Math.max(0, args.length + extra)}`, ...args.map((a, i) => `a${i}=${a}`)].join(' '),
    );
  const saddr = fc.oneof(
    fc.constantFrom(
      '02000016C0A80001',
      '0200005008080808',
      '01002F746D702F78',
      '0100002F6162737472616374',
      '0A000016000000002001DB8000000000000000000000000100000000',
      '0002001600000000',
      '0100',
      'XYZ',
      '',
    ),
    fc.uint8Array({ maxLength: 30 }).map((b) => Buffer.from(b).toString('hex').toUpperCase()),
  );
  const event = fc.oneof(
    fc.tuple(fc.constant(59), execve),
    fc.tuple(
      fc.constant(42),
      saddr.map((s) => `saddr=${s}`),
    ),
  );

  it('agree with the decoders on repeated hostile arguments and addresses', () => {
    fc.assert(
      fc.property(fc.array(event, { minLength: 1, maxLength: 6 }), fc.nat(), (events, seed) => {
        const lines: string[] = [];
        // Each event twice or more, so later ones hit the caches.
        const order = [...events, ...events, events[seed % events.length] ?? events[0]];
        order.forEach((ev, n) => {
          if (ev === undefined) return;
          const [num, rest] = ev;
          const h = (t: string): string => `type=${t} msg=audit(1700000000.000:${n + 1}): `;
          lines.push(
            `${h('SYSCALL')}arch=c000003e syscall=${num} success=yes exit=0 a0=3 a1=0 a2=10 a3=0 items=0 ppid=1 pid=${100 + n} auid=1000 uid=0 gid=0 euid=0 suid=0 fsuid=0 egid=0 sgid=0 fsgid=0 tty=(none) ses=${n} comm="x" exe="/bin/x" key=(null)`,
            `${h(num === 59 ? 'EXECVE' : 'SOCKADDR')}${rest}`,
          );
        });
        for (const g of groups(lines)) {
          const e = buildEvent(g, 'h');
          expectDecoded(g, e);
          // pid and session come from the SYSCALL record, whatever the arguments say.
          if (e.kind === 'process.exec' || e.kind === 'socket.connect') {
            const serial = e.serial ?? 0;
            expect(e.pid).toBe(99 + serial);
            expect(e.ses).toBe(serial - 1);
          }
        }
      }),
      { numRuns: 500 },
    );
  });

  it('agree with the decoders while they rest after distinct values, and after the rest', () => {
    // Thousands of distinct bodies make both caches rest (probing again later); every fifth
    // event repeats an earlier one, so some builds hit, some probe and some skip.
    const lines: string[] = [];
    for (let n = 1; n <= 6000; n++) {
      const k = n % 5 === 0 ? n % 37 : n;
      const h = (t: string): string => `type=${t} msg=audit(1700000000.000:${n}): `;
      const exec = n % 2 === 0;
      lines.push(
        `${h('SYSCALL')}arch=c000003e syscall=${exec ? 59 : 42} success=yes exit=0 a0=3 a1=0 a2=10 a3=0 items=0 ppid=1 pid=${n} auid=1000 uid=0 gid=0 euid=0 suid=0 fsuid=0 egid=0 sgid=0 fsgid=0 tty=(none) ses=1 comm="x" exe="/bin/x" key=(null)`,
        exec
          ? `${h('EXECVE')}argc=2 a0="run" a1="job-${k}"`
          : `${h('SOCKADDR')}saddr=02000016${k.toString(16).toUpperCase().padStart(8, '0')}0000000000000000`,
      );
    }
    for (const g of groups(lines)) {
      const e = buildEvent(g, 'h');
      expectDecoded(g, e);
      expect(buildEvent(g, 'h')).toEqual(e);
    }
  });
});
