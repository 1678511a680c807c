import type { Provenance } from '../../events/provenance.js';
import { type EnvSnapshotLike, normalizeTty, type TelemetryEvent } from './observations.js';
import type { ProcessOrigin, ProcessRecord } from './process-record.js';
import {
  type ProcessTreeEvictions,
  type ProcessTreeOptions,
  type ResolvedTreeOptions,
  resolveTreeOptions,
} from './tree-options.js';

/**
 * What a source knows about one process at one time; every field but `host`, `pid` and
 * `time` may be missing.
 *
 * @example
 * ```ts
 * const seen: ProcessObservation = { host: 'web1', pid: 4301, ppid: 4250, time: 1718035101000, uid: 1000 };
 * ```
 */
export interface ProcessObservation {
  /** Host name (`undefined`: the anonymous host). */
  readonly host: string | undefined;
  /** Process id. */
  readonly pid: number;
  /** Epoch milliseconds. */
  readonly time: number;
  /** Parent pid. */
  readonly ppid?: number | undefined;
  /** Real uid. */
  readonly uid?: number | undefined;
  /** Effective uid. */
  readonly euid?: number | undefined;
  /** Audit login uid. */
  readonly auid?: number | undefined;
  /** Audit session id. */
  readonly ses?: number | undefined;
  /** Executable path. */
  readonly exe?: string | undefined;
  /** Command name. */
  readonly comm?: string | undefined;
  /** Arguments (exec only). */
  readonly argv?: readonly string[] | undefined;
  /** Terminal as logged (`pts1`, `/dev/pts/1`, `pts/1`). */
  readonly tty?: string | undefined;
  /** The line it came from. */
  readonly evidence?: Provenance | undefined;
}

/**
 * The tree's whole state as plain JSON; `state` is opaque and versioned, read only by
 * {@link restoreProcessTree}.
 *
 * @example
 * ```ts
 * const saved: string = JSON.stringify(tree.snapshot());
 * ```
 */
export interface ProcessTreeSnapshot {
  /** Marks the object as a process tree snapshot. */
  readonly format: 'sshtrail.process-tree';
  /** Layout version of `state`. */
  readonly version: 1;
  /** The serialized state (opaque). */
  readonly state: unknown;
}

/**
 * Per-host process trees built from host telemetry, bounded by event time. Feed events in
 * (roughly) time order; every lookup returns fresh copies.
 *
 * @example
 * ```ts
 * const tree = createProcessTree();
 * for (const e of events) tree.addEvent(e);
 * tree.ancestors('bastion', 5201).map((p) => p.comm); // ['bash', 'sudo', 'bash', 'sshd', 'sshd']
 * ```
 */
