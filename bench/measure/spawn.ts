/**
 * Runs one measurement in a fresh Node process (tsx's loader), so each measurement's peak
 * RSS and JIT state are its own, and collects its result line.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { type ChildRequest, type ChildResult, RESULT_MARKER } from './protocol.js';

const CHILD = fileURLToPath(new URL('./child.ts', import.meta.url));
const REPO = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Spawns `node --expose-gc --import tsx bench/measure/child.ts <request>` and waits for its
 * result (`--expose-gc` lets a pass measure the heap its retained state holds).
 *
 * @param request - what to measure
 * @returns the child's result (a failure result if it crashed or printed none)
 * @example
 * ```ts
 * const r = await runInChild({ id: 'floor-raw', options, warmup: 1, runs: 3, sampleMs: 10 });
 * ```
 */
export function runInChild(request: ChildRequest): Promise<ChildResult> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ['--expose-gc', '--import', 'tsx', CHILD, JSON.stringify(request)],
      {
        cwd: REPO,
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let stdout = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      stdout += chunk;
    });
    const fail = (reason: string): void => resolve({ ok: false, id: request.id, reason });
    child.on('error', (error) => fail(`spawn failed: ${error.message}`));
    child.on('close', (code, signal) => {
      const line = stdout.split('\n').find((l) => l.startsWith(RESULT_MARKER));
      if (line === undefined) {
        fail(`child exited (code ${code ?? 'none'}, signal ${signal ?? 'none'}) without a result`);
        return;
      }
      resolve(JSON.parse(line.slice(RESULT_MARKER.length)) as ChildResult);
    });
  });
}
