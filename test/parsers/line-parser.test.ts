import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalIp } from '../../src/ip.js';
import { createLineParser } from '../../src/parsers/line-parser.js';
import type { LineOutcome } from '../../src/parsers/outcome.js';
import { authLine, render } from '../arbitraries/auth-line.js';

const SAMPLE = [
  'Mar  4 09:02:11 bastion sshd[2210]: Accepted publickey for alice from 198.51.100.23 port 51514 ssh2: ED25519 SHA256:Vq2Xo7tOe1t8pQ4b1b7kq0Q2c9kP8m3yQm5sJmGm0xA',
  'Mar  4 09:02:11 bastion sshd[2210]: pam_unix(sshd:session): session opened for user alice(uid=1000) by (uid=0)',
  'Mar  4 09:02:11 bastion systemd-logind[402]: New session 31 of user alice.',
  'Mar  4 09:05:40 bastion sudo[2301]:    alice : TTY=pts/0 ; PWD=/home/alice ; USER=root ; COMMAND=/usr/bin/id',
  'Mar  4 09:06:00 bastion su[2400]: (to root) alice on pts/0',
  'Mar  4 09:06:01 bastion CRON[2410]: pam_unix(cron:session): session opened for user root(uid=0) by (uid=0)',
  'Mar  4 09:06:02 bastion kernel: [ 1.0] eth0: link up',
  'Mar  4 09:06:03 bastion sshd[2210]: some message no sshd ever wrote',
  'Mar 99 09:06:03 bastion sshd[2210]: Accepted password for x from 1.2.3.4 port 1 ssh2',
  '',
];

function parseAll(lines: readonly string[], year = 2024): LineOutcome[] {
  const parser = createLineParser({ source: 'auth.log', year, timezone: 'UTC' });
  return lines.map((l) => parser.parse(l));
}

