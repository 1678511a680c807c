/**
 * `node --expose-gc --import tsx bench/probe-state.ts <file> [--no-detect] [--every N]
 * [--detectors id,id] [--max-findings-per-case N] [--snapshot]`: runs the
 * analyzer's parts over a generated auth.log and prints, every N lines and at the end, the state
 * each part holds (entries) and the heap after a full GC, so a part whose state grows with the
 * input shows up. Diagnostic only (not part of `npm run bench`).
 */

import { createPipeline } from '../src/analyzer/pipeline.js';
import { createReorderBuffer } from '../src/analyzer/reorder-buffer.js';
import { emptyConfig } from '../src/config/config.js';
import { createDetectors } from '../src/detectors/catalog.js';
import type { SshtrailEvent } from '../src/events/index.js';
import { createSessionTracker } from '../src/model/index.js';
import { readLineBatches } from '../src/node/index.js';
import { createSourceParser } from '../src/parsers/create-source-parser.js';
import { heapAfterGc } from './measure/heap.js';

const file = process.argv[2] ?? 'bench/.data/auth-s1-n1000000-g1.log';
const detect = !process.argv.includes('--no-detect');
const everyAt = process.argv.indexOf('--every');
const every = everyAt > 0 ? Number(process.argv[everyAt + 1]) : 250_000;

const parser = createSourceParser({ source: file, year: 2024, timezone: 'UTC' });
const tracker = createSessionTracker();
const buffer = createReorderBuffer(2000, 100_000);
let findings = 0;
let cases = 0;
const maxAt = process.argv.indexOf('--max-findings-per-case');
const maxFindings = maxAt > 0 ? Number(process.argv[maxAt + 1]) : undefined;
const onlyAt = process.argv.indexOf('--detectors');
const only = onlyAt > 0 ? (process.argv[onlyAt + 1] ?? '').split(',') : undefined;
const detectors =
  only === undefined
    ? undefined
    : createDetectors(emptyConfig()).filter((d) => only.includes(d.id));
const pipeline = detect
  ? createPipeline(
      tracker,
      {
        ...(detectors === undefined ? {} : { detectors }),
        ...(maxFindings === undefined ? {} : { triage: { maxFindingsPerCase: maxFindings } }),
      },
      {
        finding: () => findings++,
        incident: () => cases++,
        link: () => undefined,
      },
    )
  : undefined;
const processOne = (event: SshtrailEvent): void => {
  const changes = tracker.push(event);
  pipeline?.event(event, changes);
};
const mib = (n: number): string => `${(n / 2 ** 20).toFixed(1)} MiB`;
const report = (lines: number): void => {
  const heap = heapAfterGc();
  console.log(
    JSON.stringify({
      lines,
      heap: mib(heap),
      tracker: tracker.size(),
      findings,
      cases,
      ...(pipeline ? pipeline.sizes() : {}),
    }),
  );
};
let lines = 0;
const cpu = process.cpuUsage();
const t0 = performance.now();
for await (const batch of readLineBatches(file)) {
  for (const line of batch) {
    for (const outcome of parser.push(line)) {
      if (outcome.kind === 'event') buffer.push(outcome.event, processOne);
    }
    lines += 1;
    if (lines % every === 0) report(lines);
  }
}
const used = process.cpuUsage(cpu);
console.log(
  `cpu ${((used.user + used.system) / 1e6).toFixed(2)} s, wall ${((performance.now() - t0) / 1000).toFixed(2)} s (including probes)`,
);
report(lines);
if (process.argv.includes('--snapshot')) {
  const { writeHeapSnapshot } = await import('node:v8');
  console.log(writeHeapSnapshot('/tmp/probe/end.heapsnapshot'));
}
