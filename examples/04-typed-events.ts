// The analyzer's typed events: sessions as they open and close, findings, cases, diagnostics.
// Run: npx tsx examples/04-typed-events.ts
import { readFileSync } from 'node:fs';
import { createAnalyzer, type Diagnostic, type SshSession } from 'sshtrail';

const text = readFileSync(new URL('./data/auth.log', import.meta.url), 'utf8');

// Every handler is typed from the event map: `session` is an SshSession, `f` a Finding, ...
const analyzer = createAnalyzer({ timezone: 'UTC', skewMs: 2000 });
const who = (s: SshSession) => `${s.user ?? '?'}@${s.host ?? '?'} from ${s.sourceIp ?? '?'}`;

analyzer.on('session:open', (session) => {
  console.log(`open   ${session.id}  ${who(session)} by ${session.authMethod ?? '?'}`);
});
analyzer.on('session:close', (session) => {
  const seconds = Math.round(session.durationMs / 1000);
  const how = session.state === 'open' ? 'evicted while open' : (session.endReason ?? 'ended');
  console.log(`close  ${session.id}  ${who(session)} after ${seconds}s (${how})`);
  for (const change of session.privilegeChanges) {
    console.log(`       ${change.kind} to ${change.target ?? '?'}: ${change.command ?? ''}`);
  }
});
analyzer.on('finding', (f) =>
  console.log(`finding [${f.severity}] ${f.detector}: ${f.explanation}`),
);
analyzer.on('case', (c) => console.log(`case ${c.id} escalate=${c.escalate}`));
analyzer.on('diagnostic', (d: Diagnostic) => console.log(`diagnostic ${d.code}: ${d.message}`));

// `line` reports every line that did not become an event, so nothing is lost silently.
let misses = 0;
analyzer.on('line', () => misses++);

// Lines may come in any chunking: write() splits them, end() processes the last one.
const input = { source: 'examples/data/auth.log', host: 'bastion' };
for (let i = 0; i < text.length; i += 700) analyzer.write(text.slice(i, i + 700), input);
analyzer.end(input);
analyzer.flush();

const [stats] = analyzer.stats();
console.log(`${stats?.lines} lines: ${stats?.events} events, ${misses} not events`);
