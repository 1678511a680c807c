/**
 * A day of the week, as written in the configuration file.
 */
export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';

/**
 * A weekly window of wall-clock time (`22:00`-`06:00` wraps past midnight), read in a time zone.
 *
 * @example
 * ```ts
 * const nights: RecurringWindow = {
 *   kind: 'recurring', days: ['mon', 'tue'], start: '22:00', end: '06:00', timezone: undefined,
 * };
 * ```
 */
export interface RecurringWindow {
  /** Discriminant. */
  readonly kind: 'recurring';
  /** Days the window starts on (all days when the file listed none). */
  readonly days: readonly Weekday[];
  /** Start, `HH:MM` local time. */
  readonly start: string;
  /** End, `HH:MM` local time; before `start` means the next day. */
  readonly end: string;
  /** Its zone; `undefined` means the user's zone (else UTC). */
  readonly timezone: string | undefined;
}

/**
 * A one-off window between two instants (epoch milliseconds).
 *
 * @example
 * ```ts
 * const change: FixedWindow = { kind: 'fixed', from: Date.UTC(2024, 5, 1, 22), to: Date.UTC(2024, 5, 2, 2) };
 * ```
 */
export interface FixedWindow {
  /** Discriminant. */
  readonly kind: 'fixed';
  /** Start, epoch ms (inclusive). */
  readonly from: number;
  /** End, epoch ms (inclusive). */
  readonly to: number;
}

/**
 * A recurring or one-off window of time.
 *
 * @example
 * ```ts
 * const w: TimeWindow = { kind: 'fixed', from: 0, to: 1 };
 * ```
 */
export type TimeWindow = RecurringWindow | FixedWindow;

/**
 * A host of the estate: its name and the addresses that identify it (host identity).
 *
 * @example
 * ```ts
 * const bastion: HostConfig = {
 *   name: 'bastion', aliases: ['bastion.example.org'], ips: ['10.0.0.5'], cidrs: [], bastion: true,
 * };
 * ```
 */
export interface HostConfig {
  /** The host name as it appears in logs. */
  readonly name: string;
  /** Other names of the same host. */
  readonly aliases: readonly string[];
  /** Its addresses (canonical). */
  readonly ips: readonly string[];
  /** Its networks (e.g. a NAT pool it connects from). */
  readonly cidrs: readonly string[];
  /** A jump host: reaching many hosts or users from it is normal. */
  readonly bastion: boolean;
}

/**
 * What sshtrail knows about one account.
 *
 * @example
 * ```ts
 * const alice: UserConfig = {
 *   timezone: 'Europe/Berlin', usualHours: [], onCall: [], automation: false, usualSources: ['office'],
 * };
 * ```
 */
export interface UserConfig {
  /** The user's IANA time zone; `undefined` uses the config's default zone. */
  readonly timezone: string | undefined;
  /** Usual working hours (weekly windows in the user's zone); empty means learn them. */
  readonly usualHours: readonly RecurringWindow[];
  /** On-call windows: logins inside them are never unusual by time. */
  readonly onCall: readonly TimeWindow[];
  /** A service account (automation): frequent short sessions and fan-out are normal. */
  readonly automation: boolean;
  /** Usual sources: CIDRs, addresses or names of `networks`. */
  readonly usualSources: readonly string[];
}

/** What a named network is. */
export type NetworkKind = 'vpn' | 'office' | 'datacenter' | 'cloud' | 'other';

/**
 * A named network (a VPN pool, an office): a new address inside it is not a new source.
 *
 * @example
 * ```ts
 * const vpn: NetworkConfig = { name: 'vpn', kind: 'vpn', cidrs: ['10.8.0.0/16'] };
 * ```
 */
export interface NetworkConfig {
  /** Its name (the key in the file). */
  readonly name: string;
  /** What it is. */
  readonly kind: NetworkKind;
  /** Its ranges. */
  readonly cidrs: readonly string[];
}

/**
 * A maintenance window: activity inside it, on the listed hosts and users, is expected.
 *
 * @example
 * ```ts
 * const patching: MaintenanceWindow = {
 *   window: { kind: 'fixed', from: 0, to: 3_600_000 }, hosts: ['web1'], users: [], reason: 'patching',
 * };
 * ```
 */
export interface MaintenanceWindow {
  /** When. */
  readonly window: TimeWindow;
  /** Hosts it covers; empty means every host. */
  readonly hosts: readonly string[];
  /** Users it covers; empty means every user. */
  readonly users: readonly string[];
  /** Why, for explanations. */
  readonly reason: string | undefined;
}

/**
 * A threat-intel list: inline entries, or a file the Node side reads.
 *
 * @example
 * ```ts
 * const list: IntelListConfig = { name: 'blocklist', format: 'text', entries: ['203.0.113.0/24'], path: undefined };
 * ```
 */
export interface IntelListConfig {
  /** The list's name (cited in findings). */
  readonly name: string;
  /** `text`: one address or CIDR a line, `#` comments; `csv`: `ip_or_cidr,label[,...]`. */
  readonly format: 'text' | 'csv';
  /** Inline lines, in the list's format. */
  readonly entries: readonly string[];
  /** A file to read (resolved by `sshtrail/node`, relative to the config file). */
  readonly path: string | undefined;
}

/**
 * Per-detector settings.
 *
 * @example
 * ```ts
 * const off: DetectorConfig = { enabled: false, options: {} };
 * ```
 */
export interface DetectorConfig {
  /** `false` turns the detector off; `undefined` keeps the default (on). */
  readonly enabled: boolean | undefined;
  /** Options passed to the detector's factory (validated there). */
  readonly options: Readonly<Record<string, unknown>>;
}

/**
 * The parsed, normalized configuration file (every field present).
 *
 * @example
 * ```ts
 * const result = parseConfig({ users: { alice: { timezone: 'Europe/Berlin' } } });
 * if (result.ok) console.log(result.config.users.alice?.timezone);
 * ```
 */
export interface SshtrailConfig {
  /** Layout version of the file (1). */
  readonly version: 1;
  /** Default zone of users without one (default `UTC`). */
  readonly timezone: string;
  /** The estate's hosts. */
  readonly hosts: readonly HostConfig[];
  /** Per-user settings, by account name. */
  readonly users: Readonly<Record<string, UserConfig>>;
  /** Named networks, by name. */
  readonly networks: Readonly<Record<string, NetworkConfig>>;
  /** Maintenance windows. */
  readonly maintenance: readonly MaintenanceWindow[];
  /** Threat-intel lists. */
  readonly intel: readonly IntelListConfig[];
  /** Per-detector settings, by detector id. */
  readonly detectors: Readonly<Record<string, DetectorConfig>>;
}

/**
 * The empty configuration (every default).
 *
 * @returns A configuration with no hosts, users, networks, windows or lists.
 * @example
 * ```ts
 * const config = emptyConfig();
 * config.timezone; // 'UTC'
 * ```
 */
export function emptyConfig(): SshtrailConfig {
  return {
    version: 1,
    timezone: 'UTC',
    hosts: [],
    users: {},
    networks: {},
    maintenance: [],
    intel: [],
    detectors: {},
  };
}
