import { describe, expect, it } from 'vitest';
import { sniffBytes } from '../../../src/node/sniff/sniff-file.js';
import { sniffFormat } from '../../../src/node/sniff/sniff-format.js';
import { sniffUtmp } from '../../../src/node/sniff/sniff-utmp.js';

const formatOf = (lines: readonly string[]): string => {
  const r = sniffFormat(lines);
  return r.kind === 'format' ? r.format : 'unsure';
};

describe('sniffFormat', () => {
  it.each([
    [
      'syslog (RFC3164)',
      [
        'Mar  4 09:02:11 bastion sshd[2210]: Accepted publickey for alice from 198.51.100.23 port 51514 ssh2',
      ],
      'syslog',
    ],
    [
      'syslog (RFC5424)',
      [
        '<30>1 2023-09-28T12:10:12.175599+02:00 test.lab.com systemd 153589 - - Stopped target Default.',
      ],
      'syslog',
    ],
    [
      'journald JSON',
      [
        '{"__REALTIME_TIMESTAMP":"1571081572320358","_PID":"1413","MESSAGE":"Accepted password for x"}',
      ],
      'journald-json',
    ],
    [
      'auditd',
      [
        "type=USER_START msg=audit(1610992796.780:425): pid=10174 uid=0 auid=1000 ses=3 msg='op=PAM:session_open'",
        'node=web1 type=EOE msg=audit(1610992796.780:426): ',
      ],
      'auditd',
    ],
    ['Zeek TSV', ['#separator \\x09', '#set_separator\t,', '#fields\tts\tuid'], 'zeek'],
    [
      'Zeek TSV with a custom meta prefix',
      ['PREFIX<>separator |', 'PREFIX<>fields|ts|uid'],
      'zeek',
    ],
    [
      'Zeek JSON',
      ['{"ts":1521911799.739898,"uid":"C1","id.orig_h":"10.0.0.227","id.orig_p":59849}'],
      'zeek',
    ],
    [
      'Sysmon XML in syslog',
      [
        'Nov 24 08:30:01 host sysmon: <Event><System><Provider Name="Linux-Sysmon"/><EventID>1</EventID></System></Event>',
        'Nov 24 08:30:02 host CRON[1]: (root) CMD (true)',
      ],
      'sysmon',
    ],
    ['Sysmon JSON', ['{"EventID":1,"Computer":"h","EventData":{}}'], 'sysmon'],
    [
      'osquery results',
      [
        '{"name":"pack_x","hostIdentifier":"h","unixTime":1462228052,"columns":{"pid":"1"},"action":"added"}',
      ],
      'osquery',
    ],
    [
      'osquery snapshot',
      ['{"name":"q","hostIdentifier":"h","snapshot":[{"pid":"1"}],"action":"snapshot"}'],
      'osquery',
    ],
  ])('recognizes %s', (_name, lines, expected) => {
    expect(formatOf(lines)).toBe(expected);
  });

  it('is unsure, with an excerpt, when no line is a known format', () => {
    const r = sniffFormat(['LineId,Date,Day,Time,Component', '1,Dec,10,06:55:46,LabSZ']);
    expect(r).toEqual({
      kind: 'unsure',
      reason: "no clear format in 2 lines (none recognized); e.g. 'LineId,Date,Day,Time,Component'",
    });
  });

  it('is unsure when formats are mixed without a majority', () => {
    const r = sniffFormat([
      'type=EOE msg=audit(1.0:1): ',
      'Mar  4 09:02:11 bastion sshd[2210]: Connection closed by 10.0.0.1 port 2',
      'not a log line',
    ]);
    expect(r.kind).toBe('unsure');
    expect(r.reason).toContain('1 auditd, 1 syslog');
  });

  it('does not let comments and blank lines vote', () => {
    expect(formatOf(['# comment', '', 'type=EOE msg=audit(1.0:1): '])).toBe('auditd');
  });

  it('keeps control characters out of its message', () => {
    const r = sniffFormat(['\u001b[31mred\u0007']);
    expect(r.reason).not.toMatch(/[\u0000-\u001f]/);
  });
});

describe('sniffUtmp / sniffBytes', () => {
  const record = (type: number, line: string, user: string, bigEndian = false): Uint8Array => {
    const r = new Uint8Array(384);
    r[bigEndian ? 1 : 0] = type;
    r.set(new TextEncoder().encode(line), 8);
    r.set(new TextEncoder().encode(user), 44);
    return r;
  };
  const concat = (...parts: Uint8Array[]): Uint8Array => {
    const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const p of parts) {
      out.set(p, at);
      at += p.length;
    }
    return out;
  };

  it('recognizes utmp records of either byte order', () => {
    const le = concat(record(2, '~', 'reboot'), record(7, 'pts/0', 'alice'));
    expect(sniffUtmp(le, le.length)).toEqual({
      utmp: true,
      note: '2 records of 384 bytes (little-endian)',
    });
    const be = record(7, 'pts/1', 'bob', true);
    expect(sniffUtmp(be, be.length).note).toContain('big-endian');
  });

  it('notes a partial trailing record', () => {
    const bytes = concat(record(7, 'pts/0', 'alice'), new Uint8Array(1));
    expect(sniffUtmp(bytes, bytes.length).note).toContain('1 trailing bytes of a partial record');
  });

  it('rejects binary that is not utmp', () => {
    const bytes = new Uint8Array(800).fill(0xff);
    bytes[5] = 0;
    const r = sniffBytes(bytes, bytes.length);
    expect(r).toEqual({
      kind: 'unsure',
      reason: 'binary content that is not utmp (record 1 has no valid ut_type)',
    });
  });

  it('says when the input is empty', () => {
    expect(sniffBytes(new Uint8Array(0), 0)).toEqual({
      kind: 'unsure',
      reason: 'the input is empty',
    });
  });
});
