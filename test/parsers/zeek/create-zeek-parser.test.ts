import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LineOutcome } from '../../../src/parsers/outcome.js';
import { createZeekParser } from '../../../src/parsers/zeek/index.js';

const HEADER_SSH = [
  '#separator \\x09',
  '#set_separator\t,',
  '#empty_field\t(empty)',
  '#unset_field\t-',
  '#path\tssh',
  '#open\t2024-06-01-12-00-00',
  '#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tversion\tauth_success\tauth_attempts\tdirection\tclient\tserver\tcipher_alg\tmac_alg\tcompression_alg\tkex_alg\thost_key_alg\thost_key_fingerprint\thasshVersion\thassh\thasshServer',
  '#types\ttime\tstring\taddr\tport\taddr\tport\tcount\tbool\tcount\tenum\tstring\tstring\tstring\tstring\tstring\tstring\tstring\tstring\tstring\tstring\tstring',
];
const SSH_ROW =
  '1717243200.123456\tCabc123\t10.0.1.5\t50022\t10.0.2.9\t22\t2\tT\t2\tINBOUND\tSSH-2.0-OpenSSH_9.6p1 Ubuntu-3ubuntu13\tSSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3\tchacha20-poly1305@openssh.com\tumac-64-etm@openssh.com\tnone\tsntrup761x25519-sha512@openssh.com\tssh-ed25519\tSHA256:r320Lqxo0ynw5yApL29KprGBbs+TkC9q\t1.1\tec7378c1a92f5a8dde7e8b7a1ddf33d1\tb12d2871a1189eff20364cf5333619ee';

function run(lines: readonly string[], host?: string): LineOutcome[] {
  const parser = createZeekParser({ source: 'zeek.log', ...(host === undefined ? {} : { host }) });
  return lines.flatMap((l) => parser.push(l));
}

function eventsOf(outcomes: readonly LineOutcome[]) {
  return outcomes.flatMap((o) => (o.kind === 'event' ? [o.event] : []));
}

