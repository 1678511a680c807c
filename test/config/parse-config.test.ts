import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  emptyConfig,
  hostOfIp,
  inMaintenance,
  inWindow,
  namedNetworkOf,
  onCall,
  parseCidr,
  parseConfig,
} from '../../src/config/index.js';
import { schemaErrors } from './schema-check.js';

const schema = JSON.parse(
  readFileSync(new URL('../../schema/sshtrail-config.schema.json', import.meta.url), 'utf8'),
) as Record<string, unknown>;
const example = JSON.parse(
  readFileSync(new URL('../fixtures/detectors/sshtrail.config.json', import.meta.url), 'utf8'),
) as Record<string, unknown>;

const minimal = { users: { alice: { timezone: 'Europe/Berlin' } } };
const recurringMaintenance = {
  maintenance: [
    { days: ['sun'], start: '02:00', end: '04:00', timezone: 'UTC', reason: 'backups' },
  ],
};

describe('parseConfig', () => {
  it.each([
    ['the fixture config', example],
    ['a minimal config', minimal],
    ['a recurring maintenance window', recurringMaintenance],
    ['an empty object', {}],
  ])('accepts %s, which validates against the published schema', (_name, json) => {
    expect(schemaErrors(schema, json)).toEqual([]);
    const result = parseConfig(json);
    expect(result.ok).toBe(true);
  });

  it('normalizes every field of the fixture config', () => {
    const result = parseConfig(example);
    if (!result.ok) throw new Error(result.errors.join('\n'));
    const c = result.config;
    expect(c.users.alice).toMatchObject({
      timezone: 'Europe/Berlin',
      automation: false,
      usualSources: ['office', 'vpn'],
    });
    expect(c.users.bob?.onCall[0]).toMatchObject({
      kind: 'recurring',
      days: ['fri', 'sat'],
      start: '22:00',
      end: '08:00',
    });
    expect(c.users.deploy?.automation).toBe(true);
    expect(c.networks.vpn?.cidrs).toEqual(['10.8.0.0/16', '2001:db8:8::/48']);
    expect(c.maintenance[0]?.window).toEqual({
      kind: 'fixed',
      from: Date.UTC(2024, 2, 16, 22),
      to: Date.UTC(2024, 2, 17, 4),
    });
    expect(c.intel.map((l) => [l.name, l.format, l.path])).toEqual([
      ['blocklist', 'text', undefined],
      ['feed', 'csv', 'intel/feed.csv'],
    ]);
    expect(c.detectors['ssh.brute_force_success']?.options).toEqual({
      minFailures: 5,
      windowMs: 600000,
    });
    expect(hostOfIp(c, '::ffff:10.0.0.5')?.name).toBe('bastion');
    expect(namedNetworkOf(c, '10.8.200.7')?.name).toBe('vpn');
  });

  // Samples the schema also rejects: parseConfig must agree (and name the path).
  it.each([
    ['a non-object', [], '(root): must be an object'],
    ['an unknown top-level key', { user: {} }, 'user: unknown property'],
    ['a wrong version', { version: 2 }, 'version: must be 1'],
    [
      'a bad clock time',
      { users: { a: { usualHours: [{ start: '8am', end: '18:00' }] } } },
      'users.a.usualHours[0].start: must be HH:MM',
    ],
    [
      'a bad weekday',
      { users: { a: { usualHours: [{ days: ['monday'], start: '08:00', end: '18:00' }] } } },
      'users.a.usualHours[0].days[0]: must be one of',
    ],
    [
      'automation not boolean',
      { users: { a: { automation: 'yes' } } },
      'users.a.automation: must be true or false',
    ],
    [
      'a network without cidrs',
      { networks: { vpn: { kind: 'vpn' } } },
      'networks.vpn.cidrs: is required',
    ],
    [
      'a bad network kind',
      { networks: { vpn: { kind: 'tunnel', cidrs: [] } } },
      'networks.vpn.kind: must be one of',
    ],
    [
      'a host without a name',
      { hosts: [{ ips: ['10.0.0.1'] }] },
      'hosts[0].name: must be a non-empty string',
    ],
    [
      'a maintenance instant without zone',
      { maintenance: [{ from: '2024-03-16 22:00', to: '2024-03-17T04:00:00Z' }] },
      'maintenance[0].from: must be an ISO-8601 time',
    ],
    [
      'an intel list with neither entries nor path',
      { intel: [{ name: 'x' }] },
      'intel[0]: needs entries or path',
    ],
    [
      'a bad intel format',
      { intel: [{ name: 'x', format: 'xml', entries: [] }] },
      'intel[0].format: must be text or csv',
    ],
    [
      'a detector setting typo',
      { detectors: { 'ssh.unusual_time': { enable: false } } },
      'detectors.ssh.unusual_time.enable: unknown property',
    ],
    [
      'a name where a CIDR belongs',
      { networks: { vpn: { cidrs: ['office-net'] } } },
      'networks.vpn.cidrs[0]: not an IP address or CIDR',
    ],
  ])('rejects %s, as the schema does', (_name, json, message) => {
    expect(schemaErrors(schema, json)).not.toEqual([]);
    const result = parseConfig(json);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.some((e) => e.startsWith(message))).toBe(true);
  });

  it('is stricter than the schema where a schema cannot judge (IANA zones, addresses, unknown network names)', () => {
    const cases: [unknown, string][] = [
      [
        { users: { alice: { timezone: 'Mars/Olympus' } } },
        'users.alice.timezone: not an IANA time zone',
      ],
      [
        { networks: { vpn: { cidrs: ['10.8.0.0/33'] } } },
        'networks.vpn.cidrs[0]: not an IP address or CIDR',
      ],
      [{ hosts: [{ name: 'h', ips: ['10.0.0.256'] }] }, 'hosts[0].ips[0]: not an IP address'],
      [
        { users: { a: { usualSources: ['offce'] } } },
        'users.a.usualSources[0]: not a CIDR, an address or the name of a network',
      ],
      [
        { maintenance: [{ from: '2024-03-17T04:00:00Z', to: '2024-03-16T22:00:00Z' }] },
        'maintenance[0].to: must not be before from',
      ],
    ];
    for (const [json, message] of cases) {
      expect(schemaErrors(schema, json)).toEqual([]);
      expect(parseConfig(json)).toEqual({ ok: false, errors: [message] });
    }
  });

  it('collects every error, not just the first', () => {
    const result = parseConfig({
      version: 3,
      users: { a: { timezone: 'Nowhere', automation: 1 } },
    });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors).toHaveLength(3);
  });

  it('never throws on arbitrary JSON', () => {
    for (const json of [
      null,
      1,
      'x',
      { hosts: 'x' },
      { users: [] },
      { users: { a: null } },
      { intel: [1] },
    ]) {
      expect(parseConfig(json).ok).toBe(false);
    }
  });
});

