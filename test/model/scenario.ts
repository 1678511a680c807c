import fc from 'fast-check';
import type { SshtrailEvent } from '../../src/events/index.js';
import { at, logOf } from './builders.js';

/** One generated SSH connection. */
export interface Connection {
  readonly host: string | undefined;
  readonly user: string;
  readonly ip: string;
  readonly start: number;
  readonly failures: number;
  readonly accepted: boolean;
  readonly verbose: boolean;
  readonly sudo: boolean;
  readonly channels: number;
  /** Seconds until the end, or `undefined` when the end is outside the log. */
  readonly duration: number | undefined;
}

const connection: fc.Arbitrary<Connection> = fc.record({
  host: fc.constantFrom('web1', 'web2', undefined),
  user: fc.constantFrom('alice', 'bob', 'root', 'deploy'),
  ip: fc.constantFrom('198.51.100.7', '203.0.113.50', '2001:db8::5', '192.0.2.33'),
  start: fc.integer({ min: 0, max: 3_600 }),
  failures: fc.integer({ min: 0, max: 4 }),
  accepted: fc.boolean(),
  verbose: fc.boolean(),
  sudo: fc.boolean(),
  channels: fc.integer({ min: 1, max: 3 }),
  duration: fc.option(fc.integer({ min: 0, max: 7_200 }), { nil: undefined }),
});

/** Several connections. */
export const connections = fc.array(connection, { minLength: 1, maxLength: 25 });

interface Timed {
  readonly t: number;
  readonly order: number;
  readonly make: (log: ReturnType<typeof logOf>) => SshtrailEvent;
}

/**
 * Renders connections into one time-ordered event stream (stable for equal times), the way
 * an analyzer merging sources would deliver it. Pids and ports are unique per connection.
 */
export function render(conns: readonly Connection[], source = 'auth.log'): SshtrailEvent[] {
  const timed: Timed[] = [];
  let order = 0;
  conns.forEach((c, i) => {
    const p1 = { host: c.host, pid: 10_000 + i * 10 };
    const p2 = { host: c.host, pid: 10_000 + i * 10 + 1 };
    const port = 30_000 + i;
    const add = (t: number, make: Timed['make']) => {
      order += 1;
      timed.push({ t: at(t), order, make });
    };
    let t = c.start;
    if (c.verbose) add(t, (log) => log.connection({ ...p1, t: at(c.start) }, c.ip, port));
    for (let f = 0; f < c.failures; f += 1) {
      t += 1;
      const tf = t;
      add(tf, (log) => log.failed({ ...p1, t: at(tf) }, c.user, c.ip, port));
    }
    if (!c.accepted) {
      t += 1;
      const tf = t;
      add(tf, (log) =>
        log.disconnect({ ...p1, t: at(tf) }, 'closed', c.ip, port, {
          user: c.user,
          userState: 'authenticating',
          preauth: true,
        }),
      );
      return;
    }
    t += 1;
    const ta = t;
    add(ta, (log) => log.accepted({ ...p1, t: at(ta) }, c.user, c.ip, port));
    add(ta, (log) => log.pamSession({ ...p1, t: at(ta) }, 'open', c.user));
    if (c.verbose) {
      add(ta, (log) => log.child({ ...p1, t: at(ta) }, p2.pid));
      for (let n = 0; n < c.channels; n += 1) {
        const tn = ta + n;
        add(tn, (log) => log.startSession({ ...p2, t: at(tn) }, c.user, c.ip, port, n, `pts/${i}`));
      }
    }
    if (c.sudo)
      add(ta + 5, (log) =>
        log.sudo(
          { host: c.host, t: at(ta + 5) },
          c.user,
          c.verbose ? `pts/${i}` : undefined,
          '/usr/bin/id',
        ),
      );
    if (c.duration === undefined) return;
    const te = ta + 5 + c.duration;
    add(te, (log) => log.disconnect({ ...p2, t: at(te) }, 'received_disconnect', c.ip, port));
    add(te, (log) =>
      log.disconnect({ ...p2, t: at(te) }, 'disconnected', c.ip, port, {
        user: c.user,
        userState: 'authenticated',
      }),
    );
    add(te, (log) => log.pamSession({ ...p1, t: at(te) }, 'close', c.user));
  });
  timed.sort((a, b) => a.t - b.t || a.order - b.order);
  const log = logOf(source);
  return timed.map((x) => x.make(log));
}
