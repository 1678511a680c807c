import { canonicalIp } from '../ip.js';
import { isValidTimeZone } from '../time/index.js';
import { parseCidr } from './cidr.js';
import type {
  DetectorConfig,
  HostConfig,
  IntelListConfig,
  MaintenanceWindow,
  NetworkConfig,
  NetworkKind,
  RecurringWindow,
  SshtrailConfig,
  TimeWindow,
  UserConfig,
  Weekday,
} from './config.js';
import { CLOCK_TIME, ISO_INSTANT } from './patterns.js';

/**
 * The result of {@link parseConfig}: the normalized configuration, or every problem found.
 *
 * @example
 * ```ts
 * const r: ConfigResult = { ok: false, errors: ['users.alice.timezone: not an IANA time zone'] };
 * ```
 */
export type ConfigResult =
  | { readonly ok: true; readonly config: SshtrailConfig }
  | { readonly ok: false; readonly errors: readonly string[] };

const WEEKDAYS: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const NETWORK_KINDS: readonly NetworkKind[] = ['vpn', 'office', 'datacenter', 'cloud', 'other'];
const TOP_KEYS = [
  '$schema',
  'version',
  'timezone',
  'hosts',
  'users',
  'networks',
  'maintenance',
  'intel',
  'detectors',
];
const MAX_ERRORS = 100;

type Obj = Readonly<Record<string, unknown>>;

/**
 * Validates and normalizes a configuration (the parsed JSON of an `sshtrail.config.json`).
 * Never throws: every problem is reported as one line naming its path, e.g.
 * `users.alice.timezone: not an IANA time zone`. The JSON schema
 * `schema/sshtrail-config.schema.json` describes the same format.
 *
 * @param json - The parsed JSON value.
 * @returns `{ ok: true, config }` with every field present, or `{ ok: false, errors }`.
 * @example
 * ```ts
 * const result = parseConfig(JSON.parse(text));
 * if (!result.ok) for (const e of result.errors) console.error(e);
 * ```
 */
export function parseConfig(json: unknown): ConfigResult {
  const errors: string[] = [];
  const fail = (path: string, message: string): undefined => {
    if (errors.length < MAX_ERRORS) errors.push(`${path}: ${message}`);
    return undefined;
  };
  const root = object(json, '(root)', fail);
  if (root === undefined) return { ok: false, errors };
  for (const key of Object.keys(root)) {
    if (!TOP_KEYS.includes(key)) fail(key, 'unknown property');
  }
  if (root.version !== undefined && root.version !== 1) fail('version', 'must be 1');
  let timezone = 'UTC';
  if (root.timezone !== undefined) timezone = zone(root.timezone, 'timezone', fail) ?? 'UTC';

  const networks: Record<string, NetworkConfig> = {};
  const rawNetworks = optionalObject(root.networks, 'networks', fail);
  for (const [name, value] of Object.entries(rawNetworks)) {
    const n = parseNetwork(name, value, `networks.${name}`, fail);
    if (n !== undefined) networks[name] = n;
  }
  const hosts: HostConfig[] = [];
  list(root.hosts, 'hosts', fail).forEach((value, i) => {
    const h = parseHost(value, `hosts[${i}]`, fail);
    if (h !== undefined) hosts.push(h);
  });
  const users: Record<string, UserConfig> = {};
  for (const [name, value] of Object.entries(optionalObject(root.users, 'users', fail))) {
    const u = parseUser(value, `users.${name}`, networks, fail);
    if (u !== undefined) users[name] = u;
  }
  const maintenance: MaintenanceWindow[] = [];
  list(root.maintenance, 'maintenance', fail).forEach((value, i) => {
    const m = parseMaintenance(value, `maintenance[${i}]`, fail);
    if (m !== undefined) maintenance.push(m);
  });
  const intel: IntelListConfig[] = [];
  list(root.intel, 'intel', fail).forEach((value, i) => {
    const l = parseIntelList(value, `intel[${i}]`, fail);
    if (l !== undefined) intel.push(l);
  });
  const detectors: Record<string, DetectorConfig> = {};
  for (const [id, value] of Object.entries(optionalObject(root.detectors, 'detectors', fail))) {
    const d = parseDetector(value, `detectors.${id}`, fail);
    if (d !== undefined) detectors[id] = d;
  }
  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    config: { version: 1, timezone, hosts, users, networks, maintenance, intel, detectors },
  };
}

type Fail = (path: string, message: string) => undefined;

