import type { SshtrailEvent } from '../../src/events/index.js';
import { parseAuthMessage } from '../../src/parsers/auth/index.js';
import type { MessageContext } from '../../src/parsers/outcome.js';
import { parseSshdMessage } from '../../src/parsers/sshd/index.js';
import { createEnvelopeParser } from '../../src/parsers/syslog/index.js';

const SSHD = new Set(['sshd', 'sshd-session', 'sshd-auth']);

/**
 * Real log lines to events through the envelope and message parsers (a stand-in for the
 * line parser until it lands). Lines that give no event are skipped.
 */
export function parseLines(lines: readonly string[], source = 'auth.log'): SshtrailEvent[] {
  const envelope = createEnvelopeParser({ year: 2024, timezone: 'UTC' });
  const events: SshtrailEvent[] = [];
  lines.forEach((text, i) => {
    const r = envelope(text);
    if (!r.ok) return;
    const e = r.envelope;
    const context: MessageContext = {
      time: e.time,
      timeBasis: e.timeBasis,
      host: e.host,
      program: e.program,
      pid: e.pid,
      repeat: e.repeat,
      source: { source, line: i + 1, text },
    };
    const sshd = e.program !== undefined && SSHD.has(e.program);
    // sshd's PAM lines (`pam_unix(sshd:session)`) are written under sshd's own ident.
    const result =
      sshd && !e.message.startsWith('pam_')
        ? parseSshdMessage(e.message, context)
        : parseAuthMessage(e.message, context);
    if ('time' in result) events.push(result);
  });
  return events;
}
