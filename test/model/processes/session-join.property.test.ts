import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SshtrailEvent } from '../../../src/events/index.js';
import {
  createSessionTracker,
  restoreSessionTracker,
  type SessionTracker,
} from '../../../src/model/index.js';
import {
  createSessionJoin,
  restoreSessionJoin,
  type SessionJoin,
} from '../../../src/model/processes/index.js';
import {
  createSocketRegistry,
  restoreSocketRegistry,
  type SocketRegistry,
} from '../../../src/model/sockets/index.js';
import { hostEvents, run } from './host-scenario.js';

const scenario = hostEvents('agent-hijack-auth.log', 'agent-hijack-audit.log');

/** The scenario replayed on another host (every event renamed; times shifted). */
function onHost(host: string, shift: number): SshtrailEvent[] {
  return scenario.map((e) => ({ ...e, host, time: e.time + shift }));
}

/** Joined results of one host, comparable across runs. */
function resultsOf(events: readonly SshtrailEvent[], host: string) {
  return run(events)
    .joined.filter((j) => j.event.host === host)
    .map((j) => [j.event.kind, j.event.pid, j.event.time, j.match]);
}

describe('createSessionJoin properties', () => {
  const hosts = [onHost('h1', 0), onHost('h2', 3_000), onHost('h3', -5_000)];
  const alone = ['h1', 'h2', 'h3'].map((h, i) => resultsOf(hosts[i] ?? [], h));

  it('joins each host the same whatever the interleaving of independent hosts', () => {
    const total = hosts.reduce((n, h) => n + h.length, 0);
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 2 }), { minLength: total, maxLength: total }),
        (picks) => {
          const queues = hosts.map((h) => [...h]);
          const merged: SshtrailEvent[] = [];
          for (const p of picks) {
            const q = queues[p]?.length ? queues[p] : queues.find((x) => x.length > 0);
            const e = q?.shift();
            if (e !== undefined) merged.push(e);
          }
          ['h1', 'h2', 'h3'].forEach((h, i) => {
            expect(resultsOf(merged, h)).toEqual(alone[i]);
          });
        },
      ),
      { numRuns: 40 },
    );
  });

  it('finds a session for every process event of the scenario', () => {
    const first = alone[0] ?? [];
    expect(first.length).toBeGreaterThan(10);
    for (const [, , , match] of first) expect(match).toBeDefined();
  });
});

describe('snapshot/restore of the join and the socket registry', () => {
  const events = [...onHost('h1', 0), ...onHost('h2', 1_500)].sort((a, b) => a.time - b.time);

  function drive(
    stream: readonly SshtrailEvent[],
    state: { tracker: SessionTracker; join: SessionJoin; sockets: SocketRegistry },
    out: unknown[],
  ): void {
    for (const event of stream) {
      for (const change of state.tracker.push(event)) {
        if (change.kind === 'diagnostic') continue;
        state.join.addSession(change.session);
        state.sockets.addSession(change.session);
      }
      out.push(state.join.addEvent(event)?.match, state.sockets.addEvent(event));
    }
  }

  function fresh() {
    const join = createSessionJoin();
    return { tracker: createSessionTracker(), join, sockets: createSocketRegistry({ join }) };
  }

  it('continues after a JSON round trip exactly as without one', () => {
    const whole: unknown[] = [];
    drive(events, fresh(), whole);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: events.length }), (k) => {
        const out: unknown[] = [];
        const first = fresh();
        drive(events.slice(0, k), first, out);
        const saved = JSON.parse(
          JSON.stringify({
            tracker: first.tracker.snapshot(),
            join: first.join.snapshot(),
            sockets: first.sockets.snapshot(),
          }),
        );
        const join = restoreSessionJoin(saved.join);
        const second = {
          tracker: restoreSessionTracker(saved.tracker),
          join,
          sockets: restoreSocketRegistry(saved.sockets, { join }),
        };
        drive(events.slice(k), second, out);
        expect(out).toEqual(whole);
      }),
      { numRuns: 40 },
    );
  });

  it('rejects foreign snapshots', () => {
    expect(() => restoreSessionJoin({ format: 'x' } as never)).toThrow(TypeError);
    expect(() => restoreSocketRegistry({ format: 'x' } as never)).toThrow(TypeError);
  });
});

describe('createSessionJoin memory bounds', () => {
  it('honours maxSessions, maxAuditSessions and maxProcesses and counts what it drops', () => {
    const many = Array.from({ length: 20 }, (_, i) => onHost(`h${i}`, i * 10))
      .flat()
      .sort((a, b) => a.time - b.time);
    const tracker = createSessionTracker();
    const join = createSessionJoin({
      maxSessions: 8,
      maxAuditSessions: 1,
      processTree: { maxProcesses: 50 },
    });
    for (const event of many) {
      for (const c of tracker.push(event)) if (c.kind !== 'diagnostic') join.addSession(c.session);
      join.addEvent(event);
      const size = join.size();
      expect(size.sessions).toBeLessThanOrEqual(8);
      expect(size.processes).toBeLessThanOrEqual(50);
      expect(size.auditSessions).toBeLessThanOrEqual(20);
    }
    const size = join.size();
    // A session updated after its eviction comes back (and evicts another): at least 32 drops.
    expect(size.sessionsEvicted).toBeGreaterThanOrEqual(40 - 8);
    expect(size.auditSessionsEvicted).toBe(20);
    expect(join.processes.evictions().overflow).toBeGreaterThan(0);
  });
});
