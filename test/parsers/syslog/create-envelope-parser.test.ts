import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Envelope, EnvelopeResult } from '../../../src/parsers/outcome.js';
import { createEnvelopeParser } from '../../../src/parsers/syslog/index.js';
import { FACILITY_PRIORITY } from '../../../src/parsers/syslog/patterns.js';
import { zonedWallTime } from '../../../src/time/index.js';

const REFERENCE = Date.UTC(2026, 10, 28, 12, 0, 0);

function envelopeOf(result: EnvelopeResult): Envelope {
  if (!result.ok) throw new Error(`expected an envelope, got ${result.reason}`);
  return result.envelope;
}

function parseOne(line: string, options = {}): EnvelopeResult {
  return createEnvelopeParser({ referenceTime: REFERENCE, ...options })(line);
}

describe('createEnvelopeParser', () => {
  describe('RFC3164 lines from the corpora', () => {
    it.each([
      // space-padded day (crowdsec sshd-success-logs)
      [
        'Sep  6 09:57:21 bullseye sshd[581]: Accepted publickey for vagrant from 192.168.121.1 port 56296 ssh2: RSA SHA256:1M4RzhMyWuFS/86uPY/ce2prh/dVTHW7iD2RhpquOZA',
        Date.UTC(2024, 8, 6, 9, 57, 21),
        'bullseye',
        'sshd',
        581,
        'Accepted publickey for vagrant from 192.168.121.1 port 56296 ssh2: RSA SHA256:1M4RzhMyWuFS/86uPY/ce2prh/dVTHW7iD2RhpquOZA',
      ],
      // unpadded day (fail2ban sshd)
      [
        'Feb 7 16:01:07 linux-m899 sshd[5106]: User root from 192.51.100.54 not allowed because a group is listed in DenyGroups',
        Date.UTC(2024, 1, 7, 16, 1, 7),
        'linux-m899',
        'sshd',
        5106,
        'User root from 192.51.100.54 not allowed because a group is listed in DenyGroups',
      ],
      // no pid (elastic test-auth.log)
      [
        'Feb 21 23:35:33 localhost sudo: vagrant : TTY=pts/0 ; PWD=/home/vagrant ; USER=root ; COMMAND=/bin/ls',
        Date.UTC(2024, 1, 21, 23, 35, 33),
        'localhost',
        'sudo',
        undefined,
        'vagrant : TTY=pts/0 ; PWD=/home/vagrant ; USER=root ; COMMAND=/bin/ls',
      ],
      // `[sshd]` tag and no host (fail2ban testcase01a.log)
      [
        'Dec 31 11:55:01 [sshd] error: PAM: Authentication failure for test from 87.142.124.10',
        Date.UTC(2024, 11, 31, 11, 55, 1),
        undefined,
        'sshd',
        undefined,
        'error: PAM: Authentication failure for test from 87.142.124.10',
      ],
      // prog(pam_unix)[pid] kept verbatim (wazuh pam.ini)
      [
        'Nov 11 22:46:29 localhost su(pam_unix)[23164]: session opened for user news by (uid=0)',
        Date.UTC(2024, 10, 11, 22, 46, 29),
        'localhost',
        'su(pam_unix)',
        23164,
        'session opened for user news by (uid=0)',
      ],
      // Solaris message id stripped (wazuh sshd.ini)
      [
        'Aug 18 07:30:25 192.168.1.5 sshd[20247]: [ID 800047 auth.notice] Failed none for root from 192.168.1.1 port 36942 ssh2',
        Date.UTC(2024, 7, 18, 7, 30, 25),
        '192.168.1.5',
        'sshd',
        20247,
        'Failed none for root from 192.168.1.1 port 36942 ssh2',
      ],
      // program tag ends at `:`; `(pam_unix)` is message text (fail2ban pam-generic)
      [
        'Feb  7 15:10:42 example pure-ftpd: (pam_unix) authentication failure; logname= uid=0 euid=0 tty=pure-ftpd ruser=sample-user rhost=192.168.1.1 ',
        Date.UTC(2024, 1, 7, 15, 10, 42),
        'example',
        'pure-ftpd',
        undefined,
        '(pam_unix) authentication failure; logname= uid=0 euid=0 tty=pure-ftpd ruser=sample-user rhost=192.168.1.1 ',
      ],
    ])('reads %s', (line, time, host, program, pid, message) => {
      const e = envelopeOf(parseOne(line, { year: 2024 }));
      expect(e).toEqual({
        time,
        timeBasis: { year: 'option', zone: 'assumed_utc' },
        host,
        program,
        pid,
        repeat: 1,
        message,
      });
    });

    it('reads a host-less `prog[pid]:` tag (fail2ban sshd)', () => {
      const e = envelopeOf(
        parseOne(
          'Jun 7 01:10:56 sshd[19725]: error: PAM: Authentication failure for test from 1.2.3.4',
          {
            year: 2005,
          },
        ),
      );
      expect([e.host, e.program, e.pid, e.message]).toEqual([
        undefined,
        'sshd',
        19725,
        'error: PAM: Authentication failure for test from 1.2.3.4',
      ]);
    });

    it('strips an optional <PRI> prefix', () => {
      const e = envelopeOf(
        parseOne(
          '<38>Feb 12 14:10:21 sd-126005 sshd[16378]: Invalid user pascal from 35.188.49.176 port 53502',
          {
            year: 2024,
          },
        ),
      );
      expect([e.time, e.host, e.program, e.pid]).toEqual([
        Date.UTC(2024, 1, 12, 14, 10, 21),
        'sd-126005',
        'sshd',
        16378,
      ]);
    });

    it('strips a busybox facility.level before the tag, with or without a host', () => {
      const withHost = envelopeOf(
        parseOne(
          'Jan  2 10:00:00 router auth.info dropbear[1234]: Password auth succeeded for root from 192.168.1.2:51234',
          {
            year: 2024,
          },
        ),
      );
      expect([withHost.host, withHost.program, withHost.pid]).toEqual(['router', 'dropbear', 1234]);
      const hostless = envelopeOf(
        parseOne(
          'Jan  2 10:00:00 authpriv.notice sshd[9]: Accepted password for a from 10.0.0.1 port 1 ssh2',
          {
            year: 2024,
          },
        ),
      );
      expect([hostless.host, hostless.program, hostless.pid]).toEqual([undefined, 'sshd', 9]);
    });

    it('reads OpenWrt logread lines (weekday, year after the time, no host)', () => {
      const e = envelopeOf(
        parseOne(
          'Thu Jun 13 10:00:00 2024 authpriv.info dropbear[1234]: Child connection from 192.168.1.2:51234',
        ),
      );
      expect(e).toMatchObject({
        time: Date.UTC(2024, 5, 13, 10, 0, 0),
        timeBasis: { year: 'line', zone: 'assumed_utc' },
        host: undefined,
        program: 'dropbear',
        pid: 1234,
      });
    });

    it('keeps a host name as written, IPv6 included', () => {
      const e = envelopeOf(
        parseOne('Jan  1 00:00:00 fe80::1%eth0 sshd[1]: Connection closed by 10.0.0.1', {
          year: 2024,
        }),
      );
      expect([e.host, e.program, e.pid]).toEqual(['fe80::1%eth0', 'sshd', 1]);
    });

    it('never lets message text change host, program or pid', () => {
      const line =
        "Jun 7 01:11:58 host sshd[8783]: Bad protocol version identification 'dummy string' from 192.0.2.1' from 69.61.56.115 port 31778";
      fc.assert(
        fc.property(fc.string(), (suffix) => {
          const e = envelopeOf(parseOne(`${line}${suffix}`, { year: 2005 }));
          expect([e.host, e.program, e.pid]).toEqual(['host', 'sshd', 8783]);
        }),
      );
      const forged = envelopeOf(
        parseOne('Jan  1 00:00:00 web1 sudo: evil host2 sshd[1]: Accepted', { year: 2024 }),
      );
      expect([forged.host, forged.program, forged.pid]).toEqual(['web1', 'sudo', undefined]);
    });
  });

  describe('consecutive lines', () => {
    it('reads each line of a burst sharing a minute with its own second, host and tag', () => {
      const parse = createEnvelopeParser({ year: 2024 });
      const burst = [
        'Feb 12 14:10:21 sd-126005 sshd[16378]: Invalid user pascal from 35.188.49.176 port 53502',
        'Feb 12 14:10:22 sd-126005 sshd[16378]: Invalid user pascal2 from 35.188.49.176 port 53502',
        'Feb 12 14:10:22 other sshd[16379]: Invalid user pascal3 from 35.188.49.176 port 53502',
        'Feb 12 14:10:59 [sshd] error: PAM: Authentication failure for test from 87.142.124.10',
        'Feb 12 14:10:59.250 sd-126005 sshd[16380]: fractional',
        'Feb 12 14:11:00 sd-126005 sudo: alice : TTY=pts/0 ; PWD=/home/alice ; USER=root ; COMMAND=/bin/ls',
      ];
      expect(
        burst.map((l) => {
          const e = envelopeOf(parse(l));
          return [e.time - Date.UTC(2024, 1, 12, 14, 10), e.host, e.program, e.pid];
        }),
      ).toEqual([
        [21_000, 'sd-126005', 'sshd', 16378],
        [22_000, 'sd-126005', 'sshd', 16378],
        [22_000, 'other', 'sshd', 16379],
        [59_000, undefined, 'sshd', undefined],
        [59_250, 'sd-126005', 'sshd', 16380],
        [60_000, 'sd-126005', 'sudo', undefined],
      ]);
    });
  });

  describe('rsyslog repeated messages', () => {
    it('unwraps `message repeated N times: [ msg]` into msg with repeat N (loghub)', () => {
      const e = envelopeOf(
        parseOne(
          'Dec 10 07:13:56 LabSZ sshd[24227]: message repeated 5 times: [ Failed password for root from 5.36.59.76 port 42393 ssh2]',
          { year: 2016 },
        ),
      );
      expect([e.repeat, e.message, e.program, e.pid]).toEqual([
        5,
        'Failed password for root from 5.36.59.76 port 42393 ssh2',
        'sshd',
        24227,
      ]);
    });

    it('keeps a truncated wrapper without its closing bracket', () => {
      const e = envelopeOf(
        parseOne(
          'Dec 10 07:13:56 LabSZ sshd[1]: message repeated 2 times: [ Failed password for root',
          { year: 2016 },
        ),
      );
      expect([e.repeat, e.message]).toEqual([2, 'Failed password for root']);
    });
  });

  describe('ISO-8601 / RFC3339 lines', () => {
    it('reads microseconds and an offset (fail2ban sshd)', () => {
      const e = envelopeOf(
        parseOne(
          '2015-04-16T18:02:50.568798+00:00 host sshd[2716]: Connection closed by 192.0.2.112 [preauth]',
        ),
      );
      expect(e).toEqual({
        time: Date.UTC(2015, 3, 16, 18, 2, 50, 568),
        timeBasis: { year: 'line', zone: 'line' },
        host: 'host',
        program: 'sshd',
        pid: 2716,
        repeat: 1,
        message: 'Connection closed by 192.0.2.112 [preauth]',
      });
    });

    it('reads a half-hour offset (elastic-beats timestamp.log)', () => {
      const e = envelopeOf(
        parseOne('2019-06-14T13:01:15.412+01:30 localhost pam: user nobody logged out.'),
      );
      expect([e.time, e.program, e.message]).toEqual([
        Date.UTC(2019, 5, 14, 11, 31, 15, 412),
        'pam',
        'user nobody logged out.',
      ]);
    });

    it('reads a zone-less time as UTC, or in the timezone option (elastic-beats timestamp.log)', () => {
      const line =
        '2019-06-14T10:40:20.912134 localhost sudo: pam_unix(sudo-i:session): session opened for user root by userauth3(uid=0)';
      const utc = envelopeOf(parseOne(line));
      expect([utc.time, utc.timeBasis]).toEqual([
        Date.UTC(2019, 5, 14, 10, 40, 20, 912),
        { year: 'line', zone: 'assumed_utc' },
      ]);
      const ny = envelopeOf(parseOne(line, { timezone: 'America/New_York' }));
      expect([ny.time, ny.timeBasis]).toEqual([
        Date.UTC(2019, 5, 14, 14, 40, 20, 912),
        { year: 'line', zone: 'option' },
      ]);
    });

    it('reads the macOS `YYYY-MM-DD HH:MM:SS.ffffff-0700  host` form (wazuh sshd.ini)', () => {
      const e = envelopeOf(
        parseOne(
          '2020-03-23 06:47:42.801612-0700  localhost sshd[3186]: error: PAM: unknown user for illegal user badguy from 192.168.33.1',
        ),
      );
      expect([e.time, e.host, e.program, e.pid]).toEqual([
        Date.UTC(2020, 2, 23, 13, 47, 42, 801),
        'localhost',
        'sshd',
        3186,
      ]);
    });

    it('reads `Z` and `YYYY/MM/DD HH:MM:SS` (fail2ban testcase04.log)', () => {
      expect(envelopeOf(parseOne('2024-01-02T03:04:05Z h sshd[1]: x')).time).toBe(
        Date.UTC(2024, 0, 2, 3, 4, 5),
      );
      const e = envelopeOf(
        parseOne('2005/08/14 11:57:00 [sshd] Invalid user toto from 212.41.96.186'),
      );
      expect([e.time, e.program, e.message]).toEqual([
        Date.UTC(2005, 7, 14, 11, 57, 0),
        'sshd',
        'Invalid user toto from 212.41.96.186',
      ]);
    });
  });

  describe('RFC5424 lines', () => {
    it('reads nil fields (elastic-integrations test-5424.log)', () => {
      const e = envelopeOf(
        parseOne(
          '<30>1 2023-09-28T12:10:12.175599+02:00 test.lab.com systemd 153589 - - Stopped target Default.',
        ),
      );
      expect(e).toEqual({
        time: Date.UTC(2023, 8, 28, 10, 10, 12, 175),
        timeBasis: { year: 'line', zone: 'line' },
        host: 'test.lab.com',
        program: 'systemd',
        pid: 153589,
        repeat: 1,
        message: 'Stopped target Default.',
      });
    });

    it('skips structured data with `]` inside quoted values (fail2ban sshd)', () => {
      const e = envelopeOf(
        parseOne(
          '<38>1 2019-07-08T17:40:17.954167-04:00 hostname.example.com sshd 55555 - [timeQuality tzKnown="1" isSynced="0"][xxx@123 test="[brackets]"] Failed unknown for invalid user redmond from 192.0.2.2 port 55555 ssh2',
        ),
      );
      expect([e.time, e.host, e.program, e.pid, e.message]).toEqual([
        Date.UTC(2019, 6, 8, 21, 40, 17, 954),
        'hostname.example.com',
        'sshd',
        55555,
        'Failed unknown for invalid user redmond from 192.0.2.2 port 55555 ssh2',
      ]);
    });

    it('honours escaped `\\]` and `\\"` in values, drops a BOM, and reads nil host/app/procid', () => {
      const e = envelopeOf(
        parseOne('<38>1 2024-01-01T00:00:00Z - - - ID47 [a@1 x="q\\"]\\]" y="\\\\"] \uFEFFhello'),
      );
      expect([e.host, e.program, e.pid, e.message]).toEqual([
        undefined,
        undefined,
        undefined,
        'hello',
      ]);
    });

    it('gives no pid for a non-numeric PROCID and an empty message when MSG is absent', () => {
      const e = envelopeOf(parseOne('<38>1 2024-01-01T00:00:00Z h app worker-1 - -'));
      expect([e.program, e.pid, e.message]).toEqual(['app', undefined, '']);
    });

    it('rejects a nil timestamp and unterminated structured data', () => {
      expect(parseOne('<38>1 - h app 1 - - msg')).toEqual({ ok: false, reason: 'no_timestamp' });
      expect(parseOne('<38>1 2024-01-01T00:00:00Z h app 1 - [a x="]"')).toEqual({
        ok: false,
        reason: 'bad_header',
      });
    });
  });

  describe('epoch-seconds lines', () => {
    it('reads `1124012400 [sshd] msg` as UTC (fail2ban testcase04.log)', () => {
      const e = envelopeOf(parseOne('1124012400 [sshd] Invalid user duck from 212.41.96.185'));
      expect(e).toEqual({
        time: 1124012400000,
        timeBasis: { year: 'line', zone: 'line' },
        host: undefined,
        program: 'sshd',
        pid: undefined,
        repeat: 1,
        message: 'Invalid user duck from 212.41.96.185',
      });
    });

    it('reads a fraction', () => {
      expect(envelopeOf(parseOne('1124012400.25 h sshd[3]: x')).time).toBe(1124012400250);
    });
  });

  describe('year handling', () => {
    it('infers the year from the reference time, a date over a day ahead going to the year before', () => {
      const reference = Date.UTC(2024, 2, 1, 0, 0, 0);
      const today = parseOne('Mar  1 23:00:00 h sshd[1]: x', { referenceTime: reference });
      expect(envelopeOf(today)).toMatchObject({
        time: Date.UTC(2024, 2, 1, 23),
        timeBasis: { year: 'inferred', zone: 'assumed_utc' },
      });
      const ahead = parseOne('Mar  3 00:00:00 h sshd[1]: x', { referenceTime: reference });
      expect(envelopeOf(ahead).time).toBe(Date.UTC(2023, 2, 3));
    });

    it('rolls over from December to January inside one stream', () => {
      const parse = createEnvelopeParser({ referenceTime: Date.UTC(2025, 0, 1, 12) });
      const lines = [
        'Dec 31 23:59:58 LabSZ sshd[1]: Failed password for root from 5.36.59.76 port 42393 ssh2',
        'Dec 31 23:59:59 LabSZ sshd[1]: Failed password for root from 5.36.59.76 port 42393 ssh2',
        'Jan  1 00:00:01 LabSZ sshd[1]: Failed password for root from 5.36.59.76 port 42393 ssh2',
        'Jan  1 00:00:01 LabSZ sshd[1]: Connection closed by 5.36.59.76 [preauth]',
        'Feb  3 00:00:00 LabSZ sshd[2]: Connection closed by 5.36.59.76 [preauth]',
      ];
      expect(lines.map((l) => envelopeOf(parse(l)).time)).toEqual([
        Date.UTC(2024, 11, 31, 23, 59, 58),
        Date.UTC(2024, 11, 31, 23, 59, 59),
        Date.UTC(2025, 0, 1, 0, 0, 1),
        Date.UTC(2025, 0, 1, 0, 0, 1),
        Date.UTC(2025, 1, 3),
      ]);
    });

    it('reads a late December line after the rollover in the previous year', () => {
      const parse = createEnvelopeParser({ referenceTime: Date.UTC(2025, 0, 1, 12) });
      parse('Dec 31 23:59:59 h sshd[1]: a');
      parse('Jan  1 00:00:01 h sshd[1]: b');
      expect(envelopeOf(parse('Dec 31 23:59:59 h sshd[1]: c')).time).toBe(
        Date.UTC(2024, 11, 31, 23, 59, 59),
      );
      expect(envelopeOf(parse('Jan  1 00:00:02 h sshd[1]: d')).time).toBe(
        Date.UTC(2025, 0, 1, 0, 0, 2),
      );
    });

    it('re-anchors the year on a line that carries one, even for a cached timestamp', () => {
      const parse = createEnvelopeParser({ referenceTime: Date.UTC(2024, 5, 1) });
      expect(envelopeOf(parse('Jan  5 00:00:00 h sshd[1]: a')).time).toBe(Date.UTC(2024, 0, 5));
      parse('2020-01-05T00:00:00Z h sshd[1]: iso');
      expect(envelopeOf(parse('Jan  5 00:00:00 h sshd[1]: a')).time).toBe(Date.UTC(2020, 0, 5));
    });

    it('uses the year option and validates Feb 29 against it', () => {
      expect(envelopeOf(parseOne('Feb 29 12:00:00 h sshd[1]: x', { year: 2024 })).time).toBe(
        Date.UTC(2024, 1, 29, 12),
      );
      expect(parseOne('Feb 29 12:00:00 h sshd[1]: x', { year: 2023 })).toEqual({
        ok: false,
        reason: 'bad_timestamp',
      });
    });
  });

  describe('time zones', () => {
    it('reads RFC3164 times in the timezone option, DST-correct (Europe/Berlin)', () => {
      const parse = createEnvelopeParser({ year: 2024, timezone: 'Europe/Berlin' });
      expect(envelopeOf(parse('Jan 15 12:00:00 h sshd[1]: winter'))).toMatchObject({
        time: Date.UTC(2024, 0, 15, 11),
        timeBasis: { year: 'option', zone: 'option' },
      });
      expect(envelopeOf(parse('Jul 15 12:00:00 h sshd[1]: summer')).time).toBe(
        Date.UTC(2024, 6, 15, 10),
      );
    });

    it('reads the spring-gap 02:30 as 03:30 summer time and the autumn-overlap 02:30 as the earlier instant', () => {
      const parse = createEnvelopeParser({ year: 2024, timezone: 'Europe/Berlin' });
      expect(envelopeOf(parse('Mar 31 02:30:00 h sshd[1]: gap')).time).toBe(
        Date.UTC(2024, 2, 31, 1, 30),
      );
      expect(envelopeOf(parse('Oct 27 02:30:00 h sshd[1]: overlap')).time).toBe(
        Date.UTC(2024, 9, 27, 0, 30),
      );
      expect(envelopeOf(parse('Oct 27 03:30:00 h sshd[1]: after')).time).toBe(
        Date.UTC(2024, 9, 27, 2, 30),
      );
    });

    it('throws RangeError for an invalid timezone, year or reference time (programmer errors)', () => {
      expect(() => createEnvelopeParser({ timezone: 'Mars/Olympus_Mons' })).toThrow(RangeError);
      expect(() => createEnvelopeParser({ year: 2024.5 })).toThrow(RangeError);
      expect(() => createEnvelopeParser({ referenceTime: Number.NaN })).toThrow(RangeError);
    });
  });

  describe('malformed lines', () => {
    it.each([
      ['', 'empty_line'],
      ['   \t', 'empty_line'],
      [
        'srv sshd[13709]: error: PAM: Authentication failure for myhlj1374 from 192.030.0.6',
        'no_timestamp',
      ],
      ['                - Last output repeated twice -', 'no_timestamp'],
      [
        'De  31 11:59:59 [sshd] error: PAM: Authentication failure for kevin from 193.168.0.128',
        'bad_timestamp',
      ],
      [
        'D\u00e9c 31 11:59:59 [sshd] error: PAM: Authentication failure for kevin from 193.168.0.128',
        'bad_timestamp',
      ],
      ['Feb 30 00:00:00 h sshd[1]: x', 'bad_timestamp'],
      ['Feb 28 25:00:00 h sshd[1]: x', 'bad_timestamp'],
      ['2024-02-30T00:00:00Z h sshd[1]: x', 'bad_timestamp'],
      ['2024-01-01T00:00:00+25:00 h sshd[1]: x', 'bad_timestamp'],
      ['Jan  1 00:00:00 host', 'bad_header'],
      ['Jan  1 00:00:00 host just some words', 'bad_header'],
      ['Jan  1 00:00:00', 'bad_header'],
      ['<999999>Jan  1 00:00:00 h a: b', 'bad_header'],
    ])('%j gives %s', (line, reason) => {
      expect(parseOne(line, { year: 2024 })).toEqual({ ok: false, reason });
    });
  });

  describe('totality and robustness', () => {
    const reasons = ['empty_line', 'bad_timestamp', 'no_timestamp', 'bad_header'];
    const prefixes = fc.constantFrom(
      '',
      'Jan  1 00:00:00 ',
      'Jan  1 00:00:00 host ',
      '<13>',
      '<13>1 ',
      '<13>1 2024-01-01T00:00:00Z ',
      '<13>1 2024-01-01T00:00:00Z h a 1 - [',
      '2024-01-01T00:00:00.123+01:00 ',
      '1124012400 ',
      'Thu Jun 13 10:00:00 2024 ',
    );

    function checkTotal(line: string): void {
      const result = createEnvelopeParser({ referenceTime: REFERENCE })(line);
      if (result.ok) {
        expect(Number.isFinite(result.envelope.time)).toBe(true);
        expect(result.envelope.repeat).toBeGreaterThanOrEqual(1);
      } else {
        expect(reasons).toContain(result.reason);
      }
    }

    it('never throws on fc.string()', () => {
      fc.assert(fc.property(prefixes, fc.string(), (p, s) => checkTotal(p + s)));
    });

    it('never throws on full-Unicode strings', () => {
      fc.assert(fc.property(prefixes, fc.string({ unit: 'binary' }), (p, s) => checkTotal(p + s)));
    });

    it('never throws on arbitrary bytes decoded as UTF-8', () => {
      const decoder = new TextDecoder();
      fc.assert(
        fc.property(prefixes, fc.uint8Array({ maxLength: 200 }), (p, b) =>
          checkTotal(p + decoder.decode(b)),
        ),
      );
    });

    it.each([
      ['a 1 MiB host token', `Jan  1 00:00:00 ${'a'.repeat(1 << 20)}`, 'bad_header'],
      ['1 MiB of tag brackets', `Jan  1 00:00:00 h ${'a['.repeat(1 << 19)}`, 'bad_header'],
      [
        '1 MiB of open structured data',
        `<1>1 2024-01-01T00:00:00Z h a 1 m [${'x="\\'.repeat(1 << 18)}`,
        'bad_header',
      ],
      ['1 MiB of digits', '9'.repeat(1 << 20), 'no_timestamp'],
      ['1 MiB of spaces after the time', `Jan  1 00:00:00${' '.repeat(1 << 20)}`, 'bad_header'],
    ])('returns for %s', (_name, line, reason) => {
      expect(parseOne(line, { year: 2024 })).toEqual({ ok: false, reason });
    });

    it('returns a 1 MiB message intact', () => {
      const message = 'x'.repeat(1 << 20);
      expect(
        envelopeOf(parseOne(`Jan  1 00:00:00 h sshd[1]: ${message}`, { year: 2024 })).message,
      ).toBe(message);
    });
  });

  describe('round trip', () => {
    const MONTHS = [
      'Jan',
      'Feb',
      'Mar',
      'Apr',
      'May',
      'Jun',
      'Jul',
      'Aug',
      'Sep',
      'Oct',
      'Nov',
      'Dec',
    ];
    const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
    const instant = fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2037, 11, 31) });
    const host = fc
      .stringMatching(/^[a-z0-9][a-z0-9.-]{0,20}$/)
      .filter((h) => !FACILITY_PRIORITY.test(h));
    const program = fc.stringMatching(/^[a-zA-Z][a-zA-Z0-9_./()-]{0,15}$/);
    const pid = fc.integer({ min: 1, max: 4_194_304 });
    const message = fc
      .string({ maxLength: 80 })
      .filter(
        (m) =>
          !/[\r\n]/.test(m) &&
          !m.startsWith('message repeated ') &&
          !m.startsWith('[ID ') &&
          !m.startsWith('\uFEFF'),
      );

    it('RFC3164 rendered in a zone without DST parses back with year + timezone options', () => {
      const zone = fc.constantFrom('UTC', 'Asia/Tokyo', 'Asia/Kolkata', 'Australia/Brisbane');
      fc.assert(
        fc.property(instant, zone, host, program, pid, message, (t, z, h, p, n, m) => {
          const seconds = Math.floor(t / 1000) * 1000;
          const w = zonedWallTime(seconds, z);
          const day = String(w.day).padStart(2, ' ');
          const line = `${MONTHS[w.month - 1]} ${day} ${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)} ${h} ${p}[${n}]: ${m}`;
          const e = envelopeOf(createEnvelopeParser({ year: w.year, timezone: z })(line));
          expect(e).toEqual({
            time: seconds,
            timeBasis: { year: 'option', zone: 'option' },
            host: h,
            program: p,
            pid: n,
            repeat: 1,
            message: m,
          });
        }),
      );
    });

    it('RFC3164 rendered in Europe/Berlin parses back to the instant, or one hour earlier in the autumn overlap', () => {
      fc.assert(
        fc.property(instant, (t) => {
          const seconds = Math.floor(t / 1000) * 1000;
          const w = zonedWallTime(seconds, 'Europe/Berlin');
          const line = `${MONTHS[w.month - 1]} ${pad(w.day)} ${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)} h sshd[1]: x`;
          const parsed = envelopeOf(
            createEnvelopeParser({ year: w.year, timezone: 'Europe/Berlin' })(line),
          ).time;
          expect([seconds, seconds - 3_600_000]).toContain(parsed);
        }),
      );
    });

    it('ISO-8601 with an offset parses back', () => {
      const offset = fc.integer({ min: -48, max: 56 }).map((q) => q * 15);
      fc.assert(
        fc.property(instant, offset, host, program, pid, message, (t, off, h, p, n, m) => {
          const w = zonedWallTime(t + off * 60_000, 'UTC');
          const sign = off < 0 ? '-' : '+';
          const abs = Math.abs(off);
          const stamp = `${w.year}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}.${pad(w.millisecond, 3)}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
          const e = envelopeOf(createEnvelopeParser()(`${stamp} ${h} ${p}[${n}]: ${m}`));
          expect(e).toEqual({
            time: t,
            timeBasis: { year: 'line', zone: 'line' },
            host: h,
            program: p,
            pid: n,
            repeat: 1,
            message: m,
          });
        }),
      );
    });

    it('RFC5424 with structured data parses back', () => {
      const sdValue = fc
        .string({ maxLength: 12 })
        .map((v) => v.replace(/[\\"\]]/g, (c) => `\\${c}`));
      const sd = fc.oneof(
        fc.constant('-'),
        fc
          .array(sdValue, { minLength: 1, maxLength: 3 })
          .map((vs) => vs.map((v, i) => `[id${i}@1 k="${v}"]`).join('')),
      );
      fc.assert(
        fc.property(instant, host, program, pid, sd, message, (t, h, p, n, s, m) => {
          const stamp = new Date(t).toISOString();
          const e = envelopeOf(createEnvelopeParser()(`<38>1 ${stamp} ${h} ${p} ${n} - ${s} ${m}`));
          expect(e).toEqual({
            time: t,
            timeBasis: { year: 'line', zone: 'line' },
            host: h,
            program: p,
            pid: n,
            repeat: 1,
            message: m,
          });
        }),
      );
    });
  });

  it('reads interleaved hosts and programs the same as a fresh parser reads each line', () => {
    // Host and program caches must never change a result: prefixes of one another, an IPv6
    // host, a host equal to a program name, and lines without a host, in any order.
    const hostPart = fc.constantFrom(
      'web-01 ',
      'web-01.example.org ',
      'web ',
      'fe80::1 ',
      'sshd ',
      'bastion-01 ',
      'db-legacy ',
      'ip-10-0-0-12.eu-west-1.compute.internal ',
      '',
    );
    const tag = fc.constantFrom(
      'sshd[42]:',
      'sshd-session[1878]:',
      'sshd:',
      'systemd-logind[702]:',
      'CRON[9]:',
      '[sshd]',
      'su(pam_unix)[77]:',
      'web[3]:',
    );
    const line = fc
      .tuple(fc.boolean(), hostPart, tag, fc.constantFrom('Accepted key', 'x y', ''))
      .map(([iso, h, t, m]) =>
        iso ? `2024-03-01T00:00:16.121228+00:00 ${h}${t} ${m}` : `Mar  1 00:00:16 ${h}${t} ${m}`,
      );
    fc.assert(
      fc.property(fc.array(line, { maxLength: 30 }), (lines) => {
        const stateful = createEnvelopeParser({ year: 2024 });
        for (const l of lines) {
          expect(stateful(l)).toEqual(createEnvelopeParser({ year: 2024 })(l));
        }
      }),
      { numRuns: 400 },
    );
  });
});
