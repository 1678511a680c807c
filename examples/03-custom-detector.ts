// Write your own detector from the combinators and run it in the analyzer, without touching
// the engine. Run: npm run build && npx tsx examples/03-custom-detector.ts
import { readFileSync } from 'node:fs';
import { createAnalyzer, defaultDetectors, eventOf, sameEntity, threshold } from 'sshtrail';

// The detector: three failed logins from one address within a minute.
const passwordGuessing = threshold({
  id: 'acme.password_guessing',
  title: 'Password guessing',
  techniques: ['T1110.001'],
  severity: 'medium',
  match: eventOf('ssh.auth', (e) => e.outcome === 'failure' || e.outcome === 'invalid_user'),
  key: sameEntity('sourceIp'),
  count: 3,
  within: '1m',
  explain: (f) => `${f.count} failed logins from ${f.sourceIp} on ${f.host} within a minute.`,
});

// Run it beside the built-in catalog; findings cite their evidence lines.
const analyzer = createAnalyzer({ detectors: [...defaultDetectors(), passwordGuessing] });
analyzer.on('finding', (f) => {
  if (f.detector !== passwordGuessing.id) return;
  console.log(`${f.time} ${f.severity} ${f.detector}: ${f.explanation}`);
  for (const e of f.evidence) console.log(`  ${e.source}:${e.line}  ${e.text}`);
});

const path = 'examples/data/auth.log';
const lines = readFileSync(new URL('./data/auth.log', import.meta.url), 'utf8').split('\n');
await analyzer.consume(lines, { source: path });
analyzer.flush();
