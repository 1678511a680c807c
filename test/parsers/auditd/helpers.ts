import type { HostEvent } from '../../../src/events/host.js';
import {
  type AuditAssemblerOptions,
  type AuditResult,
  type AuditStats,
  createAuditAssembler,
} from '../../../src/parsers/auditd/index.js';

/** Runs `text` through a fresh assembler (one push, then flush). */
export function assemble(
  text: string,
  options: AuditAssemblerOptions = {},
): { results: AuditResult[]; events: HostEvent[]; stats: AuditStats } {
  const a = createAuditAssembler(options);
  const results = [...a.push(text, { source: 'test.log', line: 1 }), ...a.flush()];
  const events = results.flatMap((r) => (r.kind === 'event' ? [r.event] : []));
  return { results, events, stats: a.stats() };
}

/** The one event of `text`, failing when there is not exactly one. */
export function only(text: string, options: AuditAssemblerOptions = {}): HostEvent {
  const { events } = assemble(text, options);
  const [first, ...rest] = events;
  if (first === undefined || rest.length > 0) {
    throw new Error(`expected one event, got ${events.length}`);
  }
  return first;
}

/** True when the counts add up (see AuditStats). */
export function reconciles(s: AuditStats): boolean {
  return s.lines === s.consumed + s.ignored + s.unrecognized + s.malformed + s.pending;
}
