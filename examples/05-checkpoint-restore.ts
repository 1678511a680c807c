// Checkpoint an analyzer mid-stream to JSON, restore it (say, after a restart) and continue:
// the sessions come out the same as in one uninterrupted run.
// Run: npx tsx examples/05-checkpoint-restore.ts
import { readFileSync } from 'node:fs';
import {
  type Analyzer,
  type AnalyzerOptions,
  type AnalyzerSnapshot,
  createAnalyzer,
  restoreAnalyzer,
} from 'sshtrail';

const lines = readFileSync(new URL('./data/auth.log', import.meta.url), 'utf8').split('\n');
const input = { source: 'examples/data/auth.log', host: 'bastion' };
const options: AnalyzerOptions = { timezone: 'UTC' };

// Records every closed session as JSON, to compare the two runs.
const record = (analyzer: Analyzer, into: string[]) =>
  analyzer.on('session:close', (s) => into.push(JSON.stringify(s)));

// 1. One uninterrupted run.
const whole: string[] = [];
const reference = createAnalyzer(options);
record(reference, whole);
for (const line of lines) reference.pushLine(line, input);
reference.flush();

// 2. Stop in the middle of alice's session and save the analyzer's state as JSON text.
const cut = 15;
const first = createAnalyzer(options);
const resumed: string[] = [];
record(first, resumed);
for (const line of lines.slice(0, cut)) first.pushLine(line, input);
const saved = JSON.stringify(first.snapshot());
console.log(`after line ${cut}: ${first.sessions.openSessions().length} open session(s)`);
console.log(`checkpoint: ${saved.length} bytes of JSON`);

// 3. A new process would read the text back; the same options must be passed again.
const snapshot = JSON.parse(saved) as AnalyzerSnapshot;
const second = restoreAnalyzer(snapshot, options);
record(second, resumed);
for (const line of lines.slice(cut)) second.pushLine(line, input);
second.flush();

const same = JSON.stringify(resumed) === JSON.stringify(whole);
console.log(`${whole.length} session(s) closed in one run, ${resumed.length} across the restore`);
console.log(same ? 'same sessions, field for field' : 'the sessions DIFFER');
process.exitCode = same ? 0 : 1;