function object(value: unknown, path: string, fail: Fail): Obj | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return fail(path, 'must be an object');
  }
  return value as Obj;
}

function optionalObject(value: unknown, path: string, fail: Fail): Obj {
  if (value === undefined) return {};
  return object(value, path, fail) ?? {};
}

function list(value: unknown, path: string, fail: Fail): readonly unknown[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    fail(path, 'must be an array');
    return [];
  }
  return value;
}

function known(o: Obj, keys: readonly string[], path: string, fail: Fail): void {
  for (const key of Object.keys(o))
    if (!keys.includes(key)) fail(`${path}.${key}`, 'unknown property');
}

function text(value: unknown, path: string, fail: Fail): string | undefined {
  if (typeof value !== 'string' || value.length === 0)
    return fail(path, 'must be a non-empty string');
  return value;
}

function strings(value: unknown, path: string, fail: Fail): string[] {
  const out: string[] = [];
  list(value, path, fail).forEach((v, i) => {
    const s = text(v, `${path}[${i}]`, fail);
    if (s !== undefined) out.push(s);
  });
  return out;
}

function bool(value: unknown, path: string, fail: Fail): boolean | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'boolean') return fail(path, 'must be true or false');
  return value;
}

function zone(value: unknown, path: string, fail: Fail): string | undefined {
  if (typeof value !== 'string' || !isValidTimeZone(value)) {
    return fail(path, 'not an IANA time zone');
  }
  return value;
}

function cidrs(value: unknown, path: string, fail: Fail): string[] {
  const out: string[] = [];
  list(value, path, fail).forEach((v, i) => {
    const parsed = typeof v === 'string' ? parseCidr(v) : undefined;
    if (parsed === undefined) fail(`${path}[${i}]`, 'not an IP address or CIDR');
    else out.push(parsed.text);
  });
  return out;
}

function parseNetwork(name: string, value: unknown, path: string, fail: Fail) {
  const o = object(value, path, fail);
  if (o === undefined) return undefined;
  known(o, ['kind', 'cidrs'], path, fail);
  const kind = o.kind ?? 'other';
  if (!NETWORK_KINDS.includes(kind as NetworkKind)) {
    fail(`${path}.kind`, `must be one of ${NETWORK_KINDS.join(', ')}`);
  }
  if (o.cidrs === undefined) fail(`${path}.cidrs`, 'is required');
  return { name, kind: kind as NetworkKind, cidrs: cidrs(o.cidrs, `${path}.cidrs`, fail) };
}

function parseHost(value: unknown, path: string, fail: Fail): HostConfig | undefined {
  const o = object(value, path, fail);
  if (o === undefined) return undefined;
  known(o, ['name', 'aliases', 'ips', 'cidrs', 'bastion'], path, fail);
  const name = text(o.name, `${path}.name`, fail);
  const ips: string[] = [];
  list(o.ips, `${path}.ips`, fail).forEach((v, i) => {
    const ip = typeof v === 'string' ? canonicalIp(v) : undefined;
    if (ip === undefined) fail(`${path}.ips[${i}]`, 'not an IP address');
    else ips.push(ip);
  });
  return {
    name: name ?? '',
    aliases: strings(o.aliases, `${path}.aliases`, fail),
    ips,
    cidrs: cidrs(o.cidrs, `${path}.cidrs`, fail),
    bastion: bool(o.bastion, `${path}.bastion`, fail) ?? false,
  };
}

function parseUser(
  value: unknown,
  path: string,
  networks: Readonly<Record<string, NetworkConfig>>,
  fail: Fail,
): UserConfig | undefined {
  const o = object(value, path, fail);
  if (o === undefined) return undefined;
  known(o, ['timezone', 'usualHours', 'onCall', 'automation', 'usualSources'], path, fail);
  const usualHours: RecurringWindow[] = [];
  list(o.usualHours, `${path}.usualHours`, fail).forEach((v, i) => {
    const w = parseWindow(v, `${path}.usualHours[${i}]`, fail, []);
    if (w === undefined) return;
    if (w.kind !== 'recurring') fail(`${path}.usualHours[${i}]`, 'must be a weekly window');
    else usualHours.push(w);
  });
  const onCall: TimeWindow[] = [];
  list(o.onCall, `${path}.onCall`, fail).forEach((v, i) => {
    const w = parseWindow(v, `${path}.onCall[${i}]`, fail, []);
    if (w !== undefined) onCall.push(w);
  });
  const usualSources: string[] = [];
  list(o.usualSources, `${path}.usualSources`, fail).forEach((v, i) => {
    const p = `${path}.usualSources[${i}]`;
    if (typeof v === 'string' && networks[v] !== undefined) usualSources.push(v);
    else if (typeof v === 'string' && parseCidr(v) !== undefined) {
      usualSources.push(parseCidr(v)?.text ?? v);
    } else fail(p, 'not a CIDR, an address or the name of a network');
  });
  return {
    timezone: o.timezone === undefined ? undefined : zone(o.timezone, `${path}.timezone`, fail),
    usualHours,
    onCall,
    automation: bool(o.automation, `${path}.automation`, fail) ?? false,
    usualSources,
  };
}

