// Scan a directory of logs (rotated, gzipped, any supported format) and print findings and cases.
// Run: npx tsx examples/02-scan-files.ts [dir-or-files...]   (default: examples/data)
import {
  createAnalyzer,
  createDetectors,
  createHijackDetectors,
  type SshtrailEvent,
} from 'sshtrail';
import { mergeByTime, planInputs, readPlan } from 'sshtrail/node';

const paths = process.argv.slice(2);
const given = paths.length > 0 ? paths : [new URL('./data/', import.meta.url).pathname];

// Walk directories, group rotated sets oldest first, sniff each set's format.
const { plans, skipped } = await planInputs(given);
for (const s of skipped) console.log(`skipped ${s.path}: ${s.reason}`);

// The auth-log detectors plus the host-telemetry ones (they stay quiet without auditd data).
const analyzer = createAnalyzer({
  year: 2024,
  timezone: 'UTC',
  detectors: [...createDetectors(), ...createHijackDetectors()],
});
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
  return readPlan(plan, { year: 2024, timezone: 'UTC' });
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
