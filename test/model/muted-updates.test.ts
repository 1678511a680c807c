import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SshtrailEvent } from '../../src/events/index.js';
import type { SessionChange, SessionTrackerOptions } from '../../src/model/index.js';
import { createSessionTracker } from '../../src/model/index.js';
import { reportUpdatesWhen } from '../../src/model/session-tracker.js';
import { at, logOf } from './builders.js';
import { connections, render } from './scenario.js';

// Small caps and windows so that sweeps, evictions and grace expiry happen inside runs.
const OPTIONS: SessionTrackerOptions = {
  closeGraceMs: 30_000,
  sweepIntervalMs: 10_000,
  idleTimeoutMs: 600_000,
  maxOpenSessions: 3,
  maxPendingConnections: 4,
  maxTrackedSources: 2,
};

const USERS = ['alice', 'bob', 'root', 'deploy'];

/** Each push's (and the flush's) changes, batch by batch, and what the views showed. */
function batches(
  events: readonly SshtrailEvent[],
  wanted?: () => boolean,
  readAt = -1,
): SessionChange[][] {
  const tracker = createSessionTracker(OPTIONS);
  if (wanted !== undefined) reportUpdatesWhen(tracker, wanted);
  const views = (): SessionChange[] => {
    const seen = JSON.stringify([
      USERS.map((u) => tracker.recentSessions(u)),
      tracker.loggedInAt(events[0]?.time ?? 0),
      tracker.snapshot(),
      tracker.size(),
    ]);
    return [{ kind: 'diagnostic', code: 'evicted', host: seen, time: 0 } as never];
  };
  const out = events.map((e, i) => [...tracker.push(e), ...(i === readAt ? views() : [])]);
  return [...out, [...tracker.flush()], views()];
}

// A tracker told that nobody reads updates leaves out exactly the updates that lead their batch
// (nothing is delivered before them, so no listener can subscribe in between); everything else
// is the same: other changes, the history views (which then copy closed sessions when read) and
// snapshots, whenever they are read.
describe('updates nobody reads', () => {
  it('are left out only where they lead their batch, and nothing else changes', () => {
    fc.assert(
      fc.property(connections, fc.integer({ min: -1, max: 200 }), (conns, readAt) => {
        const events = render(conns);
        const all = batches(events, undefined, readAt);
        const muted = batches(events, () => false, readAt);
        const expected = all.map((batch) => {
          let lead = 0;
          while (lead < batch.length) {
            const change = batch[lead];
            if (change?.kind !== 'update') break;
            lead += 1;
          }
          return batch.slice(lead);
        });
        expect(JSON.stringify(muted)).toBe(JSON.stringify(expected));
      }),
    );
  });

  it('are reported again from the first push after someone starts reading them', () => {
    fc.assert(
      fc.property(connections, fc.nat(), (conns, cut) => {
        const events = render(conns);
        const from = cut % (events.length + 1);
        let reading = false;
        const tracker = createSessionTracker(OPTIONS);
        reportUpdatesWhen(tracker, () => reading);
        const out = events.map((e, i) => {
          reading = i >= from;
          return [...tracker.push(e)];
        });
        reading = true;
        out.push([...tracker.flush()]);
        const expected = batches(events).slice(from, events.length + 1);
        expect(JSON.stringify(out.slice(from))).toBe(JSON.stringify(expected));
      }),
    );
  });

  it('keep the history of a closed session as of its last update when it changes silently', () => {
    // After its close, a session takes a pam line (an update) and then a DEBUG channel request
    // that marks its forwarding as unused without an update: the history must not show that.
    const log = logOf('auth.log');
    const p1 = { host: 'web1', pid: 100 };
    const p2 = { host: 'web1', pid: 101 };
    const events = [
      log.accepted({ ...p1, t: at(0) }, 'alice', '198.51.100.7', 50000),
      log.child({ ...p1, t: at(1) }, 101),
      log.disconnect({ ...p2, t: at(5) }, 'received_disconnect', '198.51.100.7', 50000, {
        user: 'alice',
        userState: 'authenticated',
      }),
      log.pamSession({ ...p1, t: at(6) }, 'close', 'alice'),
      log.channelRequest({ ...p2, t: at(7) }, 0, 'pty'),
    ];
    const read = (wanted?: () => boolean) => {
      const tracker = createSessionTracker(OPTIONS);
      if (wanted !== undefined) reportUpdatesWhen(tracker, wanted);
      for (const e of events) tracker.push(e);
      return JSON.stringify([tracker.recentSessions('alice'), tracker.snapshot()]);
    };
    const expected = read();
    const history = JSON.stringify(JSON.parse(expected)[0]);
    expect(history).toContain('"endReason":"received_disconnect"');
    expect(history).toContain('pam_unix(sshd:session): session closed');
    expect(history).not.toContain('"agentForwarding":false');
    expect(read(() => false)).toBe(expected);
    // A copy made on reading is kept: reads return the same objects, as with eager copies.
    const tracker = createSessionTracker(OPTIONS);
    reportUpdatesWhen(tracker, () => false);
    for (const e of events) tracker.push(e);
    const first = tracker.recentSessions('alice');
    expect(first).toHaveLength(1);
    expect(tracker.recentSessions('alice')[0]).toBe(first[0]);
  });
});
