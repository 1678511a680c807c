import fc from 'fast-check';
import ipaddr from 'ipaddr.js';
import { describe, expect, it } from 'vitest';
import { canonicalIp, canonicalIpAt, dottedQuadAt, dottedQuadBefore } from '../src/ip.js';

/** The answer straight from ipaddr.js, without canonicalIp's fast path or cache. */
function reference(text: string): string | undefined {
  if (text.length === 0 || text.length > 64) return undefined;
  if (text.includes(':')) {
    if (!ipaddr.IPv6.isValid(text)) return undefined;
    const v6 = ipaddr.IPv6.parse(text);
    return v6.isIPv4MappedAddress() ? v6.toIPv4Address().toString() : v6.toRFC5952String();
  }
  return ipaddr.IPv4.isValidFourPartDecimal(text) ? ipaddr.IPv4.parse(text).toString() : undefined;
}

const octet = fc.oneof(
  fc.integer({ min: 0, max: 300 }).map(String),
  fc.constantFrom('00', '01', '007', '0x1f', '', '1a', '256', '999', '0255'),
);

describe('canonicalIp', () => {
  it('reads the addresses of real sshd lines', () => {
    expect(canonicalIp('203.0.113.77')).toBe('203.0.113.77');
    expect(canonicalIp('::ffff:10.0.0.1')).toBe('10.0.0.1');
    expect(canonicalIp('2001:DB8::0:1')).toBe('2001:db8::1');
    expect(canonicalIp('192.030.0.6')).toBeUndefined();
    expect(canonicalIp('10.0.0.1.')).toBeUndefined();
    expect(canonicalIp('1.2.3')).toBeUndefined();
    expect(canonicalIp('example.com')).toBeUndefined();
  });

  it('agrees with ipaddr.js on dotted quads, valid or not', () => {
    fc.assert(
      fc.property(
        fc.array(octet, { minLength: 1, maxLength: 6 }).map((parts) => parts.join('.')),
        (text) => {
          expect(canonicalIp(text)).toBe(reference(text));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('agrees with ipaddr.js on IPv4 and IPv6 addresses and stays right past its cache limit', () => {
    fc.assert(
      fc.property(fc.oneof(fc.ipV4(), fc.ipV6(), fc.ipV4Extended(), fc.string()), (text) => {
        expect(canonicalIp(text)).toBe(reference(text));
      }),
      { numRuns: 20_000 },
    );
    // More distinct addresses than one cache generation holds: the cache rolls over.
    for (let i = 0; i < 20_000; i++) {
      const text = `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
      expect(canonicalIp(text)).toBe(text);
    }
  });
});

// Text around an address: what the in-place readers see on a log line.
const around = fc.tuple(
  fc.constantFrom('', ' ', 'from ', '1', '.', 'x'),
  fc.oneof(
    fc.array(octet, { minLength: 1, maxLength: 6 }).map((parts) => parts.join('.')),
    fc.ipV4(),
    fc.ipV6(),
    fc.stringMatching(/^[0-9.]{0,18}$/),
  ),
  fc.constantFrom('', ' ', ' port 22', '.', '1', ':22', ']', 'x'),
);

describe('canonicalIpAt and dottedQuadAt', () => {
  it('canonicalIpAt is canonicalIp of the slice, for any range', () => {
    fc.assert(
      fc.property(around, fc.nat(), fc.nat(), ([before, address, after], a, b) => {
        const text = `${before}${address}${after}`;
        const from = a % (text.length + 1);
        const to = from + (b % (text.length - from + 1));
        expect(canonicalIpAt(text, from, to)).toBe(canonicalIp(text.slice(from, to)));
        expect(canonicalIpAt(text, before.length, before.length + address.length)).toBe(
          canonicalIp(address),
        );
      }),
      { numRuns: 5_000 },
    );
  });

  it('dottedQuadAt reads the whole run of digits and dots, and only a strict quad', () => {
    fc.assert(
      fc.property(around, fc.nat(), ([before, address, after], extra) => {
        const text = `${before}${address}${after}`;
        const from = before.length;
        const limit = from + address.length + (extra % (after.length + 1));
        let runEnd = from;
        while (runEnd < limit && /[0-9.]/.test(text.charAt(runEnd))) runEnd++;
        const run = text.slice(from, runEnd);
        const quad = dottedQuadAt(text, from, limit);
        expect(quad).toBe(canonicalIp(run) === run && !run.includes(':') ? run : undefined);
      }),
      { numRuns: 5_000 },
    );
  });

  it('dottedQuadBefore reads the same run from its end', () => {
    fc.assert(
      fc.property(around, fc.nat(), ([before, address, after], extra) => {
        const text = `${before}${address}${after}`;
        const to = before.length + address.length;
        const floor = Math.max(0, before.length - (extra % (before.length + 1)));
        let runStart = to;
        while (runStart > floor && /[0-9.]/.test(text.charAt(runStart - 1))) runStart--;
        const run = text.slice(runStart, to);
        const quad = dottedQuadBefore(text, to, floor);
        expect(quad).toBe(canonicalIp(run) === run && !run.includes(':') ? run : undefined);
        if (quad !== undefined) expect(dottedQuadAt(text, runStart, to)).toBe(quad);
      }),
      { numRuns: 5_000 },
    );
  });

  it('stays right when addresses share a slot of its table', () => {
    // More distinct quads than slots, twice over, in two orders: every answer is its own text.
    const quads = Array.from(
      { length: 10_000 },
      (_, i) => `10.${i >> 16}.${(i >> 8) & 255}.${i & 255}`,
    );
    for (const order of [quads, [...quads].reverse(), quads]) {
      for (const quad of order) {
        const line = `from ${quad} port 22`;
        expect(dottedQuadAt(line, 5, line.length)).toBe(quad);
        expect(dottedQuadBefore(line, 5 + quad.length, 0)).toBe(quad);
        expect(canonicalIpAt(line, 5, 5 + quad.length)).toBe(quad);
      }
    }
  });
});