describe('windows', () => {
  const config = (() => {
    const r = parseConfig(example);
    if (!r.ok) throw new Error('bad');
    return r.config;
  })();

  it('an overnight on-call window belongs to the day it starts on (Friday 22:00 to Saturday 08:00)', () => {
    // 2024-03-09 is a Saturday: 03:14 Berlin is inside Friday's window.
    expect(onCall(config, 'bob', Date.UTC(2024, 2, 9, 2, 14))).toBe(true);
    // Sunday 03:14 Berlin: Saturday's window covers it too.
    expect(onCall(config, 'bob', Date.UTC(2024, 2, 10, 2, 14))).toBe(true);
    // Tuesday 03:14 Berlin: no window started Monday.
    expect(onCall(config, 'bob', Date.UTC(2024, 2, 12, 2, 14))).toBe(false);
  });

  it('reads weekly windows on the local clock across DST', () => {
    const w = {
      kind: 'recurring',
      days: ['mon', 'tue', 'wed', 'thu', 'fri'],
      start: '08:00',
      end: '18:00',
      timezone: 'Europe/Berlin',
    } as const;
    expect(inWindow(w, Date.UTC(2024, 2, 29, 7, 30), 'UTC')).toBe(true); // 08:30 CET
    expect(inWindow(w, Date.UTC(2024, 3, 2, 6, 30), 'UTC')).toBe(true); // 08:30 CEST
    expect(inWindow(w, Date.UTC(2024, 2, 29, 6, 30), 'UTC')).toBe(false); // 07:30 CET
  });

  it('matches maintenance by host and time', () => {
    expect(inMaintenance(config, Date.UTC(2024, 2, 16, 23), 'db1', 'alice')).toBe(
      'database upgrade',
    );
    expect(inMaintenance(config, Date.UTC(2024, 2, 16, 23), 'web1', 'alice')).toBeUndefined();
    expect(inMaintenance(emptyConfig(), 0, undefined, undefined)).toBeUndefined();
  });
});

describe('parseCidr', () => {
  it.each([
    ['10.8.0.0/16', '10.8.0.0/16'],
    ['2001:DB8::/32', '2001:db8::/32'],
    ['192.0.2.7', '192.0.2.7/32'],
    ['::ffff:10.0.0.0/104', '10.0.0.0/8'],
  ])('reads %s as %s', (text, canonical) => {
    expect(parseCidr(text)?.text).toBe(canonical);
  });

  it.each(['10.8.0.0/33', '10.8.0.0/', '10.8.0/16', 'vpn', '', '2001:db8::/129', '10.0.0.0/08x'])(
    'rejects %s',
    (text) => {
      expect(parseCidr(text)).toBeUndefined();
    },
  );
});
