import type { SshSession } from '../index.js';

/**
 * The sessions `scan --sessions` writes, each once and complete. A closed session still takes
 * late lines for a grace window (pam and logind closes, `Transferred`), reported as updates; so
 * a closed session is held until event time has moved `holdMs` past its close, and written then.
 */
export interface SettledSessions {
  /** A session opened or changed. */
  update(session: SshSession): void;
  /** A session closed while the input was at event time `now`. */
  close(session: SshSession, now: number): void;
  /** Closed sessions no late line can change any more at event time `now`, in close order. */
  settle(now: number): SshSession[];
  /** At the end of input: every closed session held, then those still open. */
  rest(): SshSession[];
}

/** Creates {@link SettledSessions} that hold a closed session for `holdMs` of event time. */
export function createSettledSessions(holdMs: number): SettledSessions {
  const open = new Map<string, SshSession>();
  // Insertion order is close order, and close times only grow: settled ones are at the front.
  const closed = new Map<string, { session: SshSession; at: number }>();
  return {
    update(session) {
      const held = closed.get(session.id);
      if (held !== undefined) held.session = session;
      // A closed session neither open nor held was written already; a later line cannot reopen it.
      else if (session.state === 'open') open.set(session.id, session);
    },
    close(session, now) {
      open.delete(session.id);
      const held = closed.get(session.id);
      if (held !== undefined) held.session = session;
      else closed.set(session.id, { session, at: now });
    },
    settle(now) {
      const out: SshSession[] = [];
      for (const [id, held] of closed) {
        if (now - held.at <= holdMs) break;
        out.push(held.session);
        closed.delete(id);
      }
      return out;
    },
    rest() {
      const out = [...[...closed.values()].map((h) => h.session), ...open.values()];
      closed.clear();
      open.clear();
      return out;
    },
  };
}
