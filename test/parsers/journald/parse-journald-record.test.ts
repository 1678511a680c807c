import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type JournaldResult, parseJournaldRecord } from '../../../src/parsers/journald/index.js';

// A `journalctl -o json` record of OpenSSH >= 9.8 on Debian (field set and value shapes as
// journald writes them: every value a string, timestamps in microseconds).
const SSHD_SESSION_RECORD = {
  __CURSOR: 's=8a1f0c2e9b3d4c5e;i=1a2b;b=5f6e7d8c;m=3b9aca00;t=61ad3f1c2e4b0;x=9c8d7e6f',
  __REALTIME_TIMESTAMP: '1718272800123456',
  __MONOTONIC_TIMESTAMP: '1000000000',
  _BOOT_ID: '5f6e7d8c9b0a41d2b3c4d5e6f7a8b9c0',
  _TRANSPORT: 'syslog',
  PRIORITY: '6',
  SYSLOG_FACILITY: '4',
  SYSLOG_IDENTIFIER: 'sshd-session',
  SYSLOG_PID: '4242',
  SYSLOG_TIMESTAMP: 'Jun 13 10:00:00 ',
  MESSAGE: 'Accepted publickey for alice from 192.0.2.10 port 50522 ssh2: ED25519 SHA256:AbCdEf',
  _PID: '4242',
  _UID: '0',
  _GID: '0',
  _COMM: 'sshd-session',
  _EXE: '/usr/lib/openssh/sshd-session',
  _CMDLINE: 'sshd-session: alice [priv]',
  _SYSTEMD_UNIT: 'ssh.service',
  _AUDIT_SESSION: '12',
  _AUDIT_LOGINUID: '1000',
  _HOSTNAME: 'web1',
};

// systemd-logind's structured "New session" record (MESSAGE_ID of the journal catalog).
const LOGIND_RECORD = {
  __REALTIME_TIMESTAMP: '1718272800200000',
  _HOSTNAME: 'web1',
  SYSLOG_IDENTIFIER: 'systemd-logind',
  _COMM: 'systemd-logind',
  _PID: '612',
  _UID: '0',
  MESSAGE: 'New session 12 of user alice.',
  MESSAGE_ID: '8d45620c1a4348dbb17410da57c60c66',
  SESSION_ID: '12',
  USER_ID: 'alice',
  LEADER: '4242',
  _SYSTEMD_UNIT: 'systemd-logind.service',
};

function ok(result: JournaldResult): Extract<JournaldResult, { ok: true }> {
  if (!result.ok) throw new Error(`expected a record, got ${result.reason}`);
  return result;
}

const line = (record: object): string => JSON.stringify(record);

