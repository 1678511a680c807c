import type { Provenance, SshtrailEvent, TimeBasisSource } from '../events/index.js';
import type { Diagnostic } from './diagnostic.js';

/** @internal The `clock_offset` variant of {@link Diagnostic}. */
export type ClockOffsetDiagnostic = Extract<Diagnostic, { readonly code: 'clock_offset' }>;

/** @internal How much state the monitor holds, and what its caps made it drop. */
export interface ClockOffsetSizes {
  /** Logins held (sshd and audit sides together). */
  readonly logins: number;
  /** Pairs waiting to learn whether either side has a same-time partner. */
  readonly candidates: number;
  /** Hosts with a tally. */
  readonly hosts: number;
  /** Entries dropped by the caps (not by age), in total. */
  readonly evicted: number;
}

/** @internal */
export interface ClockOffsetMonitor {
  /** One event in time order; returns the diagnostics it completed (usually none). */
  observe(event: SshtrailEvent): readonly ClockOffsetDiagnostic[];
  /** End of input: no partner can come any more, so every pending pair is decided. */
  flush(): readonly ClockOffsetDiagnostic[];
  /** State held, for bounds checks. */
  size(): ClockOffsetSizes;
}

/** @internal Limits of {@link createClockOffsetMonitor} (tests lower them). */
export interface ClockOffsetLimits {
  /** Most logins held, both sides together (default 20 000); the oldest go first. */
  readonly maxLogins?: number;
  /** Most pairs pending (default 1 000); the oldest go first. */
  readonly maxCandidates?: number;
  /** Most hosts tallied (default 10 000); the earliest go first. */
  readonly maxHosts?: number;
}

const MINUTE_MS = 60_000;
// Two clocks of one host logging one login differ by seconds; the zone steps are 15 minutes.
const TOLERANCE_MS = 2 * MINUTE_MS;
const STEP_MS = 15 * MINUTE_MS;
// UTC-12 to UTC+14: a login is kept until its partner can no longer come from any zone.
const MAX_OFFSET_MS = 14 * 60 * MINUTE_MS + TOLERANCE_MS;
// Two logins, of two different sshd pids: one pid reused by a later login cannot fake it alone.
const MIN_PAIRS = 2;
const MAX_KEYS_PER_OFFSET = 64;
const NONE: readonly ClockOffsetDiagnostic[] = [];
// The audit records sshd's monitor process writes while it logs a user in.
const LOGIN_RECORDS: ReadonlySet<string> = new Set([
  'LOGIN',
  'USER_AUTH',
  'USER_ACCT',
  'CRED_ACQ',
  'USER_START',
  'USER_LOGIN',
]);
const SSHD_EXE = /(?:^|\/)sshd(?:-session)?$/;

interface Login {
  readonly key: string;
  readonly host: string;
  readonly time: number;
  readonly line: Provenance;
  /** Where the zone of `time` came from. */
  readonly zone: TimeBasisSource;
  readonly sshd: boolean;
  /** A partner of the other side at the same time was seen: this login's clocks agree. */
  agreed: boolean;
  expired: boolean;
}

interface Candidate {
  readonly sshd: Login;
  readonly audit: Login;
  readonly settleAt: number;
}

interface Tally {
  /** Logins whose two sides agreed on the time. */
  agreed: number;
  /** Per offset (minutes): the sshd pids that showed it, and the first pair. */
  readonly offsets: Map<number, { readonly keys: Set<string>; readonly first: Candidate }>;
}

/**
 * @internal
 * Notices a host whose sshd lines and audit records disagree on the time by a whole time-zone
 * step: RFC3164 syslog carries no zone, audit records carry epoch times, so an auth.log read in
 * the wrong zone shifts every session against its telemetry and the joins silently fail.
 *
 * Evidence is one login seen from both sides: sshd's `Accepted` line (pid P, time read from a
 * stamp without a zone) and an audit login record with `pid=P` on the same host. A pair counts
 * when its offset is at least 15 minutes and within two minutes of a multiple of 15, and
 * neither side has a same-time partner (so a pid reused an hour later does not count). A host
 * is reported once, when two logins of different pids agree on the offset and outnumber its
 * logins whose clocks agree. Bounded: logins are held for the widest zone offset (14 h) and
 * capped in number; decisions depend on event order only, so the output is deterministic.
 */
