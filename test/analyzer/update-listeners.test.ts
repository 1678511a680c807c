import { describe, expect, it } from 'vitest';
import { createAnalyzer } from '../../src/analyzer/create-analyzer.js';
import type { SshtrailEvent } from '../../src/events/index.js';
import type { SshSession } from '../../src/model/index.js';
import { at, logOf } from '../model/builders.js';

// With `detect: false` the analyzer skips the copies of `session:update` while nobody listens:
// a listener that subscribes at any point, even from inside another listener while a batch of
// changes is being delivered, still gets every update delivered after that point.
describe('session:update listeners added on the way', () => {
  const OPTIONS = {
    detect: false,
    sessions: { idleTimeoutMs: 300_000, sweepIntervalMs: 1_000 },
  } as const;

  /** Two sessions; the first goes idle and is evicted by the sweep the second's update runs. */
  function events(): SshtrailEvent[] {
    const log = logOf('auth.log');
    const a = { host: 'web1', pid: 100 };
    const b = { host: 'web1', pid: 200 };
    return [
      log.accepted({ ...a, t: at(0) }, 'alice', '198.51.100.7', 50000),
      log.pamSession({ ...a, t: at(1) }, 'open', 'alice'),
      log.accepted({ ...b, t: at(2) }, 'bob', '198.51.100.8', 50001),
      log.pamSession({ ...b, t: at(3) }, 'open', 'bob'),
      log.child({ ...b, t: at(200) }, 201),
      // Past alice's idle timeout: this push evicts her (close), then updates bob.
      log.child({ ...b, t: at(400) }, 202),
      log.transfer({ ...b, pid: 202, t: at(401) }, 10, 20),
    ];
  }

  /** Every delivery, in order, as `kind id json`. */
  function run(subscribe: (analyzer: ReturnType<typeof createAnalyzer>, log: string[]) => void) {
    const analyzer = createAnalyzer(OPTIONS);
    const log: string[] = [];
    for (const kind of ['session:open', 'session:close'] as const) {
      analyzer.on(kind, (s: SshSession) => log.push(`${kind} ${s.id} ${JSON.stringify(s)}`));
    }
    subscribe(analyzer, log);
    for (const event of events()) analyzer.pushEvent(event);
    analyzer.flush();
    return log;
  }

  const onUpdate = (log: string[]) => (s: SshSession) =>
    log.push(`session:update ${s.id} ${JSON.stringify(s)}`);

  const always = run((analyzer, log) => analyzer.on('session:update', onUpdate(log)));

  it('sends updates to a listener there from the start', () => {
    expect(always.filter((l) => l.startsWith('session:update')).length).toBeGreaterThan(3);
  });

  it('sends the rest of a batch to a listener added by a close listener of that batch', () => {
    const log = run((analyzer, log) => {
      analyzer.once('session:close', () => analyzer.on('session:update', onUpdate(log)));
    });
    const first = always.findIndex((l) => l.startsWith('session:close'));
    expect(first).toBeGreaterThan(0);
    // The eviction and bob's update come in one batch: the update must not be lost.
    expect(always[first + 1]).toMatch(/^session:update web1\/200\//);
    expect(log.slice(log.findIndex((l) => l.startsWith('session:close')))).toEqual(
      always.slice(first),
    );
  });

  it('sends later updates to a listener added by an open listener', () => {
    const log = run((analyzer, log) => {
      analyzer.once('session:open', () => analyzer.on('session:update', onUpdate(log)));
    });
    expect(log).toEqual(always);
  });
});