export interface ProcessTree {
  /**
   * Learns from one event: `process.exec` starts (or re-images) a process; `socket.connect`,
   * `file.access`, `process.ptrace`, `audit.login` and `env.snapshot` show a process alive;
   * `process.exit` (Sysmon event 5) ends it.
   *
   * @param event - Any event; kinds without a process are ignored.
   * @returns The acting process after the update, or `undefined` when the event names none.
   * @example
   * ```ts
   * tree.addEvent(execEvent)?.argv;
   * ```
   */
  addEvent(event: TelemetryEvent): ProcessRecord | undefined;
  /**
   * Records a process start (`fork`: a new incarnation), an exec, or a sighting, from any source.
   *
   * @param observation - What is known about the process.
   * @param origin - `exec`, `fork` or `observed` (default).
   * @returns The process after the update.
   * @example
   * ```ts
   * tree.addProcess({ host: 'web1', pid: 900, ppid: 1, time: 0 }, 'fork');
   * ```
   */
  addProcess(observation: ProcessObservation, origin?: 'exec' | 'fork' | 'observed'): ProcessRecord;
  /**
   * Records that a process ended (Sysmon event 5, osquery `process_events` exit...).
   *
   * @param host - Host name.
   * @param pid - Process id.
   * @param time - When it ended.
   * @returns The ended process, or `undefined` when it was not known.
   * @example
   * ```ts
   * tree.exit('web1', 4301, 1718035900000);
   * ```
   */
  exit(host: string | undefined, pid: number, time: number): ProcessRecord | undefined;
  /**
   * Marks an sshd process (a session's monitor or post-auth child) as the root of an SSH
   * session, so its descendants resolve to it through {@link ProcessTree.sessionOf}.
   *
   * @param observation - The sshd process (`time`: when the session started or authenticated).
   * @param sessionId - The {@link SshSession} id.
   * @returns The anchored process.
   * @example
   * ```ts
   * tree.anchorSession({ host: 'web1', pid: 4250, ppid: 4242, time: t }, 'web1/4242/1718035100000');
   * ```
   */
  anchorSession(observation: ProcessObservation, sessionId: string): ProcessRecord;
  /**
   * The incarnation of `pid` alive at `time` (pid reuse is told apart by time). A process
   * only sighted (start unknown) is assumed alive before its first sighting.
   *
   * @param host - Host name.
   * @param pid - Process id.
   * @param time - Epoch milliseconds.
   * @returns The process, or `undefined` when none is known at that time.
   * @example
   * ```ts
   * tree.processAt('web1', 4301, Date.UTC(2024, 5, 10))?.exe;
   * ```
   */
  processAt(host: string | undefined, pid: number, time: number): ProcessRecord | undefined;
  /**
   * The parent chain of a process, parent first, each parent taken as it was when its child
   * started. The walk stops at an unknown parent, a loop, or `maxDepth`.
   *
   * @param host - Host name.
   * @param pid - Process id.
   * @param time - When to look (default: the latest incarnation).
   * @returns The ancestors, nearest first.
   * @example
   * ```ts
   * tree.ancestors('web1', 5201).map((p) => p.pid);
   * ```
   */
  ancestors(host: string | undefined, pid: number, time?: number): readonly ProcessRecord[];
  /**
   * The SSH session a process belongs to by ancestry: the id anchored on the process itself
   * or on its nearest anchored ancestor.
   *
   * @param host - Host name.
   * @param pid - Process id.
   * @param time - When to look.
   * @returns The session id, or `undefined`.
   * @example
   * ```ts
   * tree.sessionOf('web1', 4301, t); // 'web1/4242/1718035100000'
   * ```
   */
  sessionOf(host: string | undefined, pid: number, time: number): string | undefined;
  /**
   * Process records held right now (all hosts, all incarnations).
   *
   * @returns The count.
   * @example
   * ```ts
   * tree.size() <= 100_000; // true with the default cap
   * ```
   */
  size(): number;
  /**
   * Records dropped so far.
   *
   * @returns The counts.
   * @example
   * ```ts
   * tree.evictions().overflow;
   * ```
   */
  evictions(): ProcessTreeEvictions;
  /**
   * The whole state as plain JSON, detached from the tree.
   *
   * @returns A snapshot for {@link restoreProcessTree}.
   * @example
   * ```ts
   * const saved = JSON.stringify(tree.snapshot());
   * ```
   */
  snapshot(): ProcessTreeSnapshot;
}

type Proc = { -readonly [K in keyof ProcessRecord]: ProcessRecord[K] };

interface HostTree {
  readonly host: string | undefined;
  /** Pid slots in least-recently-seen-first order; each slot sorted by start time. */
  readonly pids: Map<number, Proc[]>;
  latest: number;
  lastSweep: number;
}

interface TreeState {
  readonly hosts: Map<string, HostTree>;
  total: number;
  overflow: number;
  idle: number;
  incarnations: number;
}

interface SerializedHost {
  readonly host: string | undefined;
  readonly latest: number;
  readonly lastSweep: number;
  readonly slots: readonly (readonly [number, readonly ProcessRecord[]])[];
}

interface SerializedTree {
  readonly hosts: readonly SerializedHost[];
  readonly evictions: ProcessTreeEvictions;
}

const ANONYMOUS = '\u0000';

function hostKey(host: string | undefined): string {
  return host === undefined ? ANONYMOUS : host;
}

