import { describe, expect, it } from 'vitest';
import { createHopGraph } from '../../../src/model/hops/index.js';
import { identity, processExec, runLab } from '../join/network-scenario.js';
import { sessionOf } from '../join/session-builder.js';

const T = Date.UTC(2024, 5, 1, 12);

describe('createHopGraph on the multi-host lab', () => {
  const { graph } = runLab();

  it('rebuilds the 3-hop chain bastion -> app1 -> db1 -> backup1 with its gaps and methods', () => {
    const chains = graph.chains({ minHops: 3 });
    expect(chains).toHaveLength(1);
    const [chain] = chains;
    expect(chain?.nodes.map((n) => `${n.user}@${n.host}`)).toEqual([
      'alice@bastion',
      'alice@app1',
      'svc@db1',
      'svc@backup1',
    ]);
    expect(chain?.hops.map((h) => [h.fromHost, h.toHost, h.method, h.gapMs, h.sameUser])).toEqual([
      // app1's clock is 60 s fast, db1's 45 s slow: the gaps are in host clocks.
      ['bastion', 'app1', 'ssh_client', 360_000, true],
      ['app1', 'db1', 'proxy_jump', 195_000, false],
      ['db1', 'backup1', 'unknown', 345_000, true],
    ]);
  });

  it('picks the latest opened session on app1 (alice) over the older one (bob) for svc@db1', () => {
    const db1 = graph.chains({ minHops: 3 })[0]?.hops[1];
    expect(db1?.parentUser).toBe('alice');
  });

  it('answers chainOf for a middle session and a session without upstream', () => {
    const chain = graph.chains({ minHops: 3 })[0];
    const db1Id = chain?.nodes[2]?.sessionId ?? '';
    expect(graph.chainOf(db1Id)?.nodes.map((n) => n.host)).toEqual(['bastion', 'app1', 'db1']);
    const root = chain?.nodes[0]?.sessionId ?? '';
    expect(graph.chainOf(root)).toMatchObject({ hops: [] });
    expect(graph.chainOf('nope')).toBeUndefined();
    expect(graph.chains({ minHops: 4 })).toEqual([]);
  });
});

describe('createHopGraph', () => {
  it('prefers the same user on the upstream host over a later session of another user', () => {
    const graph = createHopGraph({ identity });
    graph.addSession(
      sessionOf({
        id: 'alice@bastion',
        host: 'bastion',
        user: 'alice',
        startTime: T,
        endTime: undefined,
      }),
    );
    graph.addSession(
      sessionOf({
        id: 'root@bastion',
        host: 'bastion',
        user: 'root',
        startTime: T + 60_000,
        endTime: undefined,
      }),
    );
    graph.addSession(
      sessionOf({
        id: 'alice@app1',
        host: 'app1',
        user: 'alice',
        sourceIp: '10.0.1.5',
        startTime: T + 120_000,
      }),
    );
    expect(graph.chainOf('alice@app1')?.hops[0]?.parentId).toBe('alice@bastion');
  });

  it('does not link to sessions that ended before the hop, beyond the skew', () => {
    const graph = createHopGraph({ identity, skewMs: 10_000 });
    graph.addSession(sessionOf({ id: 'old', host: 'bastion', startTime: T, endTime: T + 60_000 }));
    graph.addSession(
      sessionOf({ id: 'hop', host: 'app1', sourceIp: '203.0.113.5', startTime: T + 120_000 }),
    );
    expect(graph.chainOf('hop')?.hops).toEqual([]);
    graph.addSession(sessionOf({ id: 'old', host: 'bastion', startTime: T, endTime: T + 115_000 }));
    expect(graph.chainOf('hop')?.hops[0]?.parentId).toBe('old');
  });

  it('recognizes the upstream host by the logged name (UseDNS) and ignores unknown sources', () => {
    const graph = createHopGraph({ identity });
    graph.addSession(sessionOf({ id: 'p', host: 'db1', startTime: T, endTime: undefined }));
    graph.addSession(
      sessionOf({
        id: 'c',
        host: 'app1',
        sourceIp: undefined,
        sourceName: 'db1.lab.example',
        startTime: T + 1000,
      }),
    );
    graph.addSession(
      sessionOf({ id: 'x', host: 'app1', sourceIp: '198.51.100.7', startTime: T + 1000 }),
    );
    expect(graph.chainOf('c')?.hops[0]).toMatchObject({
      fromHost: 'db1',
      toHost: 'app1',
      method: 'unknown',
    });
    expect(graph.chainOf('x')?.hops).toEqual([]);
  });

  it('tells an ssh client from ProxyJump when the upstream host has process telemetry', () => {
    const graph = createHopGraph({ identity });
    graph.addProcess(processExec('bastion', T - 600_000, '/usr/bin/bash', ['-bash'], 10));
    graph.addSession(
      sessionOf({ id: 'p', host: 'bastion', startTime: T - 300_000, endTime: undefined }),
    );
    graph.addSession(sessionOf({ id: 'jump', host: 'app1', startTime: T }));
    expect(graph.chainOf('jump')?.hops[0]?.method).toBe('proxy_jump');
    graph.addProcess(processExec('bastion', T - 2_000, '/usr/bin/ssh', ['ssh', 'app1'], 11));
    expect(graph.chainOf('jump')?.hops[0]?.method).toBe('ssh_client');
  });

  it('keeps at most maxSessions sessions', () => {
    const graph = createHopGraph({ identity, maxSessions: 10 });
    for (let i = 0; i < 50; i++) {
      graph.addSession(sessionOf({ id: `s${i}`, host: 'app1', startTime: T + i * 1000 }));
    }
    expect(graph.size()).toEqual({ sessions: 10, evicted: 40 });
    expect(() => createHopGraph({ identity, maxSessions: 0 })).toThrow(RangeError);
  });
});
