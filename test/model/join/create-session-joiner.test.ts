import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { NetworkEvent } from '../../../src/events/index.js';
import type { SshSession } from '../../../src/model/index.js';
import { createSessionJoiner, type JoinChange } from '../../../src/model/join/index.js';
import { identity, runLab } from './network-scenario.js';
import { netSshOf, sessionOf } from './session-builder.js';

const T = Date.UTC(2024, 5, 1, 12);

function summary(changes: readonly JoinChange[]): string[] {
  return changes
    .map((c) =>
      c.kind === 'link'
        ? `link ${c.sessionId} ${c.network.uid ?? '?'}`
        : c.kind === 'unmatched_network'
          ? `net ${c.network.uid ?? '?'}`
          : `session ${c.session.sessionId}`,
    )
    .sort();
}

describe('createSessionJoiner on the multi-host lab', () => {
  const run = runLab();
  const links = new Map(
    run.changes.flatMap((c) => (c.kind === 'link' ? [[c.sessionId, c] as const] : [])),
  );

  it('links every logged login to its Zeek connection despite NAT and ±60 s clocks', () => {
    expect([...links.values()].map((l) => [l.session.host, l.network.uid, l.basis]).sort()).toEqual(
      [
        ['app1', 'CApp1a2', 'host_identity'],
        ['backup1', 'CBkp4', 'host_identity'],
        ['bastion', 'CbAstn1', 'host_identity'],
        ['db1', 'CDb1x3', 'host_identity'],
      ],
    );
    const app1 = [...links.values()].find((l) => l.session.host === 'app1');
    const db1 = [...links.values()].find((l) => l.session.host === 'db1');
    expect(app1?.skewMs).toBe(-60_200); // app1 runs 60 s fast
    expect(db1?.skewMs).toBe(44_900); // db1 runs 45 s slow
  });

  it('gives sessions the network view (banner, attempts, bytes, duration) and flows the user', () => {
    const bastion = [...links.values()].find((l) => l.session.host === 'bastion');
    expect(bastion?.network).toMatchObject({
      sensor: 'zeek-core',
      respIp: '203.0.113.5',
      clientBanner: 'SSH-2.0-OpenSSH_9.6p1 Ubuntu-3ubuntu13',
      authSuccess: true,
      authAttempts: 1,
      origBytes: 48211,
      respBytes: 301877,
      durationMs: 3599900,
      connState: 'SF',
    });
    expect(bastion?.network.evidence.map((p) => p.source)).toEqual(['ssh.log', 'conn.json']);
    expect(bastion?.session).toMatchObject({
      user: 'alice',
      authMethod: 'publickey',
      sourcePort: 51000,
    });
  });

  it('leaves the deleted login and the failed scan unmatched, and the unseen session too', () => {
    const rest = run.changes.filter((c) => c.kind !== 'link');
    expect(summary(rest)).toEqual(['net CFail6', 'net CGone5', 'session app1/5100/1717243350000']);
  });
});