describe('parseJournaldRecord', () => {
  it('reads an sshd-session record into an envelope and its journal fields', () => {
    const r = ok(parseJournaldRecord(line(SSHD_SESSION_RECORD)));
    expect(r.envelope).toEqual({
      time: 1718272800123,
      timeBasis: { year: 'line', zone: 'line' },
      host: 'web1',
      program: 'sshd-session',
      pid: 4242,
      repeat: 1,
      message:
        'Accepted publickey for alice from 192.0.2.10 port 50522 ssh2: ED25519 SHA256:AbCdEf',
    });
    expect(r.journal).toEqual({
      comm: 'sshd-session',
      exe: '/usr/lib/openssh/sshd-session',
      cmdline: 'sshd-session: alice [priv]',
      uid: 0,
      auditSession: 12,
      auditLoginUid: 1000,
      systemdUnit: 'ssh.service',
      transport: 'syslog',
      bootId: '5f6e7d8c9b0a41d2b3c4d5e6f7a8b9c0',
      messageId: undefined,
      sessionId: undefined,
      userId: undefined,
      leader: undefined,
      syslogIdentifier: 'sshd-session',
      syslogPid: 4242,
      priority: 6,
      cursor: 's=8a1f0c2e9b3d4c5e;i=1a2b;b=5f6e7d8c;m=3b9aca00;t=61ad3f1c2e4b0;x=9c8d7e6f',
    });
  });

  it('surfaces logind session fields', () => {
    const r = ok(parseJournaldRecord(line(LOGIND_RECORD)));
    expect(r.journal).toMatchObject({
      messageId: '8d45620c1a4348dbb17410da57c60c66',
      sessionId: '12',
      userId: 'alice',
      leader: 4242,
      systemdUnit: 'systemd-logind.service',
    });
    expect(r.envelope.program).toBe('systemd-logind');
  });

  it('prefers the trusted _PID over SYSLOG_PID, and falls back to SYSLOG_PID', () => {
    expect(
      ok(parseJournaldRecord(line({ ...SSHD_SESSION_RECORD, SYSLOG_PID: '1' }))).envelope.pid,
    ).toBe(4242);
    const { _PID: _, ...noPid } = SSHD_SESSION_RECORD;
    expect(ok(parseJournaldRecord(line({ ...noPid, SYSLOG_PID: '77' }))).envelope.pid).toBe(77);
  });

  it('takes program from SYSLOG_IDENTIFIER, or from _COMM with trustedProgram (a forged `logger -t sshd`)', () => {
    const forged = line({
      ...SSHD_SESSION_RECORD,
      SYSLOG_IDENTIFIER: 'sshd',
      _COMM: 'logger',
      _EXE: '/usr/bin/logger',
      _UID: '1000',
    });
    expect(ok(parseJournaldRecord(forged)).envelope.program).toBe('sshd');
    const strict = ok(parseJournaldRecord(forged, { trustedProgram: true }));
    expect([strict.envelope.program, strict.journal.uid]).toEqual(['logger', 1000]);
    const { SYSLOG_IDENTIFIER: _, ...noIdentifier } = SSHD_SESSION_RECORD;
    expect(ok(parseJournaldRecord(line(noIdentifier))).envelope.program).toBe('sshd-session');
  });

  it('decodes a byte-array MESSAGE as UTF-8, or Latin-1 when it is not UTF-8', () => {
    const utf8 = [...new TextEncoder().encode('Invalid user jos\u00e9 from 192.0.2.1')];
    expect(
      ok(parseJournaldRecord(line({ ...SSHD_SESSION_RECORD, MESSAGE: utf8 }))).envelope.message,
    ).toBe('Invalid user jos\u00e9 from 192.0.2.1');
    // `llinco\361ir` from fail2ban testcase-wrong-char.log: a lone 0xF1 byte.
    const latin1 = [...'Invalid user llinco']
      .map((c) => c.charCodeAt(0))
      .concat([0xf1, 0x69, 0x72]);
    expect(
      ok(parseJournaldRecord(line({ ...SSHD_SESSION_RECORD, MESSAGE: latin1 }))).envelope.message,
    ).toBe('Invalid user llinco\u00f1ir');
    const emoji = [0xf0, 0x9f, 0x94, 0x91];
    expect(
      ok(parseJournaldRecord(line({ ...SSHD_SESSION_RECORD, MESSAGE: emoji }))).envelope.message,
    ).toBe('\u{1f511}');
    const overlong = [0xc0, 0xaf];
    expect(
      ok(parseJournaldRecord(line({ ...SSHD_SESSION_RECORD, MESSAGE: overlong }))).envelope.message,
    ).toBe('\u00c0\u00af');
  });

  it('takes the first value of a repeated field and treats null as absent', () => {
    const r = ok(
      parseJournaldRecord(
        line({ ...SSHD_SESSION_RECORD, _SYSTEMD_UNIT: ['ssh.service', 'other'], _EXE: null }),
      ),
    );
    expect([r.journal.systemdUnit, r.journal.exe]).toEqual(['ssh.service', undefined]);
    expect(parseJournaldRecord(line({ ...SSHD_SESSION_RECORD, MESSAGE: null }))).toEqual({
      ok: false,
      reason: 'bad_header',
    });
  });

  it('falls back to _SOURCE_REALTIME_TIMESTAMP and rejects a non-numeric timestamp', () => {
    const { __REALTIME_TIMESTAMP: _, ...noRealtime } = SSHD_SESSION_RECORD;
    expect(
      ok(
        parseJournaldRecord(
          line({ ...noRealtime, _SOURCE_REALTIME_TIMESTAMP: '1718272800000999' }),
        ),
      ).envelope.time,
    ).toBe(1718272800000);
    expect(parseJournaldRecord(line(noRealtime))).toEqual({ ok: false, reason: 'no_timestamp' });
    expect(
      parseJournaldRecord(line({ ...SSHD_SESSION_RECORD, __REALTIME_TIMESTAMP: '17e15' })),
    ).toEqual({
      ok: false,
      reason: 'bad_timestamp',
    });
  });

  it('accepts a `-o json-seq` record (RS prefix)', () => {
    expect(ok(parseJournaldRecord(`\u001e${line(SSHD_SESSION_RECORD)}`)).envelope.pid).toBe(4242);
  });

  it.each([
    ['', 'empty_line'],
    ['{"MESSAGE":"x"', 'bad_json'],
    ['[1,2,3]', 'bad_json'],
    ['null', 'bad_json'],
    ['"text"', 'bad_json'],
    ['Jun 13 10:00:00 web1 sshd[1]: not json', 'bad_json'],
  ])('%j gives %s', (input, reason) => {
    expect(parseJournaldRecord(input)).toEqual({ ok: false, reason });
  });

  it('never throws on arbitrary strings or JSON values', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.json()), (s) => {
        const r = parseJournaldRecord(s);
        expect(typeof r.ok).toBe('boolean');
      }),
    );
    fc.assert(
      fc.property(
        fc.dictionary(
          fc.constantFrom(
            'MESSAGE',
            '_PID',
            '__REALTIME_TIMESTAMP',
            '_COMM',
            'SYSLOG_IDENTIFIER',
            '_HOSTNAME',
          ),
          fc.jsonValue(),
        ),
        (record) => {
          const r = parseJournaldRecord(JSON.stringify(record));
          expect(typeof r.ok).toBe('boolean');
        },
      ),
    );
  });

  it('round-trips a generated record', () => {
    const micros = fc.bigInt({ min: 0n, max: 4_102_444_800_000_000n });
    fc.assert(
      fc.property(
        micros,
        fc.string({ minLength: 1 }),
        fc.string({ minLength: 1 }),
        fc.integer({ min: 1, max: 4_194_304 }),
        fc.string(),
        (us, host, program, pid, message) => {
          const r = ok(
            parseJournaldRecord(
              JSON.stringify({
                __REALTIME_TIMESTAMP: us.toString(),
                _HOSTNAME: host,
                SYSLOG_IDENTIFIER: program,
                _PID: String(pid),
                MESSAGE: message,
              }),
            ),
          );
          expect(r.envelope).toEqual({
            time: Number(us / 1000n),
            timeBasis: { year: 'line', zone: 'line' },
            host,
            program,
            pid,
            repeat: 1,
            message,
          });
        },
      ),
    );
  });
});

