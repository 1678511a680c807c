import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectUtmpLayout, parseUtmp } from '../../../src/parsers/utmp/index.js';
import { file, utmpRecord } from './records.js';

const CORPORA = path.resolve(process.cwd(), '../shared/corpora/utmp');
const haveCorpora = existsSync(CORPORA);
if (!haveCorpora) console.warn(`skipping the utmp corpus tests: ${CORPORA} is absent`);

function corpus(rel: string): Uint8Array {
  return new Uint8Array(readFileSync(path.join(CORPORA, rel)));
}

describe.skipIf(!haveCorpora)('parseUtmp over the grr and plaso corpora', () => {
  it('reads grr wtmp: three sshd logins with host and ut_addr_v6, and a partial last record', () => {
    const r = parseUtmp(corpus('grr/wtmp'), { source: 'grr/wtmp', host: 'h', kind: 'wtmp' });
    expect(r.layout).toEqual({ recordSize: 384, byteOrder: 'little' });
    expect(r.events.map((e) => [e.recordType, e.user, e.tty, e.pid])).toEqual([
      ['user_process', 'user1', 'pts/1', 24433],
      ['user_process', 'user2', 'pts/4', 24435],
      ['user_process', 'user3', 'pts/4', 4716],
      ['run_level', 'runlevel', '~', 12854],
    ]);
    expect(r.events[0]).toMatchObject({
      kind: 'login.record',
      origin: 'wtmp',
      host: 'h',
      remoteHost: '123.12.123.123',
      address: '172.28.210.183',
      ttyId: 'ts/1',
      failed: false,
      time: Date.UTC(2011, 1, 1, 9, 21, 39, 945),
      microseconds: 945508,
      source: {
        source: 'grr/wtmp',
        line: 1,
        text: 'type=USER_PROCESS pid=24433 line=pts/1 id=ts/1 user=user1 host=123.12.123.123 addr=172.28.210.183 session=0 time=2011-02-01T09:21:39.945508Z',
      },
    });
    expect(r.issues).toEqual([
      {
        kind: 'utmp_issue',
        code: 'partial_record',
        offset: 1536,
        record: 5,
        message: 'the file ends with 1 bytes of a 384-byte record',
      },
    ]);
  });

  it('reads grr utmp: boot, run level, getty and one remote login', () => {
    const r = parseUtmp(corpus('grr/utmp'), { source: 'grr/utmp', kind: 'utmp' });
    expect(r.events.map((e) => e.recordType)).toEqual([
      'boot_time',
      'run_level',
      'login_process',
      'login_process',
      'user_process',
    ]);
    expect(r.events[0]).toMatchObject({
      user: 'reboot',
      remoteHost: '4.10.0-38-generic',
      address: undefined,
    });
    expect(r.events[4]).toMatchObject({
      user: 'utuser',
      tty: 'pts/0',
      remoteHost: '111.111.11.11',
      pid: 6446,
    });
    expect(r.issues.map((i) => i.code)).toEqual(['partial_record']);
  });

  it('reads plaso utmp: 14 records, the LOGIN_PROCESS plaso checks among them', () => {
    const r = parseUtmp(corpus('plaso/utmp'), { source: 'plaso/utmp', kind: 'utmp' });
    expect(r.events).toHaveLength(14);
    expect(r.issues).toEqual([]);
    expect(r.events[2]).toMatchObject({
      recordType: 'login_process',
      pid: 1115,
      tty: 'tty4',
      user: 'LOGIN',
      ttyId: '4',
    });
    expect(r.events.filter((e) => e.recordType === 'user_process').map((e) => e.tty)).toEqual([
      'tty7',
      'pts/0',
      'pts/2',
      'pts/3',
      'pts/4',
      'pts/5',
    ]);
    expect(
      new Set(r.events.filter((e) => e.recordType === 'user_process').map((e) => e.user)),
    ).toEqual(new Set(['moxilo']));
  });

  it.each([
    ['plaso/utmp_aarch64', 'little', '4.3.2.1'],
    ['plaso/utmp_s390', 'big', '1.2.3.4'],
  ] as const)(
    'detects the 400-byte %s layout (%s-endian) and decodes its records',
    (name, order, addr) => {
      const r = parseUtmp(corpus(name), { source: name, kind: 'utmp' });
      expect(r.layout).toEqual({ recordSize: 400, byteOrder: order });
      expect(r.issues).toEqual([]);
      expect(r.events.map((e) => e.recordType)).toEqual([
        'empty',
        'dead_process',
        'boot_time',
        'run_level',
        'old_time',
        'new_time',
      ]);
      expect(r.events[1]).toMatchObject({
        tty: 'tty2',
        ttyId: 't2',
        address: addr,
        source: { line: 2 },
      });
      expect(r.events[2]).toMatchObject({ user: 'reboot', tty: 'system boot' });
      const [, , , , oldTime, newTime] = r.events;
      expect((newTime?.time ?? 0) - (oldTime?.time ?? 0)).toBe(300_000);
    },
  );

  it('reads the corrupted plaso file without throwing: two logins, two bad records, a partial tail', () => {
    const r = parseUtmp(corpus('plaso/utmp_corrupted'), { source: 'c', kind: 'utmp' });
    expect(r.events.map((e) => [e.user, e.tty, e.pid, e.address, e.source.line])).toEqual([
      ['alice', 'tty1', 3001, undefined, 1],
      ['bob', 'pts/0', 3003, '10.0.0.5', 4],
    ]);
    expect(r.issues.map((i) => [i.code, i.offset])).toEqual([
      ['unknown_layout', 0],
      ['implausible_record', 384],
      ['implausible_record', 768],
      ['partial_record', 1536],
    ]);
  });
});

