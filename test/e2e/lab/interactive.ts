import { type Daemon, sleep, start } from './exec.js';
import { asUser, type LabHost } from './hosts.js';
import { type LabState, saveState } from './state.js';

/** An interactive `ssh -tt` session driven through its stdin, as a person would type. */
export interface Interactive {
  readonly daemon: Daemon;
  /** Types a command line and waits until it has finished (its marker appears). */
  type(line: string, timeoutMs?: number): Promise<string>;
  /** Types `exit` and waits for ssh to end. */
  close(): Promise<void>;
}

let markers = 0;

/**
 * Opens an interactive ssh session from `host` as `user` (`ssh -tt <args>`). Each typed line is
 * followed by `echo @@<n+0>` so that completion shows as `@@<n>` in the output, which the echo
 * of the typed line itself never contains.
 */
export async function openInteractive(
  state: LabState,
  host: LabHost,
  user: string,
  sshArgs: readonly string[],
  env: Readonly<Record<string, string>> = {},
): Promise<Interactive> {
  const argv = [...asUser(host, user, env), 'ssh', '-tt', ...sshArgs];
  const daemon = start(argv[0] ?? 'nsenter', argv.slice(1));
  state.processes.push({
    pid: daemon.pid,
    marker: 'ssh',
    what: `${user}@${host.spec.name} ssh -tt`,
  });
  saveState(state);
  const session: Interactive = {
    daemon,
    async type(line: string, timeoutMs = 20_000) {
      markers += 1;
      const n = markers;
      const before = daemon.output().length;
      daemon.child.stdin?.write(`${line}; echo @@$((${n}+0))\n`);
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        const out = daemon.output().slice(before);
        if (out.includes(`@@${n}\r`) || out.includes(`@@${n}\n`)) return out;
        if (daemon.child.exitCode !== null) throw new Error(`ssh ended early: ${daemon.output()}`);
        await sleep(50);
      }
      throw new Error(`timed out typing "${line}": ${daemon.output()}`);
    },
    async close() {
      daemon.child.stdin?.write('exit\n');
      const code = await Promise.race([
        daemon.exited,
        sleep(10_000).then(() => 'timeout' as const),
      ]);
      if (code === 'timeout') throw new Error(`ssh did not end: ${daemon.output()}`);
    },
  };
  await session.type('true', 20_000);
  return session;
}