describe('createSessionJoiner', () => {
  it('confirms the server by the logged local address, and refuses another host', () => {
    const joiner = createSessionJoiner({ identity });
    joiner.addSession(sessionOf({ id: 'a', host: 'app1', localIp: '10.0.2.9', localPort: 22 }));
    joiner.addSession(sessionOf({ id: 'b', host: 'db1', sourcePort: 50023 }));
    joiner.addNetwork(netSshOf({ uid: 'C1' }));
    joiner.addNetwork(netSshOf({ uid: 'C2', origPort: 50023, respIp: '10.0.2.9' }));
    const changes = joiner.flush();
    expect(changes.find((c) => c.kind === 'link')).toMatchObject({
      sessionId: 'a',
      basis: 'local_ip',
    });
    expect(summary(changes)).toEqual(['link a C1', 'net C2', 'session b']);
  });

  it('does not link beyond the skew window', () => {
    const joiner = createSessionJoiner({ skewMs: 60_000 });
    joiner.addSession(sessionOf({ id: 'a', startTime: T }));
    joiner.addNetwork(netSshOf({ uid: 'C1', time: T + 61_000 }));
    expect(summary(joiner.flush())).toEqual(['net C1', 'session a']);
  });

  it('takes the closest in time when a client port is reused within the window', () => {
    const joiner = createSessionJoiner({ skewMs: 120_000 });
    joiner.addSession(sessionOf({ id: 'early', startTime: T }));
    joiner.addSession(sessionOf({ id: 'late', startTime: T + 100_000 }));
    joiner.addNetwork(netSshOf({ uid: 'C1', time: T + 90_000 }));
    expect(summary(joiner.flush())).toEqual(['link late C1', 'session early']);
  });

  it('decides as event time passes and stays bounded', () => {
    const joiner = createSessionJoiner({ skewMs: 1000, lagMs: 1000 });
    for (let i = 0; i < 100; i++) {
      const t = T + i * 60_000;
      joiner.addSession(sessionOf({ id: `s${i}`, startTime: t, sourcePort: 1000 + i }));
      joiner.addNetwork(netSshOf({ uid: `C${i}`, time: t + 500, origPort: 1000 + i }));
    }
    expect(joiner.size().pending).toBeLessThan(10);
    expect(() => createSessionJoiner({ skewMs: -1 })).toThrow(RangeError);
  });

  it('links the same pairs whatever the input order within the skew window', () => {
    const skewMs = 120_000;
    const connection = fc.record({
      start: fc.integer({ min: 0, max: 3_600_000 }),
      clock: fc.integer({ min: -60_000, max: 60_000 }),
      duration: fc.integer({ min: 1000, max: 600_000 }),
      port: fc.integer({ min: 1024, max: 1100 }),
      client: fc.constantFrom('10.0.1.5', '10.0.2.9', '198.51.100.7'),
      host: fc.constantFrom('bastion', 'app1', 'db1'),
      seen: fc.constantFrom('both', 'host', 'network'),
      jitter: fc.integer({ min: 0, max: skewMs / 2 }),
      jitter2: fc.integer({ min: 0, max: skewMs / 2 }),
    });
    fc.assert(
      fc.property(fc.array(connection, { maxLength: 25 }), (connections) => {
        // Client ports repeat (few ports, three clients): reused 5-tuples compete for partners.
        const unique = connections;
        type Input = { at: number; late: number; add: () => readonly JoinChange[] };
        const build = (joiner: ReturnType<typeof createSessionJoiner>): Input[] =>
          unique.flatMap((c, i): Input[] => {
            const start = T + c.start;
            const hostStart = start + c.clock;
            const session: SshSession = sessionOf({
              id: `${c.host}/${i}`,
              host: c.host,
              sourceIp: c.client,
              sourcePort: c.port,
              startTime: hostStart,
              endTime: hostStart + c.duration,
            });
            const resp = identity.addressesOf(c.host)[0] ?? '10.9.9.9';
            const net: NetworkEvent = netSshOf({
              uid: `C${i}`,
              time: start,
              origIp: c.client,
              origPort: c.port,
              respIp: resp,
            });
            const out: Input[] = [];
            if (c.seen !== 'network') {
              // As the analyzer reports it: at open (no end yet), then closed.
              const opened: SshSession = {
                ...session,
                state: 'open',
                endTime: undefined,
                lastSeenTime: hostStart,
              };
              out.push({ at: hostStart, late: c.jitter, add: () => joiner.addSession(opened) });
              out.push({
                at: hostStart + c.duration,
                late: c.jitter,
                add: () => joiner.addSession(session),
              });
            }
            if (c.seen !== 'host')
              out.push({ at: start + 5000, late: c.jitter2, add: () => joiner.addNetwork(net) });
            return out;
          });
        const runOrder = (shuffled: boolean): string[] => {
          const joiner = createSessionJoiner({ identity, skewMs });
          const inputs = build(joiner);
          inputs.sort((a, b) => (shuffled ? a.at + a.late - (b.at + b.late) : a.at - b.at));
          const changes = inputs.flatMap((input) => [...input.add()]);
          return summary([...changes, ...joiner.flush()]);
        };
        expect(runOrder(true)).toEqual(runOrder(false));
      }),
    );
  });
});
