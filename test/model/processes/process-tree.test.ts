import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createProcessTree,
  type ProcessTree,
  restoreProcessTree,
} from '../../../src/model/processes/index.js';
import { hostEvents } from './host-scenario.js';

const T = Date.UTC(2024, 5, 10, 16);

describe('createProcessTree', () => {
  it('builds ancestry from audit exec and connect events', () => {
    const tree = createProcessTree();
    for (const e of hostEvents('agent-hijack-auth.log', 'agent-hijack-audit.log')) tree.addEvent(e);
    const chain = tree.ancestors('bastion', 5230);
    expect(chain.map((p) => [p.pid, p.comm])).toEqual([
      [5121, 'bash'],
      [5120, 'su'],
      [5119, 'sudo'],
      [5080, 'bash'],
    ]);
    const ssh = tree.processAt('bastion', 5230, 1718035230305);
    expect(ssh).toMatchObject({
      ppid: 5121,
      uid: 0,
      auid: 1001,
      ses: 7,
      tty: 'pts/1',
      origin: 'exec',
      argv: ['ssh', '-S', '/home/alice/.ssh/cm-alice@db1:22', 'db1', 'id'],
    });
    expect(ssh?.evidence?.source).toBe('agent-hijack-audit.log');
  });

  it('tells pid reuse apart by time and parent', () => {
    const tree = createProcessTree();
    tree.addProcess({ host: 'h', pid: 100, ppid: 10, time: T, exe: '/usr/bin/bash' }, 'exec');
    tree.exit('h', 100, T + 1000);
    tree.addProcess({ host: 'h', pid: 100, ppid: 20, time: T + 5000, exe: '/usr/bin/vim' }, 'exec');
    expect(tree.processAt('h', 100, T + 500)?.exe).toBe('/usr/bin/bash');
    expect(tree.processAt('h', 100, T + 3000)).toBeUndefined();
    expect(tree.processAt('h', 100, T + 6000)?.exe).toBe('/usr/bin/vim');
    // A new parent without an exit also ends the old incarnation.
    tree.addProcess({ host: 'h', pid: 100, ppid: 30, time: T + 9000 }, 'observed');
    expect(tree.processAt('h', 100, T + 6000)?.endTime).toBe(T + 9000);
    expect(tree.processAt('h', 100, T + 9500)?.ppid).toBe(30);
  });

  it("keeps one incarnation across a shell's exec and a re-parenting to init", () => {
    const tree = createProcessTree();
    tree.addProcess({ host: 'h', pid: 7, ppid: 5, time: T, exe: '/usr/bin/bash' }, 'exec');
    tree.addProcess({ host: 'h', pid: 7, ppid: 5, time: T + 1, exe: '/usr/bin/python3' }, 'exec');
    tree.addProcess({ host: 'h', pid: 7, ppid: 1, time: T + 2 }, 'observed');
    expect(tree.size()).toBe(1);
    expect(tree.processAt('h', 7, T + 2)).toMatchObject({
      execCount: 2,
      exe: '/usr/bin/python3',
      ppid: 1,
    });
  });

  it('resolves sessionOf through the anchored sshd child', () => {
    const tree = createProcessTree();
    tree.anchorSession({ host: 'h', pid: 4242, ppid: 4240, time: T }, 'h/4240/1');
    tree.addProcess({ host: 'h', pid: 4301, ppid: 4242, time: T + 10 }, 'exec');
    tree.addProcess({ host: 'h', pid: 4310, ppid: 4301, time: T + 20 }, 'exec');
    expect(tree.sessionOf('h', 4310, T + 20)).toBe('h/4240/1');
    expect(tree.sessionOf('other', 4310, T + 20)).toBeUndefined();
  });

  it('stops at loops and maxDepth', () => {
    const tree = createProcessTree({ maxDepth: 3 });
    tree.addProcess({ host: 'h', pid: 1, ppid: 2, time: T });
    tree.addProcess({ host: 'h', pid: 2, ppid: 1, time: T });
    expect(tree.ancestors('h', 1).map((p) => p.pid)).toEqual([2]);
    for (let pid = 10; pid < 20; pid += 1)
      tree.addProcess({ host: 'h', pid, ppid: pid + 1, time: T });
    expect(tree.ancestors('h', 10)).toHaveLength(3);
  });

  it('evicts idle pids by event time and counts them', () => {
    const tree = createProcessTree({ idleTimeoutMs: 60_000 });
    tree.addProcess({ host: 'h', pid: 1, time: T });
    tree.addProcess({ host: 'h', pid: 2, time: T + 120_000 });
    expect(tree.size()).toBe(1);
    expect(tree.evictions()).toEqual({ overflow: 0, idle: 1, incarnations: 0 });
  });

  it('rejects bad options and foreign snapshots', () => {
    expect(() => createProcessTree({ maxProcesses: 0 })).toThrow(RangeError);
    expect(() => restoreProcessTree({ format: 'x', version: 1, state: {} } as never)).toThrow(
      TypeError,
    );
  });
});

interface Op {
  readonly kind: 'exec' | 'fork' | 'observed' | 'exit';
  readonly host: string;
  readonly pid: number;
  readonly ppid: number;
  readonly dt: number;
}

const op: fc.Arbitrary<Op> = fc.record({
  kind: fc.constantFrom('exec', 'fork', 'observed', 'exit'),
  host: fc.constantFrom('h1', 'h2', 'h3'),
  pid: fc.integer({ min: 2, max: 40 }),
  ppid: fc.integer({ min: 1, max: 40 }),
  dt: fc.integer({ min: 0, max: 90_000 }),
});

function apply(tree: ProcessTree, ops: readonly Op[], start: number): number {
  let t = start;
  for (const o of ops) {
    t += o.dt;
    if (o.kind === 'exit') tree.exit(o.host, o.pid, t);
    else
      tree.addProcess({ host: o.host, pid: o.pid, ppid: o.ppid, time: t, uid: o.pid % 3 }, o.kind);
  }
  return t;
}

describe('createProcessTree properties', () => {
  const options = { maxProcesses: 50, idleTimeoutMs: 600_000, maxIncarnationsPerPid: 3 };

  it('gives the same state after a JSON snapshot/restore at any point', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 120 }), fc.nat(), (ops, cut) => {
        const k = ops.length === 0 ? 0 : cut % (ops.length + 1);
        const whole = createProcessTree(options);
        apply(whole, ops, T);
        const first = createProcessTree(options);
        const t = apply(first, ops.slice(0, k), T);
        const restored = restoreProcessTree(JSON.parse(JSON.stringify(first.snapshot())), options);
        apply(restored, ops.slice(k), t);
        expect(restored.snapshot()).toEqual(whole.snapshot());
        for (const host of ['h1', 'h2', 'h3']) {
          for (let pid = 2; pid <= 40; pid += 7) {
            expect(restored.ancestors(host, pid)).toEqual(whole.ancestors(host, pid));
          }
        }
      }),
    );
  });

  it('never holds more than maxProcesses records, and counts what it drops', () => {
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 300 }), (ops) => {
        const tree = createProcessTree({ ...options, maxProcesses: 10 });
        let t = T;
        const seen = new Set<string>();
        for (const o of ops) {
          t = apply(tree, [o], t);
          if (o.kind !== 'exit') seen.add(`${o.host}/${o.pid}`);
          expect(tree.size()).toBeLessThanOrEqual(10);
        }
        const e = tree.evictions();
        if (seen.size > 10 && e.idle === 0) expect(e.overflow).toBeGreaterThan(0);
      }),
    );
  });
});
