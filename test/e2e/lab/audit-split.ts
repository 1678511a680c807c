/**
 * One kernel audits every lab host, so the machine-wide audit.log mixes them. This splits it the
 * way a central collector with per-host `node=` names would see it: each event is assigned to the
 * lab host its process belongs to, and its records are prefixed `node=<host> `.
 *
 * An event belongs to a host when it runs in a login session (`ses=`) that a LOGIN record of that
 * host's sshd opened (the LOGIN record's pid is one the host's auth log names: `sshd[PID]`, `User
 * child is on pid N`), or, outside any login session, when it is sshd itself (`exe=/usr/sbin/sshd`)
 * with a pid or parent pid of that host (the listener and its pre-auth processes). Events of the
 * client machines, of the lab's own tooling and of anything else on the machine are dropped.
 */

/** Counts of a split. */
export interface SplitStats {
  readonly events: number;
  readonly kept: number;
  readonly perHost: Readonly<Record<string, number>>;
}

const SERIAL = /^type=[A-Z_0-9]+ msg=audit\(\d+\.\d+:(\d+)\):/;
const PID = / pid=(\d+)/;
const PPID = / ppid=(\d+)/;
const SES = / ses=(\d+)/;
const UNSET = '4294967295';
const SSHD_EXE = /exe="\/usr\/sbin\/sshd"/;

/** Collects the pids a host's syslog names: `sshd[PID]` and `User child is on pid N`. */
export function pidsInAuthLog(text: string): number[] {
  const pids: number[] = [];
  for (const m of text.matchAll(/sshd\[(\d+)\]/g)) pids.push(Number(m[1]));
  for (const m of text.matchAll(/User child is on pid (\d+)/g)) pids.push(Number(m[1]));
  return pids;
}

/**
 * Splits raw audit text into node-tagged text for the lab hosts.
 *
 * @param raw - The machine-wide audit.log.
 * @param seeds - Known pids per host.
 * @returns The node-tagged lines of the hosts' events, in the original order, and counts.
 */
export function splitAudit(
  raw: string,
  seeds: ReadonlyMap<string, readonly number[]>,
): { readonly text: string; readonly stats: SplitStats } {
  const pidHost = new Map<string, string>();
  for (const [host, pids] of seeds) for (const pid of pids) pidHost.set(String(pid), host);
  const sesHost = new Map<string, string>();
  const groups = new Map<string, string[]>();
  for (const line of raw.split('\n')) {
    const serial = SERIAL.exec(line)?.[1];
    if (serial === undefined) continue;
    const group = groups.get(serial);
    if (group === undefined) groups.set(serial, [line]);
    else group.push(line);
  }
  const out: string[] = [];
  const perHost: Record<string, number> = {};
  let kept = 0;
  for (const lines of groups.values()) {
    // A LOGIN record comes with the SYSCALL of the write to /proc/self/loginuid: read it first.
    const login = lines.find((l) => l.startsWith('type=LOGIN '));
    const main =
      login ?? lines.find((l) => l.startsWith('type=SYSCALL ')) ?? lines.find((l) => PID.test(l));
    if (main === undefined) continue;
    const head = main.split('\x1d')[0] ?? main;
    const pid = PID.exec(head)?.[1];
    const ppid = PPID.exec(head)?.[1];
    const ses = SES.exec(head)?.[1];
    // Login sessions are the reliable key: pids wrap quickly on a busy machine (pid_max may be
    // 32768), so a bare pid only counts for sshd itself (listener and pre-auth processes).
    let host: string | undefined;
    if (ses !== undefined && ses !== UNSET) {
      host = sesHost.get(ses);
      if (host === undefined && login !== undefined && pid !== undefined) {
        host = pidHost.get(pid);
        if (host !== undefined) sesHost.set(ses, host);
      }
    } else if (SSHD_EXE.test(head)) {
      host =
        (pid === undefined ? undefined : pidHost.get(pid)) ??
        (ppid === undefined ? undefined : pidHost.get(ppid));
      if (host !== undefined && pid !== undefined) pidHost.set(pid, host);
    }
    if (host === undefined) continue;
    kept += 1;
    perHost[host] = (perHost[host] ?? 0) + 1;
    for (const l of lines) out.push(`node=${host} ${l}`);
  }
  return {
    text: out.length === 0 ? '' : `${out.join('\n')}\n`,
    stats: { events: groups.size, kept, perHost },
  };
}
