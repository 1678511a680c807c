import { type ChildProcess, spawn } from 'node:child_process';

/** The result of a finished command. */
export interface RunResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Options of {@link run}. */
export interface RunOptions {
  /** Text written to stdin (then closed). */
  readonly input?: string;
  /** Kill the command after this many ms (default 30 s). */
  readonly timeoutMs?: number;
  /** Resolve instead of rejecting on a non-zero exit. */
  readonly allowFailure?: boolean;
  /** Extra environment. */
  readonly env?: Readonly<Record<string, string>>;
}

/** Runs a command to completion (never through a shell), with a timeout. */
export function run(
  cmd: string,
  args: readonly string[],
  options: RunOptions = {},
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, ...options.env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString('utf8');
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString('utf8');
    });
    const timer = setTimeout(() => {
      if (child.pid !== undefined) killQuietly(child.pid, 'SIGKILL');
    }, options.timeoutMs ?? 30_000);
    child.on('error', (err) => {
      clearTimeout(timer);
      if (options.allowFailure) resolve({ code: -1, stdout, stderr: `${stderr}${err.message}` });
      else reject(err);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0 || options.allowFailure) resolve({ code, stdout, stderr });
      else
        reject(
          new Error(
            `${cmd} ${args.join(' ')} exited with ${code}: ${stderr.trim() || stdout.trim()}`,
          ),
        );
    });
    child.stdin.on('error', () => {
      // the command may exit before reading its input
    });
    child.stdin.end(options.input ?? '');
  });
}

/** Starts a long-running command; its output is kept for diagnostics. */
export interface Daemon {
  readonly pid: number;
  readonly child: ChildProcess;
  /** Everything it printed so far. */
  output(): string;
  /** Resolves when it exits. */
  readonly exited: Promise<number | null>;
}

/** Spawns a long-running command (never through a shell). */
export function start(cmd: string, args: readonly string[]): Daemon {
  const child = spawn(cmd, args, { stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  child.stdin?.on('error', () => {
    // ignore writes after the command ended
  });
  child.stdout?.on('data', (d: Buffer) => {
    out += d.toString('utf8');
  });
  child.stderr?.on('data', (d: Buffer) => {
    out += d.toString('utf8');
  });
  const exited = new Promise<number | null>((resolve) => {
    child.on('close', (code) => resolve(code));
    child.on('error', () => resolve(-1));
  });
  if (child.pid === undefined) throw new Error(`could not start ${cmd}`);
  return { pid: child.pid, child, output: () => out, exited };
}

/** Sends a signal to one process id, ignoring "no such process". */
export function killQuietly(pid: number, signal: NodeJS.Signals = 'SIGTERM'): void {
  try {
    process.kill(pid, signal);
  } catch {
    // already gone
  }
}

/** Whether a process id is alive. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Waits a number of milliseconds. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls a condition until it holds or the time runs out. */
export async function waitFor(
  what: string,
  condition: () => boolean | Promise<boolean>,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await condition()) return;
    await sleep(100);
  }
  throw new Error(`timed out waiting for ${what}`);
}
