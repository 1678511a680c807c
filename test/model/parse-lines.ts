import type { SshtrailEvent } from '../../src/events/index.js';
import { createLineParser } from '../../src/parsers/line-parser.js';

/**
 * Real log lines to events through the SDK's line parser (syslog envelope, then the sshd,
 * PAM, logind, sudo and su message parsers). Lines that give no event are skipped.
 */
export function parseLines(lines: readonly string[], source = 'auth.log'): SshtrailEvent[] {
  const parser = createLineParser({ source, year: 2024, timezone: 'UTC' });
  const events: SshtrailEvent[] = [];
  for (const text of lines) {
    const outcome = parser.parse(text);
    if (outcome.kind === 'event') events.push(outcome.event);
  }
  return events;
}