function parseWindow(
  value: unknown,
  path: string,
  fail: Fail,
  extra: readonly string[],
): TimeWindow | undefined {
  const o = object(value, path, fail);
  if (o === undefined) return undefined;
  if (o.from !== undefined || o.to !== undefined) {
    known(o, ['from', 'to', ...extra], path, fail);
    const from = instant(o.from, `${path}.from`, fail);
    const to = instant(o.to, `${path}.to`, fail);
    if (from === undefined || to === undefined) return undefined;
    if (to < from) return fail(`${path}.to`, 'must not be before from');
    return { kind: 'fixed', from, to };
  }
  known(o, ['days', 'start', 'end', 'timezone', ...extra], path, fail);
  const days: Weekday[] = [];
  list(o.days, `${path}.days`, fail).forEach((d, i) => {
    if (WEEKDAYS.includes(d as Weekday)) days.push(d as Weekday);
    else fail(`${path}.days[${i}]`, `must be one of ${WEEKDAYS.join(', ')}`);
  });
  const start = clock(o.start, `${path}.start`, fail);
  const end = clock(o.end, `${path}.end`, fail);
  const tz = o.timezone === undefined ? undefined : zone(o.timezone, `${path}.timezone`, fail);
  if (start === undefined || end === undefined) return undefined;
  return { kind: 'recurring', days: days.length === 0 ? WEEKDAYS : days, start, end, timezone: tz };
}

function clock(value: unknown, path: string, fail: Fail): string | undefined {
  if (typeof value !== 'string' || !CLOCK_TIME.test(value)) return fail(path, 'must be HH:MM');
  return value;
}

function instant(value: unknown, path: string, fail: Fail): number | undefined {
  if (typeof value !== 'string' || !ISO_INSTANT.test(value)) {
    return fail(path, 'must be an ISO-8601 time with a zone (2024-06-01T22:00:00Z)');
  }
  const t = Date.parse(value);
  if (Number.isNaN(t)) return fail(path, 'not a valid date');
  return t;
}

function parseMaintenance(value: unknown, path: string, fail: Fail): MaintenanceWindow | undefined {
  const o = object(value, path, fail);
  if (o === undefined) return undefined;
  const window = parseWindow(o, path, fail, ['hosts', 'users', 'reason']);
  const hosts = strings(o.hosts, `${path}.hosts`, fail);
  const users = strings(o.users, `${path}.users`, fail);
  const reason = o.reason === undefined ? undefined : text(o.reason, `${path}.reason`, fail);
  if (window === undefined) return undefined;
  return { window, hosts, users, reason };
}

function parseIntelList(value: unknown, path: string, fail: Fail): IntelListConfig | undefined {
  const o = object(value, path, fail);
  if (o === undefined) return undefined;
  known(o, ['name', 'format', 'entries', 'path'], path, fail);
  const name = text(o.name, `${path}.name`, fail);
  const format = o.format ?? 'text';
  if (format !== 'text' && format !== 'csv') fail(`${path}.format`, 'must be text or csv');
  const entries = strings(o.entries, `${path}.entries`, fail);
  const file = o.path === undefined ? undefined : text(o.path, `${path}.path`, fail);
  if (o.entries === undefined && o.path === undefined) fail(path, 'needs entries or path');
  if (name === undefined) return undefined;
  return { name, format: format === 'csv' ? 'csv' : 'text', entries, path: file };
}

function parseDetector(value: unknown, path: string, fail: Fail): DetectorConfig | undefined {
  const o = object(value, path, fail);
  if (o === undefined) return undefined;
  known(o, ['enabled', 'options'], path, fail);
  const options = optionalObject(o.options, `${path}.options`, fail);
  return { enabled: bool(o.enabled, `${path}.enabled`, fail), options };
}
