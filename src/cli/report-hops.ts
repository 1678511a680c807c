import { createLearnedIdentity } from '../analyzer/learned-identity.js';
import type { SshtrailConfig } from '../config/index.js';
import type { SshSession, SshtrailEvent } from '../index.js';
import { createHopGraph } from '../model/hops/index.js';
import type { Hop } from '../triage/index.js';

/** The cross-host hops the HTML report draws, decided as the scan goes. */
export interface ReportHops {
  /** Notes an opened, updated or closed session, and decides (again) its upstream session. */
  session(session: SshSession): void;
  /** Notes an event: process starts tie an `ssh` client to the session it ran in. */
  event(event: SshtrailEvent): void;
  /** Every hop decided, one per downstream session. */
  hops(): Hop[];
}

/**
 * Collects hops with the analyzer's hop graph rules (host identity from the config and the
 * sessions' server addresses, process telemetry for who ran the `ssh` client), so the report
 * draws a hop from the actor's session rather than from whichever session of the same user was
 * open, and says when its source session is a guess. Hops are kept as they are decided: the
 * graph itself forgets sessions hours after they end.
 *
 * @param config - The scan's configuration (monitored hosts and their addresses).
 */
export function collectReportHops(config: SshtrailConfig): ReportHops {
  const identity = createLearnedIdentity(config);
  const graph = createHopGraph({ identity });
  const byChild = new Map<string, Hop>();
  return {
    session(session) {
      identity.learn(session);
      graph.addSession(session);
      const link = graph.chainOf(session.id)?.hops.find((h) => h.childId === session.id);
      if (link === undefined) return;
      byChild.set(session.id, {
        from: link.parentId,
        to: link.childId,
        ...(link.attribution === undefined ? {} : { attribution: link.attribution }),
        ...(link.openSessions === undefined ? {} : { openSessions: link.openSessions }),
      });
    },
    event(event) {
      if (event.kind === 'process.exec') graph.addProcess(event);
      else if (event.kind === 'audit.login') graph.addLogin(event);
    },
    hops: () => [...byChild.values()],
  };
}
