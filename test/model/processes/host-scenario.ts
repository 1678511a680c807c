import { readFileSync } from 'node:fs';
import type { SshtrailEvent } from '../../../src/events/index.js';
import { createSessionTracker } from '../../../src/model/index.js';
import {
  createSessionJoin,
  type JoinedEvent,
  type SessionJoin,
} from '../../../src/model/processes/index.js';
import type { SshSession } from '../../../src/model/session.js';
import {
  createSocketRegistry,
  type SocketRegistry,
  type SocketUse,
} from '../../../src/model/sockets/index.js';
import { createAuditAssembler } from '../../../src/parsers/auditd/index.js';
import { createLineParser } from '../../../src/parsers/line-parser.js';

const fixtures = new URL('../../fixtures/host/', import.meta.url);

/** A fixture file's lines. */
export function fixtureLines(name: string): string[] {
  return readFileSync(new URL(name, fixtures), 'utf8')
    .split('\n')
    .filter((l) => l !== '');
}

/** auth.log lines (2024, UTC) and audit.log lines, parsed and merged in time order (stable). */
export function hostEvents(authLog: string, auditLog: string): SshtrailEvent[] {
  const parser = createLineParser({ source: authLog, year: 2024, timezone: 'UTC' });
  const auth: SshtrailEvent[] = [];
  for (const line of fixtureLines(authLog)) {
    const o = parser.parse(line);
    if (o.kind === 'event') auth.push(o.event);
  }
  const assembler = createAuditAssembler();
  const audit: SshtrailEvent[] = [];
  const text = `${fixtureLines(auditLog).join('\n')}\n`;
  for (const r of [...assembler.push(text, { source: auditLog, line: 1 }), ...assembler.flush()]) {
    if (r.kind === 'event') audit.push(r.event);
  }
  return [...auth, ...audit]
    .map((event, order) => ({ event, order }))
    .sort((a, b) => a.event.time - b.event.time || a.order - b.order)
    .map((x) => x.event);
}

/** What running the model over a stream gives. */
export interface Run {
  readonly join: SessionJoin;
  readonly sockets: SocketRegistry;
  readonly sessions: Map<string, SshSession>;
  readonly joined: JoinedEvent[];
  readonly uses: SocketUse[];
}

/** Runs events through tracker -> join -> socket registry, the way the analyzer should. */
export function run(events: readonly SshtrailEvent[]): Run {
  const tracker = createSessionTracker();
  const join = createSessionJoin();
  const sockets = createSocketRegistry({ join });
  const sessions = new Map<string, SshSession>();
  const joined: JoinedEvent[] = [];
  const uses: SocketUse[] = [];
  for (const event of events) {
    for (const change of tracker.push(event)) {
      if (change.kind === 'diagnostic') continue;
      sessions.set(change.session.id, change.session);
      join.addSession(change.session);
      sockets.addSession(change.session);
    }
    const j = join.addEvent(event);
    if (j !== undefined) joined.push(j);
    uses.push(...sockets.addEvent(event));
  }
  return { join, sockets, sessions, joined, uses };
}

/** The one session of `user`. */
export function sessionOf(r: Run, user: string): SshSession {
  const found = [...r.sessions.values()].filter((s) => s.user === user);
  const [first] = found;
  if (first === undefined || found.length !== 1) throw new Error(`expected one ${user} session`);
  return first;
}
