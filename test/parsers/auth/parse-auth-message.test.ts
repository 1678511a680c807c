import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  parseAuthMessage,
  parseLogindMessage,
  parsePamMessage,
  parseSudoMessage,
  parseSuMessage,
} from '../../../src/parsers/auth/index.js';
import type { MessageContext, MessageResult } from '../../../src/parsers/outcome.js';
import { context } from '../../helpers/context.js';

const parsers: readonly [string, (m: string, c: MessageContext) => MessageResult][] = [
  ['parseAuthMessage', parseAuthMessage],
  ['parsePamMessage', parsePamMessage],
  ['parseSudoMessage', parseSudoMessage],
  ['parseSuMessage', parseSuMessage],
  ['parseLogindMessage', parseLogindMessage],
];

const programs = ['sshd', 'su', 'sudo', 'systemd-logind', 'su(pam_unix)', 'CRON', undefined];

const seeds = [
  'pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=',
  'PAM 3 more authentication failures; ',
  'session opened for user ',
  'alice : TTY=pts/0 ; PWD=/ ; USER=root ; COMMAND=',
  'FAILED SU (to root) ',
  'New session ',
  '(pam_unix) ',
];

describe('parseAuthMessage', () => {
  it.each([
    ['sudo', 'alice : TTY=pts/0 ; PWD=/ ; USER=root ; COMMAND=/bin/id', 'priv.sudo'],
    ['su', '(to root) alice on pts/0', 'priv.su'],
    ['systemd-logind', 'New session 12 of user alice.', 'logind.session'],
    ['sshd', 'pam_unix(sshd:session): session closed for user fztu', 'pam.session'],
    ['sudo', 'pam_unix(sudo:session): session closed for user root', 'pam.session'],
    ['su(pam_unix)', 'session closed for user news', 'pam.session'],
    [
      'pure-ftpd',
      '(pam_unix) authentication failure; logname= uid=0 euid=0 tty= ruser= rhost=192.168.1.1 ',
      'pam.auth',
    ],
    ['sshd', 'Accepted password for root from 192.0.2.1 port 22 ssh2', 'unrecognized'],
  ])('routes a %s message to the right parser', (program, message, kind) => {
    expect(parseAuthMessage(message, context({ program })).kind).toBe(kind);
  });

  it.each(parsers)('%s never throws on arbitrary strings', (_name, parse) => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.string({ unit: 'binary' })),
        fc.constantFrom(...programs),
        (message, program) => {
          const r = parse(message, context({ program }));
          expect(typeof r.kind).toBe('string');
        },
      ),
    );
  });

  it.each(parsers)(
    '%s never throws on near-miss messages built from real prefixes',
    (_name, parse) => {
      fc.assert(
        fc.property(
          fc.constantFrom(...seeds),
          fc.string({ unit: 'grapheme-ascii' }),
          fc.constantFrom(...programs),
          (seed, tail, program) => {
            const r = parse(seed + tail, context({ program }));
            expect(typeof r.kind).toBe('string');
          },
        ),
      );
    },
  );

  it.each(parsers)('%s reads a hostile 1 MiB message in linear time', (_name, parse) => {
    const hostile = [
      `pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser=${' rhost=1.2.3.4 x'.repeat(65_536)}`,
      `alice : ${'TTY=pts/0 ; '.repeat(87_382)}`,
      `session opened for user ${'a'.repeat(1 << 20)}`,
      `New session ${'1'.repeat(1 << 20)} of user x.`,
      `${'x'.repeat(1 << 20)} to root on pts/0`,
      `(to root) ${'a '.repeat(1 << 19)}`,
    ];
    for (const message of hostile) {
      expect(message.length).toBeGreaterThanOrEqual(1 << 20);
      const started = performance.now();
      const r = parse(message, context({ program: 'sudo' }));
      expect(performance.now() - started).toBeLessThan(500);
      expect(typeof r.kind).toBe('string');
    }
  });

  it('keeps the real source when ruser and user both carry fake rhost= text', () => {
    const message = `pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser=${' rhost=6.6.6.6 x'.repeat(1000)} rhost=192.0.2.7  user=root rhost=6.6.6.6`;
    const r = parsePamMessage(message, context());
    expect(r.kind === 'pam.auth' ? [r.sourceIp, r.user] : r).toStrictEqual([
      '192.0.2.7',
      'root rhost=6.6.6.6',
    ]);
  });
});
