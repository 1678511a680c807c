import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalIp } from '../../../src/ip.js';
import { parseSshdMessage } from '../../../src/parsers/sshd/index.js';
import { context } from '../../helpers/context.js';

const parse = (message: string) => parseSshdMessage(message, context());

describe('parseSshdMessage: injection (catalog §6, fail2ban gh-2185)', () => {
  it.each([
    [
      'Invalid user x from 6.6.6.6 port 22 from 1.2.3.4 port 5',
      { user: 'x from 6.6.6.6 port 22', sourceIp: '1.2.3.4', sourcePort: 5 },
    ],
    [
      'Invalid user Invalid user root from 123.123.123.123 from 10.1.1.1', // DenyHosts BID 64478
      { user: 'Invalid user root from 123.123.123.123', sourceIp: '10.1.1.1' },
    ],
    [
      'Failed password for invalid user from 10.10.1.1 from 127.0.0.1 port 58946 ssh2', // f2b
      { user: 'from 10.10.1.1', sourceIp: '127.0.0.1', sourcePort: 58946 },
    ],
    [
      'Failed password for invalid user test from 10.10.1.2 port 55555 ssh2 from 127.0.0.1 port 58946 ssh2', // f2b
      { user: 'test from 10.10.1.2 port 55555 ssh2', sourceIp: '127.0.0.1' },
    ],
    [
      'Failed password for invalid user test from 127.0.0.1 port 58946 ssh2: from 10.10.1.2 port 55555 ssh2', // f2b: auth-info injection
      { user: 'test', sourceIp: '127.0.0.1', sourcePort: 58946, key: undefined },
    ],
    [
      'Failed password for user from 127.0.0.1 port 20000 ssh1: ruser from 1.2.3.4', // f2b: legacy ruser
      { user: 'user', sourceIp: '127.0.0.1', sourcePort: 20000 },
    ],
    [
      `Failed password for user from aaaa:bbbb:cccc:1234::1:1 port 20000 ssh1: ruser ${'X'.repeat(100)} from 1.2.3.4`, // f2b
      { user: 'user', sourceIp: 'aaaa:bbbb:cccc:1234::1:1' },
    ],
    [
      'Accepted publickey for a from 1.2.3.4 port 5 ssh2: RSA SHA256:x from 9.9.9.9 port 7 ssh2: ED25519 SHA256:real',
      {
        user: 'a from 1.2.3.4 port 5 ssh2: RSA SHA256:x',
        sourceIp: '9.9.9.9',
        key: expect.objectContaining({ fingerprint: 'SHA256:real' }),
      },
    ],
  ])('takes the real peer of %s', (message, expected) => {
    expect(parse(message)).toMatchObject({ kind: 'ssh.auth', ...expected });
  });

  it.each([
    [
      'Connection closed by authenticating user test 127.0.0.1 192.0.2.11 port 46039 [preauth]',
      'test 127.0.0.1',
    ],
    [
      'Connection closed by authenticating user test 127.0.0.1 port 12345 192.0.2.11 port 46039 [preauth]',
      'test 127.0.0.1 port 12345',
    ],
  ])('takes the last ip+port of a connection id: %s', (message, user) => {
    expect(parse(message)).toMatchObject({
      kind: 'ssh.disconnect',
      user,
      sourceIp: '192.0.2.11',
      sourcePort: 46039,
    });
  });
});

/** Attacker-chosen user names: the tricky tokens plus arbitrary colon-free text. */
const username = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        ' ',
        ' from 1.2.3.4 port 5',
        ' ssh2',
        ': RSA SHA256:x',
        'from',
        ' port 22',
        '[preauth]',
      ),
      fc.string({ maxLength: 12 }).filter((s) => !s.includes(':')),
    ),
    { maxLength: 8 },
  )
  .map((parts) => parts.join(''))
  // sshd cuts the user name at its first ':' (user:style), so no logged name ends in ':'; such a
  // line is fail2ban's auth-info injection shape, where the peer BEFORE `ssh2: ` is the real one.
  .filter((u) => !u.endsWith(':') && !u.includes('\n'));

