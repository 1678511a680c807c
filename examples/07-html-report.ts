// Rebuild sessions from an auth.log, triage findings and write a self-contained HTML report.
// Run: npx tsx examples/07-html-report.ts [auth.log] [report.html]; open the file in a browser.
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createAnalyzer,
  createTriage,
  type Finding,
  renderHtmlReport,
  type SshSession,
} from 'sshtrail';

const input = process.argv[2] ?? new URL('./data/auth.log', import.meta.url).pathname;
const output = process.argv[3] ?? join(tmpdir(), 'sshtrail-report.html');

const analyzer = createAnalyzer({ year: 2024, timezone: 'UTC' });
const sessions = new Map<string, SshSession>();
const findings: Finding[] = [];
const keep = (s: SshSession) => sessions.set(s.id, s);
analyzer.on('session:open', keep);
analyzer.on('session:update', keep);
analyzer.on('session:close', keep);
analyzer.on('finding', (f) => findings.push(f));

const lines = readFileSync(input, 'utf8').split('\n');
await analyzer.consume(lines, { source: input, host: 'bastion' });
analyzer.flush();

// Your own findings join the detectors' ones: here, failed root passwords from one address.
const failed = lines
  .map((text, i) => ({ source: input, line: i + 1, text }))
  .filter((e) => e.text.includes('Failed password for root from 203.0.113.77'));
if (failed.length > 0) {
  findings.push({
    type: 'finding',
    id: 'custom.root_guessing-1',
    detector: 'custom.root_guessing',
    title: 'Root password guessing',
    severity: 'medium',
    confidence: 0.7,
    techniques: ['T1110.001'],
    time: new Date(Date.parse(failed[0]?.text.slice(0, 32) ?? '')).toISOString(),
    host: 'bastion',
    user: 'root',
    sourceIp: '203.0.113.77',
    sessionIds: [],
    evidence: failed,
    explanation: `${failed.length} failed root password line(s) from 203.0.113.77 on bastion.`,
  });
}

const triage = createTriage({ dataSources: { sshdDebug: false } });
for (const s of sessions.values()) triage.addSession(s);
for (const f of findings) triage.addFinding(f);
const cases = triage.flush();
writeFileSync(output, renderHtmlReport({ findings, cases, sessions: [...sessions.values()] }));
console.log(
  `${output}: ${sessions.size} sessions, ${findings.length} findings, ${cases.length} cases`,
);