const JOURNAL_SAMPLE = resolve(process.cwd(), '../shared/corpora/journald/fail2ban/sshd-journal');

describe.skipIf(!existsSync(JOURNAL_SAMPLE))(
  'parseJournaldRecord over fail2ban sshd-journal messages',
  () => {
    // The sample holds `host ident[pid]: MESSAGE` renderings of journal entries (no JSON, no
    // timestamp); rebuild the JSON records journalctl would print and read them back.
    const HEADER = /^(\S+) ([^\s[]+)\[(\d+)\]: /;
    const entries = existsSync(JOURNAL_SAMPLE)
      ? readFileSync(JOURNAL_SAMPLE, 'latin1')
          .split('\n')
          .filter((l) => l.length > 0 && !l.startsWith('#'))
      : [];

    it('reads every entry with its host, identifier, pid and message', () => {
      expect(entries.length).toBeGreaterThan(100);
      entries.forEach((entry, i) => {
        const m = HEADER.exec(entry);
        expect(m, entry).not.toBeNull();
        if (m === null) return;
        const [header, host, ident, pid] = m;
        const message = entry.slice(header.length);
        const r = ok(
          parseJournaldRecord(
            JSON.stringify({
              __REALTIME_TIMESTAMP: String(1_700_000_000_000_000 + i * 1_000_000),
              _HOSTNAME: host,
              SYSLOG_IDENTIFIER: ident,
              _PID: pid,
              _COMM: ident,
              MESSAGE: message,
            }),
          ),
        );
        expect([r.envelope.host, r.envelope.program, r.envelope.pid, r.envelope.message]).toEqual([
          host,
          ident,
          Number(pid),
          message,
        ]);
      });
    });
  },
);
