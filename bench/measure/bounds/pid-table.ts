/**
 * The least a sessionizer keeps: per host, a record per sshd pid (numeric keys, no strings
 * built), oldest evicted past a cap. Real linking also matches addresses, users, channels and
 * evidence; this only counts lines per pid.
 */

interface PidRecord {
  lines: number;
  readonly firstLine: number;
}

const CAP = 4096;

/** Per-host pid records. */
export interface PidTable {
  /**
   * Counts a line for `host`'s `pid`.
   *
   * @returns the pid's line count so far
   */
  touch(host: string, pid: number, line: number): number;
}

interface HostPids {
  readonly records: Map<number, PidRecord>;
  readonly order: Float64Array;
  next: number;
}

/**
 * A fresh table.
 *
 * @returns an empty table
 * @example
 * ```ts
 * createPidTable().touch('web-01', 1234, 1);
 * ```
 */
export function createPidTable(): PidTable {
  const hosts = new Map<string, HostPids>();
  return {
    touch(host, pid, line) {
      let pids = hosts.get(host);
      if (pids === undefined) {
        pids = { records: new Map(), order: new Float64Array(CAP), next: 0 };
        hosts.set(host, pids);
      }
      let record = pids.records.get(pid);
      if (record === undefined) {
        record = { lines: 0, firstLine: line };
        const slot = pids.next++ % CAP;
        if (pids.next > CAP) pids.records.delete(pids.order[slot] ?? -1);
        pids.order[slot] = pid;
        pids.records.set(pid, record);
      }
      return ++record.lines;
    },
  };
}
