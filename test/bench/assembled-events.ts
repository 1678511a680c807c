import type { HostEvent } from '../../src/events/host.js';
import { readTextChunks } from '../../src/node/read-text-chunks.js';
import { createAuditAssembler } from '../../src/parsers/auditd/index.js';

/** The events the product assembles from an audit log (the bounds' reference), read as the audit pass reads it. */
export async function assembledEvents(file: string): Promise<HostEvent[]> {
  const audit = createAuditAssembler({ host: 'bastion-01' });
  const events: HostEvent[] = [];
  let line = 1;
  for await (const chunk of readTextChunks(file)) {
    for (const r of audit.push(chunk.text, { source: file, line })) {
      if (r.kind === 'event') events.push(r.event);
    }
    line += chunk.lines;
  }
  for (const r of audit.flush()) if (r.kind === 'event') events.push(r.event);
  return events;
}
