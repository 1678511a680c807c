/**
 * The seeded audit.log generator (issue 4 benchmark: 500k records through parsing and
 * assembly). One bastion host with `pam_loginuid` and the rules of research/formats.md
 * §1.8 (execve, connect, key reads): commands in SSH sessions, daemon socket traffic,
 * logins and logouts, brute-force failures, cron, and a rare agent-socket hijack. Records
 * of concurrent events sometimes interleave, as on a multi-CPU host.
 */
import {
  agentHijack,
  daemonUnixConnect,
  execEvent,
  inetConnect,
  keyRead,
} from './audit-kernel-events.js';
import type { AuditSession, RecordBody } from './audit-records.js';
import { cronEvents, failedLogin, loginEvents, logoutEvents } from './audit-user-events.js';
import { us } from './context.js';
import { createAgenda, type Timed } from './heap.js';
import { createRng } from './rng.js';
import { attackerPool } from './vocabulary.js';

/** Bump when the output for a seed changes (part of the cache key). */
export const AUDIT_GENERATOR_VERSION = 1;

/** Kernel events closer than this (µs) may have their records interleaved. */
const INTERLEAVE_WINDOW_US = 100_000;

/** Default record count of the issue-4 benchmark. */
export const AUDIT_DEFAULT_RECORDS = 500_000;

/** What an audit generator wrote so far. */
export interface AuditLogSummary {
  /** Record lines written. */
  readonly lines: number;
  /** Events started (record groups sharing a serial). */
  readonly events: number;
  /** Lines per record type. */
  readonly types: Readonly<Record<string, number>>;
  /** Events per scenario. */
  readonly scenarios: Readonly<Record<string, number>>;
  /** Pairs of kernel events whose records were interleaved. */
  readonly interleaved: number;
  /** Successful sshd logins (USER_LOGIN res=success). */
  readonly successfulLogins: number;
}

/** A running audit generator. */
export interface AuditLogGenerator {
  /** The next record line. */
  nextLine(): string;
  /** What was written so far. */
  summary(): AuditLogSummary;
}

interface Group extends Timed {
  readonly scenario: string;
  readonly records: readonly RecordBody[] | undefined;
  readonly run: ((timeUs: number) => void) | undefined;
}

const USERS = [
  { user: 'alice', uid: 1000 },
  { user: 'bob', uid: 1001 },
  { user: 'dave', uid: 1005 },
  { user: 'mallory', uid: 1006 },
] as const;

/**
 * Creates a generator. Same seed, same lines.
 *
 * @param options - seed and start time (epoch ms, default 2024-03-01T00:00:00Z)
 * @returns an endless record source
 * @example
 * ```ts
 * const gen = createAuditLogGenerator({ seed: 1 });
 * gen.nextLine(); // 'type=SYSCALL msg=audit(1709251200.512:1): arch=c000003e syscall=42 ...'
 * ```
 */
