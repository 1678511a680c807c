// Write your own detector from the combinators, without touching the engine.
// Run: npx tsx examples/03-custom-detector.ts
import { readFileSync } from 'node:fs';
import {
  createDetectorContext,
  createDetectorSet,
  createLineParser,
  createSessionTracker,
  eventOf,
  sameEntity,
  threshold,
} from 'sshtrail';

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

// Drive it: lines -> events -> sessions -> detectors.
const parser = createLineParser({ source: 'examples/data/auth.log' });
const sessions = createSessionTracker();
const detectors = createDetectorSet([passwordGuessing]);
const context = createDetectorContext({ sessions });
const text = readFileSync(new URL('./data/auth.log', import.meta.url), 'utf8');

for (const line of text.split('\n')) {
  const outcome = parser.parse(line);
  if (outcome.kind !== 'event') continue;
  const findings = [...detectors.push({ kind: 'event', event: outcome.event }, context)];
  for (const change of sessions.push(outcome.event)) {
    if (change.kind === 'open' || change.kind === 'update' || change.kind === 'close') {
      findings.push(
        ...detectors.push(
          { kind: 'session', change: change.kind, session: change.session },
          context,
        ),
      );
    }
  }
  for (const f of findings) {
    console.log(`${f.time} ${f.severity} ${f.detector}: ${f.explanation}`);
    for (const e of f.evidence) console.log(`  ${e.source}:${e.line}  ${e.text}`);
  }
}
