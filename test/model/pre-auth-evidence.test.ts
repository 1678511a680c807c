import { describe, expect, it } from 'vitest';
import { createSessionTracker, restoreSessionTracker } from '../../src/model/index.js';
import { at, logOf } from './builders.js';

// A pre-auth connection keeps its lines as evidence however many other connections come and
// go before it authenticates, and a snapshot taken meanwhile continues the same.
describe('pre-auth evidence', () => {
  const IP = '198.51.100.7';

  function scenario(noise: number) {
    const log = logOf('auth.log');
    const h = { host: 'web1' };
    const events = [
      log.connection({ ...h, pid: 100, t: at(0) }, IP, 50000),
      log.failed({ ...h, pid: 100, t: at(1) }, 'alice', IP, 50000),
    ];
    // Brute-force noise on other pids: connections opened and failed, never closed.
    for (let i = 0; i < noise; i++) {
      events.push(log.invalidUser({ ...h, pid: 1000 + i, t: at(2) }, `u${i}`, '203.0.113.9', i));
    }
    events.push(log.accepted({ ...h, pid: 100, t: at(3) }, 'alice', IP, 50000));
    return events;
  }

  it.each([0, 5000, 9000])(
    'keeps every line of a connection that authenticates after %i events',
    (noise) => {
      const tracker = createSessionTracker({ maxPendingConnections: 20_000 });
      const opened = scenario(noise)
        .flatMap((e) => tracker.push(e))
        .filter((c) => c.kind === 'open');
      expect(opened).toHaveLength(1);
      const texts = opened[0]?.kind === 'open' ? opened[0].session.evidence.map((l) => l.text) : [];
      expect(texts).toEqual([
        expect.stringContaining(`Connection from ${IP} port 50000`),
        expect.stringContaining(`Failed password for alice from ${IP} port 50000`),
        expect.stringContaining(`Accepted publickey for alice from ${IP} port 50000`),
      ]);
    },
  );

  it('snapshots pending drafts, and a restored tracker continues the same', () => {
    const events = scenario(5000);
    const cut = 2500;
    const whole = createSessionTracker({ maxPendingConnections: 20_000 });
    const expected = events.flatMap((e) => whole.push(e));
    const first = createSessionTracker({ maxPendingConnections: 20_000 });
    const before = events.slice(0, cut).flatMap((e) => first.push(e));
    const second = restoreSessionTracker(JSON.parse(JSON.stringify(first.snapshot())), {
      maxPendingConnections: 20_000,
    });
    const after = events.slice(cut).flatMap((e) => second.push(e));
    expect([...before, ...after]).toEqual(expected);
    expect(second.snapshot()).toEqual(whole.snapshot());
  });
});