export function createClockOffsetMonitor(limits: ClockOffsetLimits = {}): ClockOffsetMonitor {
  const maxLogins = limits.maxLogins ?? 20_000;
  const maxCandidates = limits.maxCandidates ?? 1_000;
  const maxHosts = limits.maxHosts ?? 10_000;
  const sshdLogins = new Map<string, Login[]>();
  const auditLogins = new Map<string, Login[]>();
  // Arrival order, for age expiry and the cap: events come in time order (within the skew).
  let queue: Login[] = [];
  let head = 0;
  let held = 0;
  let candidates: Candidate[] = [];
  let nextSettle = Number.POSITIVE_INFINITY;
  const tallies = new Map<string, Tally>();
  const reported = new Set<string>();
  let evicted = 0;
  let now = Number.NEGATIVE_INFINITY;

  const remove = (login: Login): void => {
    if (login.expired) return;
    login.expired = true;
    held--;
    const index = login.sshd ? sshdLogins : auditLogins;
    const list = index.get(login.key);
    if (list === undefined) return;
    const at = list.indexOf(login);
    if (at >= 0) list.splice(at, 1);
    if (list.length === 0) index.delete(login.key);
  };
  const expire = (): void => {
    while (head < queue.length) {
      const oldest = queue[head];
      if (oldest === undefined) break;
      const tooMany = held > maxLogins;
      if (!oldest.expired && !tooMany && oldest.time >= now - MAX_OFFSET_MS) break;
      if (!oldest.expired && tooMany) evicted++;
      remove(oldest);
      head++;
    }
    if (head > 1024 && head * 2 > queue.length) {
      queue = queue.slice(head);
      head = 0;
    }
  };
  const tallyOf = (host: string): Tally => {
    let tally = tallies.get(host);
    if (tally === undefined) {
      if (tallies.size >= maxHosts) {
        const earliest = tallies.keys().next().value;
        if (earliest !== undefined) tallies.delete(earliest);
        evicted++;
      }
      tally = { agreed: 0, offsets: new Map() };
      tallies.set(host, tally);
    }
    return tally;
  };
  const agree = (login: Login): void => {
    if (login.agreed) return;
    login.agreed = true;
    // Counted once per login: by its sshd side.
    if (login.sshd) tallyOf(login.host).agreed++;
  };

  const add = (login: Login): void => {
    const own = login.sshd ? sshdLogins : auditLogins;
    const others = (login.sshd ? auditLogins : sshdLogins).get(login.key) ?? [];
    const list = own.get(login.key);
    // LOGIN, USER_START... of one login are one audit login; the first line stands for it.
    if (list?.some((l) => Math.abs(l.time - login.time) <= TOLERANCE_MS)) return;
    if (list === undefined) own.set(login.key, [login]);
    else list.push(login);
    queue.push(login);
    held++;
    for (const other of others) {
      const sshd = login.sshd ? login : other;
      const audit = login.sshd ? other : login;
      const delta = sshd.time - audit.time;
      if (Math.abs(delta) <= TOLERANCE_MS) {
        agree(sshd);
        agree(audit);
      } else if (isZoneStep(delta)) {
        if (candidates.length >= maxCandidates) {
          candidates = candidates.slice(1);
          evicted++;
        }
        const settleAt = Math.max(sshd.time, audit.time) + TOLERANCE_MS;
        candidates.push({ sshd, audit, settleAt });
        nextSettle = Math.min(nextSettle, settleAt);
      }
    }
  };

  const confirm = (pair: Candidate, out: ClockOffsetDiagnostic[]): void => {
    const host = pair.sshd.host;
    if (reported.has(host)) return;
    const minutes = Math.round((pair.sshd.time - pair.audit.time) / STEP_MS) * 15;
    const tally = tallyOf(host);
    let seen = tally.offsets.get(minutes);
    if (seen === undefined) {
      seen = { keys: new Set(), first: pair };
      tally.offsets.set(minutes, seen);
    }
    if (seen.keys.size < MAX_KEYS_PER_OFFSET) seen.keys.add(pair.sshd.key);
    if (seen.keys.size < MIN_PAIRS || seen.keys.size <= tally.agreed) return;
    if (reported.size >= maxHosts) return;
    reported.add(host);
    tallies.delete(host);
    out.push(report(host, now, minutes, seen.keys.size, seen.first));
  };
  // A pair is decided once a same-time partner of either side can no longer arrive.
  const settle = (until: number): readonly ClockOffsetDiagnostic[] => {
    if (until < nextSettle) return NONE;
    const out: ClockOffsetDiagnostic[] = [];
    const pending: Candidate[] = [];
    nextSettle = Number.POSITIVE_INFINITY;
    for (const pair of candidates) {
      if (pair.settleAt > until) {
        pending.push(pair);
        nextSettle = Math.min(nextSettle, pair.settleAt);
      } else if (!pair.sshd.agreed && !pair.audit.agreed) {
        confirm(pair, out);
      }
    }
    candidates = pending;
    return out.length === 0 ? NONE : out;
  };

  return {
    observe(event) {
      if (event.time > now) now = event.time;
      const login = loginOf(event);
      if (login !== undefined && !reported.has(login.host)) add(login);
      expire();
      return settle(now);
    },
    flush() {
      return settle(Number.POSITIVE_INFINITY);
    },
    size: () => ({ logins: held, candidates: candidates.length, hosts: tallies.size, evicted }),
  };
}