describe('createLineParser', () => {
  it('routes each message to the parser of its program', () => {
    const kinds = parseAll(SAMPLE).map((o) => (o.kind === 'event' ? o.event.kind : o.kind));
    expect(kinds).toEqual([
      'ssh.auth',
      'pam.session',
      'logind.session',
      'priv.sudo',
      'priv.su',
      'ignored',
      'ignored',
      'unrecognized',
      'malformed',
      'malformed',
    ]);
  });

  it('routes the old `(pam_unix)` form and strips a journal kernel-time prefix', () => {
    const parser = createLineParser({ source: 's', year: 2005 });
    const pam = parser.parse(
      'May 12 09:47:54 vaio sshd[16004]: (pam_unix) authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=203.0.113.9  user=root',
    );
    expect(pam.kind === 'event' && pam.event).toMatchObject({
      kind: 'pam.auth',
      sourceIp: '203.0.113.9',
    });
    const kernel = parser.parse(
      'May 12 09:48:00 srv sshd[20879]: kernel: [  970.699397] Failed password for user admin from 192.0.2.10 port 42745 ssh2',
    );
    expect(kernel.kind === 'event' && kernel.event).toMatchObject({
      kind: 'ssh.auth',
      outcome: 'failure',
      user: 'user admin',
      sourceIp: '192.0.2.10',
    });
  });

  it('numbers lines from 1 and keeps the raw text as provenance', () => {
    const [first] = parseAll(SAMPLE);
    expect(first?.kind).toBe('event');
    if (first?.kind !== 'event') return;
    expect(first.event.source).toEqual({ source: 'auth.log', line: 1, text: SAMPLE[0] });
    expect(first.event.time).toBe(Date.UTC(2024, 2, 4, 9, 2, 11));
    expect(first.event.timeBasis).toEqual({ year: 'option', zone: 'option' });
  });

  it('accounts for every line: the stats reconcile with the lines read', () => {
    const parser = createLineParser({ source: 's', year: 2024 });
    for (const line of SAMPLE) parser.parse(line);
    const s = parser.stats();
    expect(s.lines).toBe(SAMPLE.length);
    expect(s.events + s.ignored + s.unrecognized + s.malformed).toBe(s.lines);
    expect(s).toMatchObject({ events: 5, ignored: 2, unrecognized: 1, malformed: 2 });
    expect(s.reasons).toMatchObject({ other_program: 1, empty_line: 1 });
  });

  it('reports a line over the cap as malformed without parsing it', () => {
    const parser = createLineParser({ source: 's', maxLineLength: 100 });
    const out = parser.parse(
      `Mar  4 09:02:11 h sshd[1]: Invalid user ${'x'.repeat(200)} from 1.2.3.4 port 5`,
    );
    expect(out).toMatchObject({ kind: 'malformed', reason: 'line_too_long' });
    expect(out.kind === 'malformed' && out.source.text.length).toBe(100);
  });

  it('handles a 1 MiB hostile line and stays total', () => {
    const parser = createLineParser({ source: 's', maxLineLength: 2 * 1024 * 1024 });
    const hostile = `Mar  4 09:02:11 h sshd[1]: Invalid user ${'a from 1.1.1.1 port 1 '.repeat(45_000)}from 9.9.9.9 port 7`;
    const out = parser.parse(hostile);
    expect(out.kind).toBe('event');
    if (out.kind === 'event' && out.event.kind === 'ssh.auth')
      expect(out.event.sourceIp).toBe('9.9.9.9');
  });

  it('reads journald JSON records and takes the logind leader pid from LEADER', () => {
    const parser = createLineParser({ source: 'journal' });
    const out = parser.parse(
      JSON.stringify({
        __REALTIME_TIMESTAMP: '1709542931925020',
        _HOSTNAME: 'bastion',
        SYSLOG_IDENTIFIER: 'systemd-logind',
        _PID: '402',
        MESSAGE: 'New session 31 of user alice.',
        SESSION_ID: '31',
        LEADER: '2210',
      }),
    );
    expect(out.kind === 'event' && out.event).toMatchObject({
      kind: 'logind.session',
      action: 'new',
      sessionId: '31',
      user: 'alice',
      leaderPid: 2210,
      host: 'bastion',
      time: 1_709_542_931_925,
    });
  });

  it('continues from a snapshot exactly as an uninterrupted parser would', () => {
    const lines = ['Dec 31 23:59:59 h sshd[1]: Server listening on 0.0.0.0 port 22.', ...SAMPLE];
    fc.assert(
      fc.property(fc.integer({ min: 0, max: lines.length }), (cut) => {
        const options = { source: 's', referenceTime: Date.UTC(2025, 0, 2) };
        const whole = createLineParser(options);
        const expected = lines.map((l) => whole.parse(l));
        const first = createLineParser(options);
        const head = lines.slice(0, cut).map((l) => first.parse(l));
        const state = JSON.parse(JSON.stringify(first.snapshot()));
        const second = createLineParser({ ...options, state });
        const tail = lines.slice(cut).map((l) => second.parse(l));
        expect([...head, ...tail]).toEqual(expected);
        expect(second.stats()).toEqual(whole.stats());
      }),
    );
  });

  it('never throws on arbitrary strings or decoded arbitrary bytes', () => {
    const parser = createLineParser({ source: 's' });
    const decoder = new TextDecoder();
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.string({ unit: 'binary' }),
          fc.uint8Array().map((b) => decoder.decode(b)),
        ),
        (text) => {
          const out = parser.parse(text);
          expect(['event', 'ignored', 'unrecognized', 'malformed']).toContain(out.kind);
        },
      ),
    );
  });

  it.each(['rfc3164', 'iso', 'rfc5424', 'journald'] as const)(
    'reads back a generated auth line rendered as %s, whatever the user name',
    (style) => {
      fc.assert(
        fc.property(authLine(), (g) => {
          const year = new Date(g.time).getUTCFullYear();
          const parser = createLineParser({ source: 'gen', year, timezone: 'UTC' });
          const out = parser.parse(render(g, style));
          expect(out.kind).toBe('event');
          if (out.kind !== 'event' || out.event.kind !== 'ssh.auth')
            throw new Error('not ssh.auth');
          expect(out.event).toMatchObject({
            time: g.time,
            host: g.host,
            pid: g.pid,
            program: 'sshd',
            outcome: g.outcome === 'Accepted' ? 'success' : 'failure',
            method: g.method,
            user: g.user,
            sourceIp: canonicalIp(g.ip),
            sourcePort: g.port,
          });
        }),
      );
    },
  );
});
