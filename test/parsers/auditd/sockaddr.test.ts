import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalIp } from '../../../src/ip.js';
import { utf8 } from '../../../src/parsers/auditd/hex.js';
import { decodeSockaddr } from '../../../src/parsers/auditd/sockaddr.js';

describe('decodeSockaddr', () => {
  it('decodes AF_INET (go-libaudit: 169.254.169.254:80)', () => {
    expect(decodeSockaddr('02000050A9FEA9FE0000000000000000')).toEqual({
      family: 'inet',
      path: undefined,
      address: '169.254.169.254',
      port: 80,
    });
  });

  it('decodes AF_INET6 (laurel record-connect: [::1]:11211)', () => {
    const s = decodeSockaddr('0A002BCB000000000000000000000000000000000000000100000000');
    expect(s).toMatchObject({ family: 'inet6', address: '::1', port: 11211 });
  });

  it('reads the family of a big-endian host (laurel record-bind-ipv4-bigendian)', () => {
    expect(decodeSockaddr('0002D903000000000000000000000000')).toMatchObject({
      family: 'inet',
      address: '0.0.0.0',
      port: 55555,
    });
  });

  it('stops an AF_UNIX path at the first NUL, ignoring stack garbage after it', () => {
    const rhel7 = '01002F7661722F72756E2F6E7363642F736F636B65740000603B7B47FC7F000030';
    expect(decodeSockaddr(rhel7)).toMatchObject({ family: 'unix', path: '/var/run/nscd/socket' });
  });

  it('keeps a relative AF_UNIX path as logged (postfix public/pickup)', () => {
    const s = decodeSockaddr('01007075626C69632F7069636B7570000000000000000000000000000000');
    expect(s.path).toBe('public/pickup');
  });

  it('shows an abstract AF_UNIX name as @name', () => {
    const hex = `0100002F746D702F2E5831312D756E69782F5830`;
    expect(decodeSockaddr(hex)).toMatchObject({ family: 'unix', path: '@/tmp/.X11-unix/X0' });
  });

  it('returns an unnamed AF_UNIX socket without a path', () => {
    expect(decodeSockaddr('0100')).toEqual({
      family: 'unix',
      path: undefined,
      address: undefined,
      port: undefined,
    });
  });

  it('reports netlink and garbage as other', () => {
    expect(decodeSockaddr('100000000000000000000000').family).toBe('other');
    expect(decodeSockaddr('zz').family).toBe('other');
    expect(decodeSockaddr('02').family).toBe('other');
  });
});

describe('decodeSockaddr on AF_UNIX addresses', () => {
  it('reads the path up to its first NUL, whatever the bytes after it or the hex case', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 110 }), fc.boolean(), (path, lower) => {
        const bytes = Uint8Array.from([1, 0, ...path]);
        let hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
        hex = lower ? hex : hex.toUpperCase();
        const nul = bytes.indexOf(0, 2);
        const expected =
          bytes.length <= 2
            ? undefined
            : bytes[2] === 0
              ? decodeSockaddr(hex).path // abstract names: covered above
              : utf8(bytes, 2, nul < 0 ? bytes.length : nul);
        const got = decodeSockaddr(hex);
        expect(got.family).toBe('unix');
        expect(got.path).toBe(expected);
        expect([got.address, got.port]).toEqual([undefined, undefined]);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('decodeSockaddr on AF_INET addresses', () => {
  it('reads address and port of either byte order, in either hex case', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 0, maxLength: 20 }),
        fc.boolean(),
        fc.boolean(),
        (rest, bigEndian, lower) => {
          const bytes = Uint8Array.from([...(bigEndian ? [0, 2] : [2, 0]), ...rest]);
          let hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
          hex = lower ? hex : hex.toUpperCase();
          const expected =
            bytes.length < 8
              ? { family: 'inet', path: undefined, address: undefined, port: undefined }
              : {
                  family: 'inet',
                  path: undefined,
                  address: canonicalIp(`${bytes[4]}.${bytes[5]}.${bytes[6]}.${bytes[7]}`),
                  port: ((bytes[2] ?? 0) << 8) | (bytes[3] ?? 0),
                };
          expect(decodeSockaddr(hex)).toEqual(expected);
        },
      ),
      { numRuns: 1000 },
    );
  });
});
