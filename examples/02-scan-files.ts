// Scan a directory of logs (rotated, gzipped, any supported format) and print findings and cases.
// Run: npx tsx examples/02-scan-files.ts [dir-or-files...]
// Default: examples/data/hijack, two hosts' logs with an agent hijack (see examples/data/hijack.md).
import { createAnalyzer, type SshtrailEvent } from 'sshtrail';
import { mergeByTime, planInputs, readPlan } from 'sshtrail/node';

const given = process.argv.slice(2);
const sample = given.length === 0;
const paths = sample ? [new URL('./data/hijack/', import.meta.url).pathname] : given;
// RFC3164 lines carry no year: the sample is from 2026; elsewhere it is inferred.
const time = sample ? { year: 2026 } : {};

// Walk directories (<dir>/<host>/... names the host of lines without one), group rotated
// sets oldest first, sniff each set's format.
const { plans, skipped } = await planInputs(paths, { hostFromDir: true });
for (const s of skipped) console.log(`skipped ${s.path}: ${s.reason}`);

// The whole detector catalog runs by default; the host-telemetry ones need audit.log and co.
const analyzer = createAnalyzer(time);
let sessions = 0;
analyzer.on('session:open', () => sessions++);
analyzer.on('finding', (f) => {
  console.log(`[${f.severity}] ${f.detector} ${f.host ?? '-'} ${f.user ?? '-'}: ${f.explanation}`);
  for (const e of f.evidence.slice(0, 3)) console.log(`    ${e.source}:${e.line}  ${e.text}`);
});
analyzer.on('case', (c) => {
  const why = c.reasons[0] ?? '';
  console.log(`case ${c.id}: ${c.findings.length} finding(s), escalate=${c.escalate} ${why}`);
});

// Every source read in file order, all of them merged in time order into one analyzer.
const readers = plans.map((plan) => {
  console.log(`reading ${plan.files.join(', ')} as ${plan.format ?? '?'} (${plan.reason})`);
  return readPlan(plan, time);
});
for await (const event of mergeByTime(
  readers.map((r) => r.batches),
  (e: SshtrailEvent) => e.time,
)) {
  analyzer.pushEvent(event);
}
analyzer.flush();

for (const stats of readers.flatMap((r) => r.stats)) {
  console.log(`${stats.source}: ${stats.lines} lines, ${stats.events} events`);
}
console.log(`${sessions} session(s) rebuilt`);
