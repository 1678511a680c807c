/**
 * The seeded auth.log generator: independent arrival streams (brute-force campaigns,
 * legitimate sessions, scanners, per-host cron) feed one agenda ordered by time, so lines
 * come out time-ordered per host (and globally) and pids are allocated in time order.
 */
import { bruteForceCampaign } from './brute-force.js';
import { type LineKind, type ScenarioContext, us } from './context.js';
import { createAgenda, type Timed } from './heap.js';
import { createHostStates, DEFAULT_HOSTS, type HostProfile, type HostState } from './hosts.js';
import { legitSession } from './legit-session.js';
import { cronRun, scannerProbe } from './noise.js';
import { createRng } from './rng.js';
import { accounts, attackerPool } from './vocabulary.js';

/**
 * Bump whenever the output for a given seed changes: it is part of the cache key of
 * generated files.
 */
export const GENERATOR_VERSION = 1;

/** Options of {@link createAuthLogGenerator}. */
export interface AuthLogOptions {
  /** Seed of the random source. */
  readonly seed: number;
  /** First instant of the log, epoch milliseconds (default 2024-03-01T00:00:00Z). */
  readonly startMs?: number;
  /** The estate (default {@link DEFAULT_HOSTS}). */
  readonly hosts?: readonly HostProfile[];
  /** How many distinct attacker addresses (default 6000). */
  readonly attackers?: number;
}

/** Per-host summary in the metadata. */
export interface HostSummary {
  /** Host name. */
  readonly name: string;
  /** Timestamp style. */
  readonly style: HostProfile['style'];
  /** `sshd` or `sshd-session`. */
  readonly program: string;
  /** LogLevel VERBOSE? */
  readonly verbose: boolean;
  /** Lines written for this host. */
  readonly lines: number;
}

/** What a generator wrote so far. */
export interface AuthLogSummary {
  /** Lines written. */
  readonly lines: number;
  /** `Accepted publickey|password` lines written (successful logins). */
  readonly successfulLogins: number;
  /** Count of lines per generated kind. */
  readonly kinds: Readonly<Record<string, number>>;
  /** Per-host summary. */
  readonly hosts: readonly HostSummary[];
  /** Time of the first line, ISO-8601 UTC (undefined before the first line). */
  readonly firstTime: string | undefined;
  /** Time of the last line, ISO-8601 UTC. */
  readonly lastTime: string | undefined;
}

/** A running generator: an endless, deterministic stream of auth.log lines. */
export interface AuthLogGenerator {
  /** The next line (without newline). */
  nextLine(): string;
  /** What was written so far. */
  summary(): AuthLogSummary;
}

interface Item extends Timed {
  readonly host: HostState | undefined;
  readonly tag: string;
  readonly kind: LineKind | undefined;
  readonly message: string;
  readonly run: ((timeUs: number) => void) | undefined;
}

interface Stream {
  next: number;
  readonly fire: (timeUs: number) => void;
  readonly gap: () => number;
}

/**
 * Creates a generator. Same options, same lines, byte for byte.
 *
 * @param options - seed and optional estate
 * @returns an endless line source with its running summary
 * @example
 * ```ts
 * const gen = createAuthLogGenerator({ seed: 1 });
 * gen.nextLine(); // '2024-03-01T00:00:...+00:00 web-01 sshd-session[2107]: ...'
 * ```
 */
export function createAuthLogGenerator(options: AuthLogOptions): AuthLogGenerator {
  const rng = createRng(options.seed);
  const hosts = createHostStates(options.hosts ?? DEFAULT_HOSTS);
  const agenda = createAgenda<Item>();
  const counts = new Map<LineKind, number>();
  let seq = 0;
  let lines = 0;
  let firstUs = Number.NaN;
  let lastUs = Number.NaN;
  const ctx: ScenarioContext = {
    rng,
    hosts,
    attackers: attackerPool(rng, options.attackers ?? 6000),
    accounts: accounts(rng),
    line(time, host, tag, kind, message) {
      agenda.push({ time, seq: seq++, host, tag, kind, message, run: undefined });
    },
    at(time, run) {
      agenda.push({
        time,
        seq: seq++,
        host: undefined,
        tag: '',
        kind: undefined,
        message: '',
        run,
      });
    },
  };
  const start = us((options.startMs ?? Date.UTC(2024, 2, 1)) / 1000);
  const poisson = (meanSeconds: number, fire: (t: number) => void): Stream => {
    const gap = (): number => Math.max(1, us(rng.exp(meanSeconds)));
    return { next: start + gap(), fire, gap };
  };
  const streams: Stream[] = [
    poisson(200, (t) => bruteForceCampaign(ctx, t)),
    poisson(60, (t) => legitSession(ctx, t)),
    poisson(10, (t) => scannerProbe(ctx, t)),
    ...hosts.map((host): Stream => {
      const period = us(host.profile.cronMinutes * 60);
      return {
        next: start + period + host.index * 1_000,
        fire: (t) => cronRun(ctx, host, t),
        gap: () => period,
      };
    }),
  ];
  const earliestStream = (): Stream => {
    let best = streams[0] as Stream;
    for (const s of streams) if (s.next < best.next) best = s;
    return best;
  };
  const nextLine = (): string => {
    for (;;) {
      const stream = earliestStream();
      const top = agenda.peek();
      if (top === undefined || top.time > stream.next) {
        const t = stream.next;
        stream.next = t + stream.gap();
        stream.fire(t);
        continue;
      }
      agenda.pop();
      if (top.run !== undefined) {
        top.run(top.time);
        continue;
      }
      const host = top.host as HostState;
      const kind = top.kind as LineKind;
      host.lines += 1;
      lines += 1;
      counts.set(kind, (counts.get(kind) ?? 0) + 1);
      if (lines === 1) firstUs = top.time;
      lastUs = top.time;
      return `${host.stamp(top.time)} ${host.profile.name} ${top.tag}: ${top.message}`;
    }
  };
  const iso = (t: number): string | undefined =>
    Number.isNaN(t) ? undefined : new Date(Math.floor(t / 1000)).toISOString();
  return {
    nextLine,
    summary: () => {
      const kinds: Record<string, number> = {};
      for (const [k, v] of [...counts].sort((a, b) => (a[0] < b[0] ? -1 : 1))) kinds[k] = v;
      return {
        lines,
        successfulLogins:
          (counts.get('sshd.accepted_publickey') ?? 0) +
          (counts.get('sshd.accepted_password') ?? 0),
        kinds,
        hosts: hosts.map((h) => ({
          name: h.profile.name,
          style: h.profile.style,
          program: h.sshd,
          verbose: h.profile.verbose,
          lines: h.lines,
        })),
        firstTime: iso(firstUs),
        lastTime: iso(lastUs),
      };
    },
  };
}