const peer = fc.record({
  ip: fc.oneof(fc.ipV4(), fc.ipV6()),
  port: fc.integer({ min: 1, max: 65535 }),
});

describe('parseSshdMessage: properties', () => {
  it('is total on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (s) => {
        const result = parseSshdMessage(s, context());
        expect(typeof result.kind).toBe('string');
      }),
    );
  });

  it('is total on sshd-looking noise', () => {
    const token = fc.constantFrom(
      'Accepted',
      'Failed',
      'Invalid user',
      'Connection closed by',
      'from',
      'port',
      '1.2.3.4',
      '::1',
      'ssh2:',
      'RSA',
      'SHA256:x',
      '[preauth]',
      'error:',
      'Received disconnect',
      ':11:',
      'for',
      'user',
      ' ',
    );
    fc.assert(
      fc.property(fc.array(token, { maxLength: 20 }), (parts) => {
        expect(() => parseSshdMessage(parts.join(' '), context())).not.toThrow();
      }),
    );
  });

  it('always yields the generated trailing ip/port for Accepted/Failed/Invalid lines', () => {
    const line = fc.record({
      verb: fc.constantFrom(
        'Accepted password',
        'Failed password',
        'Failed publickey',
        'Invalid user',
      ),
      invalid: fc.boolean(),
      user: username,
      peer,
      key: fc.constantFrom(
        '',
        ': ED25519 SHA256:AAAAC3NzaC1lZDI1NTE5',
        ': RSA 39:33:99:e9:a0:dc:f2:33:a3:e5:72:3b:7c:3a:56:84',
      ),
      preauth: fc.boolean(),
    });
    fc.assert(
      fc.property(line, ({ verb, invalid, user, peer: p, key, preauth }) => {
        const tail = `from ${p.ip} port ${p.port}`;
        const message =
          verb === 'Invalid user'
            ? `Invalid user ${user} ${tail}`
            : `${verb} for ${invalid ? 'invalid user ' : ''}${user} ${tail} ssh2${key}${preauth ? ' [preauth]' : ''}`;
        const result = parseSshdMessage(message, context());
        expect(result).toMatchObject({
          kind: 'ssh.auth',
          sourceIp: canonicalIp(p.ip),
          sourcePort: p.port,
          user,
        });
      }),
    );
  });

  it('always yields the trailing ip/port of a connection id whatever the user', () => {
    fc.assert(
      fc.property(
        username,
        peer,
        fc.constantFrom('authenticating user', 'invalid user', 'user'),
        (user, p, state) => {
          const result = parseSshdMessage(
            `Connection closed by ${state} ${user} ${p.ip} port ${p.port} [preauth]`,
            context(),
          );
          expect(result).toMatchObject({
            kind: 'ssh.disconnect',
            sourceIp: canonicalIp(p.ip),
            sourcePort: p.port,
            user,
          });
        },
      ),
    );
  });

  it('returns in well under a second on 1 MiB hostile messages, still from the right', () => {
    const invalid = `Invalid user ${'a from 1.1.1.1 port 1 '.repeat(50_000)}from 9.9.9.9 port 7`;
    const hostile = [
      invalid,
      `Failed password for ${'x from 1.2.3.4 port 5 ssh2: '.repeat(40_000)}`,
      `Failed password for ${'x from 1.2.3.4 port 5 ssh2: RSA SHA256:x '.repeat(30_000)}from 9.9.9.9 port 7 ssh2`,
      `Invalid user ${' from '.repeat(180_000)}`,
      `Connection closed by ${'a port 1 '.repeat(120_000)}`,
      `Disconnecting ${' port 1'.repeat(150_000)}`,
      `Received disconnect from ${'1'.repeat(1 << 20)}`,
      `Starting session: ${' on x'.repeat(200_000)}`,
    ];
    for (const message of hostile) {
      expect(message.length).toBeGreaterThan(1_000_000);
      const start = performance.now();
      const result = parseSshdMessage(message, context());
      expect(performance.now() - start).toBeLessThan(250);
      expect(typeof result.kind).toBe('string');
    }
    expect(parseSshdMessage(invalid, context())).toMatchObject({
      sourceIp: '9.9.9.9',
      sourcePort: 7,
    });
  });
});