function isZoneStep(delta: number): boolean {
  const size = Math.abs(delta);
  if (size < STEP_MS - TOLERANCE_MS || size > MAX_OFFSET_MS) return false;
  return Math.abs(size - Math.round(size / STEP_MS) * STEP_MS) <= TOLERANCE_MS;
}

/** The login an event shows, from one side, or `undefined`. */
function loginOf(event: SshtrailEvent): Login | undefined {
  if (event.host === undefined || event.pid === undefined) return undefined;
  if (event.kind === 'ssh.auth') {
    // Only a time read from a stamp without a zone can be off by the zone.
    if (event.outcome !== 'success' || event.timeBasis.zone === 'line') return undefined;
    return login(event, true);
  }
  if (event.kind === 'audit.login') {
    if (!LOGIN_RECORDS.has(event.recordType) || event.res === 'failed') return undefined;
    if (event.exe !== undefined && !SSHD_EXE.test(event.exe)) return undefined;
    // Audit times are epoch seconds; one relayed through a zone-less stamp proves nothing.
    if (event.timeBasis.zone !== 'line') return undefined;
    return login(event, false);
  }
  return undefined;
}

function login(event: SshtrailEvent, sshd: boolean): Login {
  return {
    key: `${event.host ?? ''}\u0000${event.pid ?? ''}`,
    host: event.host ?? '',
    time: event.time,
    line: event.source,
    zone: event.timeBasis.zone,
    sshd,
    agreed: false,
    expired: false,
  };
}

function report(
  host: string,
  time: number,
  minutes: number,
  pairs: number,
  first: Candidate,
): ClockOffsetDiagnostic {
  const size = Math.abs(minutes);
  const zone = `UTC${minutes < 0 ? '-' : '+'}${pad(Math.floor(size / 60))}:${pad(size % 60)}`;
  // Say what to do with the option, not only its name: set it when absent, recheck it when given.
  const read =
    first.sshd.zone === 'assumed_utc'
      ? `were read as UTC but look like ${zone} local time: check --timezone (not given: set it, or the analyzer's timezone option, to the host's zone; the configuration's timezone is the users' zone)`
      : `were read in the time zone given but are not in it: check --timezone (or the analyzer's timezone option) against the host's zone`;
  return {
    kind: 'diagnostic',
    code: 'clock_offset',
    message: `${host}: sshd logins are ${size} minutes ${minutes < 0 ? 'behind' : 'ahead of'} the audit records of the same sshd processes (${pairs} logins), so its RFC3164 syslog lines (no time zone in the stamp) ${read}`,
    host,
    time,
    offsetMinutes: minutes,
    count: pairs,
    evidence: { sshd: first.sshd.line, audit: first.audit.line },
  };
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