/**
 * Creates an empty, bounded per-host process tree.
 *
 * @param options - Limits (see {@link ProcessTreeOptions}); bad values throw `RangeError`.
 * @returns The tree.
 * @example
 * ```ts
 * const tree = createProcessTree({ maxProcesses: 10_000 });
 * tree.addEvent(event);
 * ```
 */
export function createProcessTree(options: ProcessTreeOptions = {}): ProcessTree {
  return buildTree(resolveTreeOptions(options), {
    hosts: new Map(),
    total: 0,
    overflow: 0,
    idle: 0,
    incarnations: 0,
  });
}

/**
 * Rebuilds a tree from {@link ProcessTree.snapshot}; continuing from the restored tree gives
 * the same results as never having stopped.
 *
 * @param snapshot - A snapshot (parsed JSON is fine).
 * @param options - Limits for the restored tree.
 * @returns The tree.
 * @example
 * ```ts
 * const tree = restoreProcessTree(JSON.parse(saved));
 * ```
 */
export function restoreProcessTree(
  snapshot: ProcessTreeSnapshot,
  options: ProcessTreeOptions = {},
): ProcessTree {
  if (snapshot?.format !== 'sshtrail.process-tree' || snapshot.version !== 1) {
    throw new TypeError('not a sshtrail.process-tree snapshot (version 1)');
  }
  const data = snapshot.state as SerializedTree;
  const state: TreeState = {
    hosts: new Map(),
    total: 0,
    overflow: data.evictions.overflow,
    idle: data.evictions.idle,
    incarnations: data.evictions.incarnations,
  };
  for (const h of data.hosts) {
    const pids = new Map<number, Proc[]>();
    for (const [pid, list] of h.slots) {
      pids.set(
        pid,
        list.map((p) => ({ ...blank(h.host, pid, p.startTime), ...p, host: h.host })),
      );
      state.total += list.length;
    }
    state.hosts.set(hostKey(h.host), {
      host: h.host,
      pids,
      latest: h.latest,
      lastSweep: h.lastSweep,
    });
  }
  return buildTree(resolveTreeOptions(options), state);
}

function blank(host: string | undefined, pid: number, time: number): Proc {
  return {
    host,
    pid,
    ppid: undefined,
    startTime: time,
    startKnown: false,
    endTime: undefined,
    lastSeenTime: time,
    uid: undefined,
    euid: undefined,
    auid: undefined,
    ses: undefined,
    exe: undefined,
    comm: undefined,
    argv: undefined,
    tty: undefined,
    origin: 'observed',
    execCount: 0,
    sessionId: undefined,
    evidence: undefined,
  };
}

function copy(p: Proc): ProcessRecord {
  return { ...p };
}

/** The incarnation alive at `time` in a start-sorted list. */
function incarnationAt(list: readonly Proc[], time: number): Proc | undefined {
  for (let i = list.length - 1; i >= 0; i -= 1) {
    const p = list[i];
    if (p === undefined) continue;
    if (p.startTime <= time) return p.endTime !== undefined && time > p.endTime ? undefined : p;
  }
  const first = list[0];
  if (first === undefined || first.startKnown) return undefined;
  return first.endTime === undefined || time <= first.endTime ? first : undefined;
}

/** A different, non-init parent means the pid now names another process. */
function parentConflict(known: number | undefined, seen: number | undefined): boolean {
  return known !== undefined && seen !== undefined && known !== seen && seen !== 1;
}

