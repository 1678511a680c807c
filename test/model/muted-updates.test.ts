import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SshtrailEvent } from '../../src/events/index.js';
import type { SessionChange, SessionTrackerOptions } from '../../src/model/index.js';
import { createSessionTracker } from '../../src/model/index.js';
import { reportUpdatesWhen } from '../../src/model/session-tracker.js';
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

/** Each push's (and the flush's) changes, batch by batch. */
function batches(events: readonly SshtrailEvent[], wanted?: () => boolean): SessionChange[][] {
  const tracker = createSessionTracker(OPTIONS);
  if (wanted !== undefined) reportUpdatesWhen(tracker, wanted);
  return [...events.map((e) => [...tracker.push(e)]), [...tracker.flush()]];
}

// A tracker told that nobody reads updates leaves out exactly the updates of open sessions that
// lead their batch (nothing is delivered before them, so no listener can subscribe in
// between); everything else, and every later batch, is the same.
describe('updates nobody reads', () => {
  it('are left out only where they lead their batch, and nothing else changes', () => {
    fc.assert(
      fc.property(connections, (conns) => {
        const events = render(conns);
        const all = batches(events);
        const muted = batches(events, () => false);
        const expected = all.map((batch) => {
          let lead = 0;
          while (lead < batch.length) {
            const change = batch[lead];
            if (change?.kind !== 'update' || change.session.state !== 'open') break;
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
        expect(JSON.stringify(out.slice(from))).toBe(JSON.stringify(batches(events).slice(from)));
      }),
    );
  });
});