describe('createZeekParser', () => {
  it('reads an ssh.log row with hassh columns and a SHA256 host key', () => {
    const [event] = eventsOf(run([...HEADER_SSH, SSH_ROW], 'zeek-dmz'));
    expect(event).toEqual({
      kind: 'net.ssh',
      time: 1717243200123.456,
      timeBasis: { year: 'line', zone: 'line' },
      host: 'zeek-dmz',
      program: 'zeek',
      pid: undefined,
      repeat: 1,
      source: { source: 'zeek.log', line: 9, text: SSH_ROW },
      uid: 'Cabc123',
      origIp: '10.0.1.5',
      origPort: 50022,
      respIp: '10.0.2.9',
      respPort: 22,
      version: 2,
      authSuccess: true,
      authAttempts: 2,
      direction: 'INBOUND',
      client: 'SSH-2.0-OpenSSH_9.6p1 Ubuntu-3ubuntu13',
      server: 'SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3',
      cipherAlg: 'chacha20-poly1305@openssh.com',
      macAlg: 'umac-64-etm@openssh.com',
      compressionAlg: 'none',
      kexAlg: 'sntrup761x25519-sha512@openssh.com',
      hostKeyAlg: 'ssh-ed25519',
      hostKeyFingerprint: 'SHA256:r320Lqxo0ynw5yApL29KprGBbs+TkC9q',
      hassh: 'ec7378c1a92f5a8dde7e8b7a1ddf33d1',
      hasshServer: 'b12d2871a1189eff20364cf5333619ee',
    });
  });

  it('tells unset (-) from empty ((empty)) and decodes \\xHH escapes in banners', () => {
    const row = SSH_ROW.replace(
      'SSH-2.0-OpenSSH_9.6p1 Ubuntu-3ubuntu13',
      'SSH-2.0-evil\\x09tab caf\\xc3\\xa9',
    )
      .replace('\tINBOUND\t', '\t-\t')
      .replace('\tnone\t', '\t(empty)\t');
    const [event] = eventsOf(run([...HEADER_SSH, row]));
    expect(event).toMatchObject({
      client: 'SSH-2.0-evil\ttab café',
      direction: undefined,
      compressionAlg: '',
    });
  });

  it('re-reads #fields at every header block of concatenated files (conn then ssh)', () => {
    const conn = [
      '#separator \\x09',
      '#path\tconn',
      '#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\tconn_state\tduration',
      '#types\ttime\tstring\taddr\tport\taddr\tport\tenum\tstring\tinterval',
      '1717243200.000001\tCx\t::ffff:10.0.1.5\t50022\t10.0.2.9\t22\ttcp\tSF\t61.5',
    ];
    const events = eventsOf(run([...conn, ...HEADER_SSH, SSH_ROW]));
    expect(events.map((e) => e.kind)).toEqual(['net.flow', 'net.ssh']);
    expect(events[0]).toMatchObject({ origIp: '10.0.1.5', connState: 'SF', durationMs: 61500 });
  });

  it('reads JSON lines: float ts, ISO ts, _path, and infers the log from its fields', () => {
    const lines = [
      '{"ts":1717243200.5,"uid":"C1","id.orig_h":"10.0.1.5","id.orig_p":50022,"id.resp_h":"10.0.2.9","id.resp_p":22,"auth_success":false,"auth_attempts":3,"client":"SSH-2.0-Go"}',
      '{"_path":"conn","ts":"2024-06-01T12:00:00.500000Z","uid":"C1","id.orig_h":"10.0.1.5","id.orig_p":50022,"id.resp_h":"10.0.2.9","id.resp_p":22,"proto":"tcp","orig_bytes":4000,"resp_bytes":9000,"duration":3.25}',
      '{"_path":"dns","ts":1717243200.5,"query":"example.com"}',
      '{"ts":1717243200.5,"query":"example.com"}',
    ];
    const outcomes = run(lines);
    expect(outcomes[0]).toMatchObject({
      kind: 'event',
      event: {
        kind: 'net.ssh',
        time: 1717243200500,
        authSuccess: false,
        authAttempts: 3,
        version: undefined,
      },
    });
    expect(outcomes[1]).toMatchObject({
      kind: 'event',
      event: { kind: 'net.flow', time: 1717243200500, origBytes: 4000, durationMs: 3250 },
    });
    expect(outcomes[2]).toMatchObject({ kind: 'ignored', reason: 'zeek_other_path' });
    expect(outcomes[3]).toMatchObject({ kind: 'ignored', reason: 'zeek_other_path' });
  });

  it('ignores records of other TSV logs and reports rows it cannot read', () => {
    const outcomes = run([
      '1717243200.0\tCx\t10.0.0.1',
      '#separator \\x09',
      '#path\tdns',
      '#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tquery',
      '1717243200.0\tCx\t10.0.0.1\t5353\t10.0.0.2\t53\texample.com',
      ...HEADER_SSH,
      '1717243200.0\tCx\ttoo few',
      SSH_ROW.replace('10.0.1.5', '10.0.1.500'),
      SSH_ROW.replace('1717243200.123456', 'yesterday'),
      '{"ts": 1,',
      '#close\t2024-06-01-13-00-00',
      '',
    ]);
    expect(outcomes.map((o) => (o.kind === 'event' ? o.kind : `${o.kind}:${o.reason}`))).toEqual([
      'unrecognized:zeek_no_header',
      'ignored:zeek_header',
      'ignored:zeek_header',
      'ignored:zeek_header',
      'ignored:zeek_other_path',
      ...HEADER_SSH.map(() => 'ignored:zeek_header'),
      'unrecognized:zeek_field_count',
      'unrecognized:zeek_bad_address',
      'malformed:bad_timestamp',
      'malformed:bad_json',
      'ignored:zeek_close',
      'malformed:empty_line',
    ]);
  });

  it('caps long lines as malformed line_too_long', () => {
    const parser = createZeekParser({ source: 's', maxLineLength: 100 });
    expect(parser.push('x'.repeat(500))).toEqual([
      {
        kind: 'malformed',
        reason: 'line_too_long',
        source: { source: 's', line: 1, text: 'x'.repeat(100) },
      },
    ]);
  });

  it('continues from a snapshot with the header in force (after a JSON round trip)', () => {
    const first = createZeekParser({ source: 'ssh.log' });
    for (const line of HEADER_SSH) first.push(line);
    const state: unknown = JSON.parse(JSON.stringify(first.snapshot()));
    const second = createZeekParser({ source: 'ssh.log', state });
    const [out] = second.push(SSH_ROW);
    expect(out).toMatchObject({ kind: 'event', event: { kind: 'net.ssh', source: { line: 9 } } });
    expect(second.stats()).toMatchObject({ lines: 9, events: 1, ignored: 8 });
    expect(() => createZeekParser({ source: 's', state: { format: 'other' } })).toThrow(TypeError);
  });

  it('is total: any line gives exactly one outcome and the stats reconcile', () => {
    const chunk = fc.oneof(
      fc.string(),
      fc.constantFrom(
        '#separator ',
        '\\x',
        '\t',
        '|',
        '{',
        '}',
        '"ts":',
        '#fields\t',
        'ts\tid.orig_h',
        '-',
        '(empty)',
      ),
    );
    fc.assert(
      fc.property(
        fc.array(
          fc.array(chunk, { maxLength: 8 }).map((p) => p.join('')),
          { maxLength: 30 },
        ),
        (lines) => {
          const parser = createZeekParser({ source: 'fuzz' });
          let count = 0;
          for (const line of [...HEADER_SSH.slice(0, 2), ...lines])
            count += parser.push(line).length;
          const stats = parser.stats();
          expect(count).toBe(lines.length + 2);
          expect(stats.events + stats.ignored + stats.unrecognized + stats.malformed).toBe(
            stats.lines,
          );
        },
      ),
    );
  });
});