function buildTree(o: ResolvedTreeOptions, s: TreeState): ProcessTree {
  const sweepEvery = Math.max(1000, Math.floor(o.idleTimeoutMs / 8));

  const hostTree = (host: string | undefined, time: number): HostTree => {
    const key = hostKey(host);
    let tree = s.hosts.get(key);
    if (tree === undefined) {
      tree = { host, pids: new Map(), latest: time, lastSweep: time };
    } else {
      s.hosts.delete(key);
    }
    s.hosts.set(key, tree);
    if (time > tree.latest) tree.latest = time;
    return tree;
  };

  const sweep = (tree: HostTree): void => {
    if (tree.latest - tree.lastSweep < sweepEvery) return;
    tree.lastSweep = tree.latest;
    const horizon = tree.latest - o.idleTimeoutMs;
    for (const [pid, list] of tree.pids) {
      let last = Number.NEGATIVE_INFINITY;
      for (const p of list) if (p.lastSeenTime > last) last = p.lastSeenTime;
      if (last >= horizon) break;
      tree.pids.delete(pid);
      s.total -= list.length;
      s.idle += list.length;
    }
  };

  const enforceCap = (): void => {
    while (s.total > o.maxProcesses) {
      const first = s.hosts.entries().next();
      if (first.done === true) return;
      const [key, tree] = first.value;
      const slot = tree.pids.entries().next();
      if (slot.done === true) {
        s.hosts.delete(key);
        continue;
      }
      const [pid, list] = slot.value;
      tree.pids.delete(pid);
      s.total -= list.length;
      s.overflow += list.length;
      if (tree.pids.size === 0) s.hosts.delete(key);
    }
  };

  const insert = (tree: HostTree, list: Proc[], p: Proc): void => {
    let i = list.length;
    while (i > 0 && (list[i - 1]?.startTime ?? 0) > p.startTime) i -= 1;
    list.splice(i, 0, p);
    s.total += 1;
    while (list.length > o.maxIncarnationsPerPid) {
      list.shift();
      s.total -= 1;
      s.incarnations += 1;
    }
    tree.pids.set(p.pid, list);
  };

  const apply = (p: Proc, ob: ProcessObservation, exec: boolean): void => {
    if (ob.ppid !== undefined) p.ppid = ob.ppid;
    if (ob.uid !== undefined) p.uid = ob.uid;
    if (ob.euid !== undefined) p.euid = ob.euid;
    if (ob.auid !== undefined) p.auid = ob.auid;
    if (ob.ses !== undefined) p.ses = ob.ses;
    if (ob.exe !== undefined) p.exe = ob.exe;
    if (ob.comm !== undefined) p.comm = ob.comm;
    const tty = normalizeTty(ob.tty);
    if (tty !== undefined) p.tty = tty;
    if (exec) {
      p.execCount += 1;
      if (ob.argv !== undefined) p.argv = ob.argv;
      if (ob.evidence !== undefined) p.evidence = ob.evidence;
    }
    if (ob.time > p.lastSeenTime) p.lastSeenTime = ob.time;
  };

  const upsert = (ob: ProcessObservation, mode: ProcessOrigin, sessionId?: string): Proc => {
    const tree = hostTree(ob.host, ob.time);
    let list = tree.pids.get(ob.pid);
    if (list === undefined) list = [];
    else tree.pids.delete(ob.pid);
    let cur = incarnationAt(list, ob.time);
    if (cur !== undefined) {
      const fresh =
        mode === 'fork' && !(cur.startKnown && cur.startTime === ob.time && cur.ppid === ob.ppid);
      if (fresh || parentConflict(cur.ppid, ob.ppid)) {
        if (cur.endTime === undefined) cur.endTime = ob.time;
        cur = undefined;
      }
    }
    if (cur === undefined) {
      cur = blank(ob.host, ob.pid, ob.time);
      cur.origin = mode;
      cur.startKnown = mode !== 'observed';
      insert(tree, list, cur);
    } else {
      tree.pids.set(ob.pid, list);
      if (mode === 'exec' && cur.origin !== 'session') cur.origin = 'exec';
    }
    apply(cur, ob, mode === 'exec');
    if (sessionId !== undefined) cur.sessionId = sessionId;
    sweep(tree);
    enforceCap();
    return cur;
  };

  const find = (host: string | undefined, pid: number, time: number): Proc | undefined => {
    const list = s.hosts.get(hostKey(host))?.pids.get(pid);
    return list === undefined ? undefined : incarnationAt(list, time);
  };

  const chain = (host: string | undefined, start: Proc): Proc[] => {
    const out: Proc[] = [];
    const seen = new Set<number>([start.pid]);
    let p: Proc | undefined = start;
    while (p !== undefined && out.length < o.maxDepth) {
      const ppid: number | undefined = p.ppid;
      if (ppid === undefined || ppid === 0 || seen.has(ppid)) break;
      seen.add(ppid);
      p = find(host, ppid, p.startKnown ? p.startTime : p.lastSeenTime);
      if (p !== undefined) out.push(p);
    }
    return out;
  };

  return {
    addEvent(event) {
      switch (event.kind) {
        case 'process.exec':
        case 'socket.connect':
        case 'file.access':
        case 'process.ptrace': {
          if (event.pid === undefined) return undefined;
          return copy(
            upsert(
              {
                host: event.host,
                pid: event.pid,
                time: event.time,
                ppid: event.ppid,
                uid: event.uid,
                euid: event.euid,
                auid: event.auid,
                ses: event.ses,
                exe: event.exe,
                comm: event.comm,
                argv: event.kind === 'process.exec' ? event.argv : undefined,
                tty: event.tty,
                evidence: event.source,
              },
              event.kind === 'process.exec' ? 'exec' : 'observed',
            ),
          );
        }
        case 'audit.login':
          if (event.pid === undefined) return undefined;
          return copy(
            upsert(
              { host: event.host, pid: event.pid, time: event.time, exe: event.exe },
              'observed',
            ),
          );
        case 'env.snapshot': {
          const env: EnvSnapshotLike = event;
          if (env.pid === undefined) return undefined;
          return copy(
            upsert(
              {
                host: env.host,
                pid: env.pid,
                time: env.time,
                ppid: env.ppid,
                uid: env.uid,
                euid: env.euid,
                auid: env.auid,
                ses: env.ses,
              },
              'observed',
            ),
          );
        }
        default: {
          // Sysmon event 5 (`process.exit`), read structurally so the union may grow.
          const kind: string = event.kind;
          if (kind !== 'process.exit' || event.pid === undefined) return undefined;
          const p = find(event.host, event.pid, event.time);
          if (p === undefined) return undefined;
          if (p.endTime === undefined || p.endTime > event.time) p.endTime = event.time;
          return copy(p);
        }
      }
    },
    addProcess(observation, origin = 'observed') {
      return copy(upsert(observation, origin));
    },
    exit(host, pid, time) {
      const p = find(host, pid, time);
      if (p === undefined) return undefined;
      if (p.endTime === undefined || p.endTime > time) p.endTime = time;
      if (time > p.lastSeenTime) p.lastSeenTime = time;
      return copy(p);
    },
    anchorSession(observation, sessionId) {
      return copy(upsert(observation, 'session', sessionId));
    },
    processAt(host, pid, time) {
      const p = find(host, pid, time);
      return p === undefined ? undefined : copy(p);
    },
    ancestors(host, pid, time) {
      const list = s.hosts.get(hostKey(host))?.pids.get(pid);
      if (list === undefined) return [];
      const p = time === undefined ? list[list.length - 1] : incarnationAt(list, time);
      return p === undefined ? [] : chain(host, p).map(copy);
    },
    sessionOf(host, pid, time) {
      const p = find(host, pid, time);
      if (p === undefined) return undefined;
      if (p.sessionId !== undefined) return p.sessionId;
      for (const a of chain(host, p)) if (a.sessionId !== undefined) return a.sessionId;
      return undefined;
    },
    size() {
      return s.total;
    },
    evictions() {
      return { overflow: s.overflow, idle: s.idle, incarnations: s.incarnations };
    },
    snapshot() {
      const hosts: SerializedHost[] = [];
      for (const tree of s.hosts.values()) {
        const slots: [number, ProcessRecord[]][] = [];
        for (const [pid, list] of tree.pids) slots.push([pid, list.map(copy)]);
        hosts.push({ host: tree.host, latest: tree.latest, lastSweep: tree.lastSweep, slots });
      }
      const state: SerializedTree = {
        hosts,
        evictions: { overflow: s.overflow, idle: s.idle, incarnations: s.incarnations },
      };
      return {
        format: 'sshtrail.process-tree',
        version: 1,
        state: JSON.parse(JSON.stringify(state)),
      };
    },
  };
}
