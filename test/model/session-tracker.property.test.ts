import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SshtrailEvent } from '../../src/events/index.js';
import type {
  SessionChange,
  SessionTrackerOptions,
  SessionTrackerSnapshot,
} from '../../src/model/index.js';
import { createSessionTracker, restoreSessionTracker } from '../../src/model/index.js';
import { connections, render } from './scenario.js';

// Small caps and windows so that sweeps, evictions and grace expiry happen inside runs.
const OPTIONS: SessionTrackerOptions = {
  closeGraceMs: 30_000,
  sweepIntervalMs: 10_000,
  idleTimeoutMs: 3_000_000,
  maxOpenSessions: 6,
  maxPendingConnections: 4,
};

function oneRun(
  events: readonly SshtrailEvent[],
  options: SessionTrackerOptions = OPTIONS,
): SessionChange[] {
  const tracker = createSessionTracker(options);
  const out = events.flatMap((e) => [...tracker.push(e)]);
  return [...out, ...tracker.flush()];
}

function json(value: unknown): string {
  return JSON.stringify(value);
}

describe('session tracker properties', () => {
  it('every accepted authentication yields exactly one session, with a unique id', () => {
    fc.assert(
      fc.property(connections, (conns) => {
        // Default options: no session is idle long enough to be evicted in these runs.
        const changes = oneRun(render(conns), {});
        const opened = changes.flatMap((c) => (c.kind === 'open' ? [c.session] : []));
        const accepted = conns.filter((c) => c.accepted).length;
        expect(opened.filter((s) => s.authTime !== undefined)).toHaveLength(accepted);
        expect(opened.filter((s) => s.partial.start)).toHaveLength(0);
        expect(new Set(opened.map((s) => s.id)).size).toBe(opened.length);
        const closed = changes.flatMap((c) => (c.kind === 'close' ? [c.session.id] : []));
        expect(closed).toHaveLength(
          conns.filter((c) => c.accepted && c.duration !== undefined).length,
        );
      }),
    );
  });

  it('durations are never negative and end after start', () => {
    fc.assert(
      fc.property(connections, (conns) => {
        for (const change of oneRun(render(conns))) {
          if (change.kind === 'diagnostic') continue;
          const s = change.session;
          expect(s.durationMs).toBeGreaterThanOrEqual(0);
          if (s.endTime !== undefined) expect(s.endTime).toBeGreaterThanOrEqual(s.startTime);
        }
      }),
    );
  });

  it('a run split anywhere with snapshot, JSON round trip and restore equals one run', () => {
    fc.assert(
      fc.property(connections, fc.nat(), (conns, cut) => {
        const events = render(conns);
        const at = cut % (events.length + 1);
        const first = createSessionTracker(OPTIONS);
        const out = events.slice(0, at).flatMap((e) => [...first.push(e)]);
        const saved = JSON.parse(json(first.snapshot())) as SessionTrackerSnapshot;
        const second = restoreSessionTracker(saved, OPTIONS);
        out.push(...events.slice(at).flatMap((e) => [...second.push(e)]), ...second.flush());
        expect(json(out)).toBe(json(oneRun(events)));
        expect(json(second.openSessions())).toBe(json(createFinal(events).openSessions()));
      }),
    );
  });

  it("events of other hosts interleaved do not change a host's sessions", () => {
    fc.assert(
      fc.property(connections, (conns) => {
        const onlyWeb1 = conns.map((c) => (c.host === 'web1' ? c : { ...c, host: 'other' }));
        const mixed = render(onlyWeb1);
        const alone = mixed.filter((e) => e.host === 'web1');
        const strip = (changes: SessionChange[]) =>
          changes.flatMap((c) =>
            c.kind === 'diagnostic' || c.session.host !== 'web1'
              ? []
              : [
                  {
                    kind: c.kind,
                    session: { ...c.session, evidence: c.session.evidence.map((p) => p.text) },
                  },
                ],
          );
        expect(json(strip(oneRun(mixed)))).toBe(json(strip(oneRun(alone))));
      }),
    );
  });

  it('memory follows live state: pending connections vanish at their disconnect', () => {
    fc.assert(
      fc.property(connections, (conns) => {
        const tracker = createSessionTracker(OPTIONS);
        for (const e of render(conns.map((c) => ({ ...c, accepted: false })))) tracker.push(e);
        expect(tracker.size()).toMatchObject({ pending: 0, open: 0 });
      }),
    );
  });
});

function createFinal(events: readonly SshtrailEvent[]) {
  const tracker = createSessionTracker(OPTIONS);
  for (const e of events) tracker.push(e);
  tracker.flush();
  return tracker;
}
