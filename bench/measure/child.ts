/**
 * Entry point of a measurement child process: runs one measurement (warm-up, then timed
 * passes) while sampling RSS, then prints one result line. Each pass is timed twice: wall
 * clock, and the CPU time of this process (`process.cpuUsage`, user + system, all threads),
 * which other jobs on a shared machine disturb far less. Started by spawn.ts with
 * `node --import tsx bench/measure/child.ts '<json request>'`.
 */
import { resolveProjectApi } from './api.js';
import type { PassOutput } from './floors.js';
import { findMeasurement } from './measurements.js';
import { type ChildRequest, type ChildResult, RESULT_MARKER } from './protocol.js';
import { startRssSampler } from './rss.js';

function reply(result: ChildResult): void {
  process.stdout.write(`${RESULT_MARKER}${JSON.stringify(result)}\n`);
}

async function main(): Promise<void> {
  const request = JSON.parse(process.argv[2] ?? '{}') as ChildRequest;
  const rss = startRssSampler(request.sampleMs);
  const measurement = findMeasurement(request.id);
  if (!measurement) {
    reply({ ok: false, id: request.id, reason: `unknown measurement ${request.id}` });
    return;
  }
  const prepared = measurement.prepare(await resolveProjectApi(request.modules), request.options);
  if (!prepared.ok) {
    reply({ ok: false, id: request.id, reason: prepared.reason });
    return;
  }
  for (let i = 0; i < request.warmup; i++) await prepared.pass();
  rss.sample();
  const runsMs: number[] = [];
  const cpuMs: number[] = [];
  let last: PassOutput = { lines: 0, checksum: 0 };
  for (let i = 0; i < request.runs; i++) {
    rss.sample();
    const cpu = process.cpuUsage();
    const t = performance.now();
    last = await prepared.pass();
    runsMs.push(performance.now() - t);
    const used = process.cpuUsage(cpu);
    cpuMs.push((used.user + used.system) / 1000);
  }
  const peaks = rss.stop();
  reply({
    ok: true,
    id: request.id,
    runsMs,
    cpuMs,
    lines: last.lines,
    checksum: last.checksum,
    peakRssBytes: peaks.peakBytes,
    sampledRssBytes: peaks.sampledBytes,
    maxRssBytes: peaks.maxRssBytes,
    heapUsedBytes: process.memoryUsage().heapUsed,
    detail: last.detail,
  });
}

main().catch((error: unknown) => {
  const id = (JSON.parse(process.argv[2] ?? '{}') as Partial<ChildRequest>).id ?? 'idle';
  reply({
    ok: false,
    id,
    reason: error instanceof Error ? (error.stack ?? error.message) : String(error),
  });
  process.exitCode = 1;
});