export function createAuditLogGenerator(options: {
  readonly seed: number;
  readonly startMs?: number;
}): AuditLogGenerator {
  const rng = createRng(options.seed);
  const attackers = attackerPool(rng, 2000);
  const agenda = createAgenda<Group>();
  const sessions: AuditSession[] = [];
  const types = new Map<string, number>();
  const scenarios = new Map<string, number>();
  const out: string[] = [];
  let outAt = 0;
  let seq = 0;
  let serial = 0;
  let pid = 3000;
  let ses = 0;
  let lines = 0;
  let events = 0;
  let interleaved = 0;
  let logins = 0;
  const nextPid = (): number => {
    pid += 1 + rng.int(4);
    return pid;
  };
  const emit = (time: number, scenario: string, records: readonly RecordBody[]): void => {
    agenda.push({ time, seq: seq++, scenario, records, run: undefined });
  };
  const at = (time: number, run: (t: number) => void): void => {
    agenda.push({ time, seq: seq++, scenario: '', records: undefined, run });
  };
  const emitAll = (
    time: number,
    scenario: string,
    groups: readonly (readonly RecordBody[])[],
    stepUs: number,
  ): void => {
    groups.forEach((g, i) => {
      emit(time + i * stepUs, scenario, g);
    });
  };

  const login = (t: number): void => {
    const who = rng.pick(USERS);
    ses += 1;
    const monitor = nextPid();
    const s: AuditSession = {
      user: who.user,
      uid: who.uid,
      ses,
      shell: monitor + 3,
      tty: `pts${sessions.length % 6}`,
      sshdChild: monitor + 2,
      agentDir: Math.floor(rng.next() * 36 ** 10)
        .toString(36)
        .padStart(10, '0'),
    };
    pid = monitor + 3;
    const ip = rng.pick(['10.20.9.14', '10.20.9.22', '203.0.113.45', '198.51.100.77']);
    emitAll(t, 'login', loginEvents(s, monitor, ip, rng.range(32768, 60999)), 2_000);
    at(t + 20_000, () => sessions.push(s));
    at(t + us(rng.logUniform(60, 4 * 3600)), (te) => {
      const i = sessions.indexOf(s);
      if (i >= 0) sessions.splice(i, 1);
      emitAll(te, 'logout', logoutEvents(s, monitor, ip), 1_500);
    });
  };
  const inSession = (
    t: number,
    scenario: string,
    build: (s: AuditSession) => RecordBody[],
  ): void => {
    const s = sessions[rng.int(sessions.length)];
    if (s !== undefined) emit(t, scenario, build(s));
    else emit(t, 'daemon_connect', daemonUnixConnect(rng, 800 + rng.int(50)));
  };

  interface Stream {
    next: number;
    readonly mean: number;
    readonly fire: (t: number) => void;
  }
  const start = us((options.startMs ?? Date.UTC(2024, 2, 1)) / 1000);
  const stream = (meanSeconds: number, fire: (t: number) => void): Stream => ({
    next: start + us(rng.exp(meanSeconds)),
    mean: meanSeconds,
    fire,
  });
  const streams: Stream[] = [
    stream(0.5, (t) => inSession(t, 'exec', (s) => execEvent(rng, s, nextPid()))),
    stream(2, (t) => emit(t, 'daemon_connect', daemonUnixConnect(rng, 800 + rng.int(50)))),
    stream(5, (t) => emit(t, 'inet_connect', inetConnect(rng, 1172))),
    stream(60, (t) => inSession(t, 'key_read', (s) => keyRead(rng, s, nextPid()))),
    stream(120, login),
    stream(10, (t) =>
      emitAll(t, 'failed_login', failedLogin(rng, nextPid(), rng.pick(attackers)), 3_000),
    ),
    stream(300, (t) => {
      ses += 1;
      emitAll(t, 'cron', cronEvents(nextPid(), ses), 4_000);
    }),
    stream(2 * 3600, (t) => {
      const attacker = sessions[rng.int(sessions.length)];
      const victim = sessions.find((s) => attacker !== undefined && s.uid !== attacker.uid);
      if (attacker && victim)
        emit(t, 'agent_hijack', agentHijack(rng, attacker, victim, nextPid()));
    }),
  ];

  for (let i = 0; i < 3; i++) at(start + us(i * 7), login);

  const starts: (string | undefined)[] = [];
  const put = (line: string, scenario: string | undefined): void => {
    starts[out.length] = scenario;
    out.push(line);
  };
  const format = (g: Group): string[] => {
    serial += 1;
    const ms = Math.floor(g.time / 1000);
    const stamp = `${Math.floor(ms / 1000)}.${String(ms % 1000).padStart(3, '0')}:${serial}`;
    return (g.records ?? []).map(([type, fields]) => {
      return fields === ''
        ? `type=${type} msg=audit(${stamp}):`
        : `type=${type} msg=audit(${stamp}): ${fields}`;
    });
  };
  const isKernel = (g: Group | undefined): boolean => {
    const last = g?.records?.[g.records.length - 1];
    return last !== undefined && last[0] === 'EOE';
  };

  const earliest = (): Stream => {
    let first = streams[0] as Stream;
    for (const s of streams) if (s.next < first.next) first = s;
    return first;
  };
  const fire = (s: Stream): void => {
    const t = s.next;
    s.next = t + Math.max(1, us(rng.exp(s.mean)));
    s.fire(t);
  };
  const refill = (): void => {
    for (;;) {
      const first = earliest();
      const top = agenda.peek();
      if (top === undefined || top.time > first.next) {
        fire(first);
        continue;
      }
      agenda.pop();
      if (top.run) {
        top.run(top.time);
        continue;
      }
      const a = format(top);
      // Schedule whatever starts within the interleaving window, then look at the next group.
      for (let s = earliest(); s.next <= top.time + INTERLEAVE_WINDOW_US; s = earliest()) fire(s);
      const next = agenda.peek();
      if (
        isKernel(top) &&
        isKernel(next) &&
        next &&
        next.time - top.time < INTERLEAVE_WINDOW_US &&
        rng.chance(0.5)
      ) {
        agenda.pop();
        const b = format(next);
        interleaved++;
        for (let i = 0; i < Math.max(a.length, b.length); i++) {
          const x = a[i];
          const y = b[i];
          if (x !== undefined) put(x, i === 0 ? top.scenario : undefined);
          if (y !== undefined) put(y, i === 0 ? next.scenario : undefined);
        }
      } else {
        a.forEach((line, i) => {
          put(line, i === 0 ? top.scenario : undefined);
        });
      }
      return;
    }
  };

  return {
    nextLine() {
      while (outAt >= out.length) {
        out.length = 0;
        starts.length = 0;
        outAt = 0;
        refill();
      }
      // Count what is written (the line budget may cut the last event short).
      const scenario = starts[outAt];
      if (scenario !== undefined) {
        events++;
        scenarios.set(scenario, (scenarios.get(scenario) ?? 0) + 1);
      }
      const line = out[outAt++] as string;
      const type = line.slice(5, line.indexOf(' '));
      types.set(type, (types.get(type) ?? 0) + 1);
      if (type === 'USER_LOGIN' && line.endsWith("res=success'")) logins++;
      lines++;
      return line;
    },
    summary: () => ({
      lines,
      events,
      types: Object.fromEntries([...types].sort()),
      scenarios: Object.fromEntries([...scenarios].sort()),
      interleaved,
      successfulLogins: logins,
    }),
  };
}
