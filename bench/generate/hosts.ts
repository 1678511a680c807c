/**
 * The simulated estate: a few hosts that differ the way real ones do (timestamp style,
 * OpenSSH process model, LogLevel, PAM and sudo versions, exposure to the internet).
 */
import {
  createTimestampFormatter,
  type TimestampFormatter,
  type TimestampStyle,
} from './timestamp.js';

/**
 * OpenSSH process model: `classic` is `sshd[pid]` throughout (OpenSSH <= 9.7); `session` is
 * the 9.8+ model where the per-connection processes log as `sshd-session[pid]`.
 */
export type SshdModel = 'classic' | 'session';

/** A host's fixed characteristics. */
export interface HostProfile {
  /** Host name written in every line. */
  readonly name: string;
  /** Timestamp style. */
  readonly style: TimestampStyle;
  /** Offset from UTC of the written time, in minutes. */
  readonly utcOffsetMinutes: number;
  /** OpenSSH process model. */
  readonly model: SshdModel;
  /** Whether sshd runs with `LogLevel VERBOSE`. */
  readonly verbose: boolean;
  /** Whether pam_unix writes `user(uid=N)` (Linux-PAM >= 1.5) in session lines. */
  readonly pamUid: boolean;
  /** Whether sudo tags its lines with a pid (`sudo[123]:`). */
  readonly sudoPid: boolean;
  /** Listening address, as written in `Connection from ... on <addr> port 22`. */
  readonly address: string;
  /** Relative share of attack traffic. */
  readonly exposure: number;
  /** Relative share of legitimate sessions. */
  readonly sessionWeight: number;
  /** Cron job period in minutes. */
  readonly cronMinutes: number;
  /** First pid handed out. */
  readonly firstPid: number;
  /** pid of the sshd listener. */
  readonly listenerPid: number;
  /** pid of systemd-logind. */
  readonly logindPid: number;
}

/** A host's profile plus its evolving state while generating. */
export interface HostState {
  /** Fixed characteristics. */
  readonly profile: HostProfile;
  /** Index in the estate (stable). */
  readonly index: number;
  /** Program name of per-connection sshd processes. */
  readonly sshd: string;
  /** Timestamp writer for this host. */
  readonly stamp: TimestampFormatter;
  /** Last pid handed out. */
  pid: number;
  /** Last systemd-logind session id handed out. */
  session: number;
  /** Last pts number handed out. */
  pts: number;
  /** Lines written for this host. */
  lines: number;
}

/** The default estate: five hosts, two timestamp styles, both sshd process models. */
export const DEFAULT_HOSTS: readonly HostProfile[] = [
  {
    name: 'web-01',
    style: 'iso',
    utcOffsetMinutes: 0,
    model: 'session',
    verbose: false,
    pamUid: true,
    sudoPid: true,
    address: '10.20.0.11',
    exposure: 5,
    sessionWeight: 1,
    cronMinutes: 10,
    firstPid: 2104,
    listenerPid: 988,
    logindPid: 741,
  },
  {
    name: 'bastion-01',
    style: 'iso',
    utcOffsetMinutes: 0,
    model: 'session',
    verbose: true,
    pamUid: true,
    sudoPid: true,
    address: '10.20.0.5',
    exposure: 2,
    sessionWeight: 6,
    cronMinutes: 15,
    firstPid: 1877,
    listenerPid: 1012,
    logindPid: 702,
  },
  {
    name: 'app-02',
    style: 'iso',
    utcOffsetMinutes: 60,
    model: 'classic',
    verbose: false,
    pamUid: true,
    sudoPid: true,
    address: '10.20.1.12',
    exposure: 1,
    sessionWeight: 2,
    cronMinutes: 5,
    firstPid: 3350,
    listenerPid: 1104,
    logindPid: 766,
  },
  {
    name: 'mail-03',
    style: 'rfc3164',
    utcOffsetMinutes: 0,
    model: 'classic',
    verbose: false,
    pamUid: false,
    sudoPid: false,
    address: '10.20.2.3',
    exposure: 4,
    sessionWeight: 1,
    cronMinutes: 10,
    firstPid: 1520,
    listenerPid: 861,
    logindPid: 690,
  },
  {
    name: 'db-legacy',
    style: 'rfc3164',
    utcOffsetMinutes: 0,
    model: 'classic',
    verbose: true,
    pamUid: false,
    sudoPid: false,
    address: '10.20.3.7',
    exposure: 1,
    sessionWeight: 2,
    cronMinutes: 5,
    firstPid: 2466,
    listenerPid: 934,
    logindPid: 655,
  },
];

/**
 * Creates the mutable state of each host.
 *
 * @param profiles - the estate
 * @returns one state per profile, in order
 * @example
 * ```ts
 * const hosts = createHostStates(DEFAULT_HOSTS);
 * hosts[0]?.sshd; // 'sshd-session'
 * ```
 */
export function createHostStates(profiles: readonly HostProfile[]): HostState[] {
  return profiles.map((profile, index) => ({
    profile,
    index,
    sshd: profile.model === 'session' ? 'sshd-session' : 'sshd',
    stamp: createTimestampFormatter(profile.style, profile.utcOffsetMinutes),
    pid: profile.firstPid,
    session: 0,
    pts: 0,
    lines: 0,
  }));
}

const PID_MAX = 4_194_304;

/**
 * Hands out the next pid on a host, skipping a few (other processes fork too) and
 * wrapping like Linux does at `pid_max`.
 *
 * @param host - the host
 * @param skip - how many pids other processes took since the last one (>= 0)
 * @returns the new pid
 * @example
 * ```ts
 * const pid = nextPid(host, 2);
 * ```
 */
export function nextPid(host: HostState, skip: number): number {
  host.pid += 1 + skip;
  if (host.pid >= PID_MAX) host.pid = 300 + skip;
  return host.pid;
}