describe('parseUtmp on synthetic records', () => {
  it('marks btmp records as failed logins and keeps an attacker-chosen user printable in the rendering', () => {
    const bytes = file(
      utmpRecord({
        type: 6,
        pid: 9001,
        line: 'ssh:notty',
        user: 'admin\n\u001b[2Jroot',
        host: '203.0.113.7',
        seconds: 1_700_000_000,
        microseconds: 5,
        address: [203, 0, 113, 7],
      }),
    );
    const r = parseUtmp(bytes, { source: '/var/log/btmp', kind: 'btmp', host: 'bastion' });
    expect(r.events[0]).toMatchObject({
      origin: 'btmp',
      failed: true,
      recordType: 'login_process',
      user: 'admin\n\u001b[2Jroot',
      tty: 'ssh:notty',
      address: '203.0.113.7',
      time: 1_700_000_000_000,
      microseconds: 5,
    });
    expect(r.events[0]?.source.text).toBe(
      'type=LOGIN_PROCESS pid=9001 line=ssh:notty id= user=admin\\x0a\\x1b[2Jroot host=203.0.113.7 addr=203.0.113.7 session=0 time=2023-11-14T22:13:20.000005Z',
    );
  });

  it('decodes an IPv6 ut_addr_v6 and an IPv4-mapped one', () => {
    const v6 = [0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x77];
    const mapped = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 10, 0, 0, 9];
    const r = parseUtmp(
      file(
        utmpRecord({ type: 7, line: 'pts/0', user: 'a', seconds: 1, address: v6 }),
        utmpRecord({ type: 7, line: 'pts/1', user: 'b', seconds: 2, address: mapped }),
      ),
      { source: 'w', kind: 'wtmp' },
    );
    expect(r.events.map((e) => e.address)).toEqual(['2001:db8::77', '10.0.0.9']);
  });

  it('reads a 32-byte user that fills its field without a NUL, and non-UTF-8 bytes as Latin-1', () => {
    const long = 'u'.repeat(32);
    const latin = new Uint8Array([0x72, 0xe9, 0x6d, 0x69]);
    const r = parseUtmp(
      file(
        utmpRecord({ type: 7, line: 'pts/3', user: long, host: 'h', seconds: 3 }),
        utmpRecord({ type: 7, line: 'pts/4', user: latin, seconds: 4 }),
      ),
      { source: 'w', kind: 'wtmp' },
    );
    expect(r.events.map((e) => e.user)).toEqual([long, 'r\u00e9mi']);
  });

  it.each([
    [{ recordSize: 384, byteOrder: 'big' }],
    [{ recordSize: 400, byteOrder: 'little' }],
    [{ recordSize: 400, byteOrder: 'big' }],
  ] as const)('detects %j from its records', (layout) => {
    const bytes = file(
      utmpRecord({ type: 2, user: 'reboot', line: '~', seconds: 1_600_000_000 }, layout),
      utmpRecord(
        { type: 7, user: 'alice', line: 'pts/0', pid: 4242, seconds: 1_600_000_100 },
        layout,
      ),
      utmpRecord({ type: 8, line: 'pts/0', pid: 4242, seconds: 1_600_000_200 }, layout),
    );
    expect(detectUtmpLayout(bytes)).toEqual(layout);
    const r = parseUtmp(bytes, { source: 'w', kind: 'wtmp' });
    expect(r.events.map((e) => [e.recordType, e.pid, e.time])).toEqual([
      ['boot_time', 0, 1_600_000_000_000],
      ['user_process', 4242, 1_600_000_100_000],
      ['dead_process', 4242, 1_600_000_200_000],
    ]);
  });

  it('uses a layout given by the caller', () => {
    const layout = { recordSize: 384, byteOrder: 'big' } as const;
    const r = parseUtmp(utmpRecord({ type: 7, user: 'x', line: 'pts/9', seconds: 7 }, layout), {
      source: 'w',
      kind: 'wtmp',
      layout,
    });
    expect(r.layout).toBe(layout);
    expect(r.events[0]).toMatchObject({ user: 'x', time: 7000 });
  });

  it('returns nothing and no issue for an empty file, and one issue for a short one', () => {
    expect(parseUtmp(new Uint8Array(0), { source: 'w', kind: 'wtmp' })).toMatchObject({
      events: [],
      issues: [],
    });
    expect(
      parseUtmp(new Uint8Array(100), { source: 'w', kind: 'wtmp' }).issues.map((i) => i.code),
    ).toEqual(['partial_record']);
  });

  it('never throws on arbitrary bytes, and accounts for every whole record', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 2400 }),
        fc.constantFrom('utmp', 'wtmp', 'btmp'),
        (bytes, kind) => {
          const r = parseUtmp(bytes, { source: 'f', kind });
          const implausible = r.issues.filter((i) => i.code === 'implausible_record').length;
          expect(r.events.length + implausible).toBe(
            Math.floor(bytes.length / r.layout.recordSize),
          );
          for (const e of r.events) expect(Number.isFinite(e.time)).toBe(true);
        },
      ),
    );
  });

  it('never throws on arbitrary bytes inside real-looking records (a subarray view included)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            type: fc.integer({ min: -3, max: 12 }),
            seconds: fc.integer({ min: -5, max: 2 ** 31 - 1 }),
            microseconds: fc.integer({ min: -1, max: 2_000_000 }),
            user: fc.string({ maxLength: 40 }),
          }),
          { maxLength: 6 },
        ),
        fc.nat(7),
        (specs, pad) => {
          const records = file(new Uint8Array(pad), ...specs.map((s) => utmpRecord(s)));
          const r = parseUtmp(records.subarray(pad), { source: 'f', kind: 'wtmp' });
          expect(r.events.length).toBeLessThanOrEqual(specs.length);
        },
      ),
    );
  });
});
