import { describe, expect, it } from 'vitest';
import { createIntel, parseIntelCsv, parseIntelText } from '../../src/intel/index.js';
import { ipInCidr } from '../../src/ip.js';

describe('parseIntelText', () => {
  it('reads one address or CIDR a line, with comments, blank lines and CRLF', () => {
    const list = parseIntelText(
      'blocklist',
      '# Spamhaus-style drop list\r\n203.0.113.0/24 ; SBL1\r\n\r\n198.51.100.9 # scanner\r\n2001:db8:bad::/48\r\nnot-an-ip\r\n',
    );
    expect(list.entries.map((e) => [e.network, e.line])).toEqual([
      ['198.51.100.9/32', 4],
      ['2001:db8:bad::/48', 5],
    ]);
    expect(list.errors).toEqual([
      'blocklist:2: not an IP address or CIDR',
      'blocklist:6: not an IP address or CIDR',
    ]);
  });
});

describe('parseIntelCsv', () => {
  it('reads ip_or_cidr,label[,...] with a header and quoted fields', () => {
    const list = parseIntelCsv(
      'feed',
      'ip,label,first_seen\n"203.0.113.7","c2 server",2024-01-01\n192.0.2.0/25,tor exit\n# comment\nbogus,x\n',
    );
    expect(list.entries.map((e) => [e.network, e.label])).toEqual([
      ['203.0.113.7/32', 'c2 server'],
      ['192.0.2.0/25', 'tor exit'],
    ]);
    expect(list.errors).toEqual(['feed:5: not an IP address or CIDR']);
  });
});

describe('createIntel', () => {
  const intel = createIntel([
    parseIntelText('drop', '203.0.113.0/24\n2001:db8:bad::/48\n'),
    parseIntelCsv('feed', '203.0.113.7,c2\n10.0.0.0/8,internal-test\n'),
  ]);

  it.each([
    ['203.0.113.7', { list: 'feed', label: 'c2', entry: '203.0.113.7/32' }],
    ['203.0.113.8', { list: 'drop', label: undefined, entry: '203.0.113.0/24' }],
    ['::ffff:203.0.113.8', { list: 'drop', label: undefined, entry: '203.0.113.0/24' }],
    ['2001:db8:bad:1::5', { list: 'drop', label: undefined, entry: '2001:db8:bad::/48' }],
    ['10.200.1.1', { list: 'feed', label: 'internal-test', entry: '10.0.0.0/8' }],
  ])('matches %s, most specific entry first', (ip, hit) => {
    expect(intel.match(ip)).toEqual(hit);
  });

  it.each(['198.51.100.1', '2001:db8:bae::1', 'example.com', '', '203.0.113.300'])(
    'does not match %s',
    (ip) => {
      expect(intel.match(ip)).toBeUndefined();
    },
  );

  it('agrees with ipInCidr on 100k entries and looks up without scanning them', () => {
    const lines: string[] = [];
    for (let i = 0; i < 100_000; i += 1)
      lines.push(`10.${(i >> 8) & 255}.${i & 255}.${i % 7}/${24 + (i % 9)}`);
    const big = createIntel([parseIntelText('big', lines.join('\n'))]);
    expect(big.size).toBeGreaterThan(60_000);
    const probes = ['10.1.2.3', '10.200.17.0', '11.0.0.1', '10.255.255.255'];
    const start = performance.now();
    for (let n = 0; n < 20_000; n += 1) big.match(probes[n % probes.length] ?? '');
    expect(performance.now() - start).toBeLessThan(2000);
    for (const ip of probes) {
      const hit = big.match(ip);
      const truth = lines.find((c) => ipInCidr(ip, c));
      expect(hit === undefined).toBe(truth === undefined);
      if (hit !== undefined) expect(ipInCidr(ip, hit.entry)).toBe(true);
    }
  });
});

describe('intelFromConfig', () => {
  it('combines inline entries and file texts, and reports files not read', async () => {
    const { parseConfig } = await import('../../src/config/index.js');
    const { intelFromConfig } = await import('../../src/intel/index.js');
    const parsed = parseConfig({
      intel: [
        { name: 'blocklist', entries: ['# scanners', '198.51.100.66'] },
        { name: 'feed', format: 'csv', path: 'intel/feed.csv' },
        { name: 'missing', path: 'intel/gone.txt' },
      ],
    });
    if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
    const loaded = intelFromConfig(parsed.config, {
      'intel/feed.csv': 'ip,label\n203.0.113.0/24,botnet\n',
    });
    expect(loaded.intel.match('198.51.100.66')?.list).toBe('blocklist');
    expect(loaded.intel.match('203.0.113.9')).toEqual({
      list: 'feed',
      label: 'botnet',
      entry: '203.0.113.0/24',
    });
    expect(loaded.errors).toEqual(['missing: file intel/gone.txt was not read']);
  });
});
