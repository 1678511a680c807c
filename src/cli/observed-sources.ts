import type { SshtrailEvent } from '../index.js';
import type { TriageDataSources } from '../triage/index.js';

/** The data sources a scan has read so far, for triage's answers. */
export interface ObservedSources {
  /**
   * What triage is told. The same object is updated as events arrive: cases are built when
   * they settle or at the end, after the input that shows a source was there.
   */
  readonly dataSources: TriageDataSources;
  /** Notes what one event shows about the available sources. */
  note(event: SshtrailEvent): void;
}

interface Seen {
  auditSockets?: boolean;
  auditSocketHosts?: readonly string[];
  network?: boolean;
  intel?: boolean;
}

/**
 * Tracks which log sources the scan has: audit records of AF_UNIX connects or of file access
 * under `.ssh/` (the socket and key rules are in place, per host), Zeek records, and whether a
 * threat-intel list was loaded.
 *
 * @param intel - Whether the configuration loaded an intel list.
 */
export function observeSources(intel: boolean): ObservedSources {
  const seen: Seen = intel ? { intel: true } : {};
  const auditHosts = new Set<string>();
  return {
    dataSources: seen,
    note(event) {
      switch (event.kind) {
        case 'socket.connect':
          if (event.family === 'unix') audited(event.host);
          break;
        case 'file.access':
          if (event.path?.includes('/.ssh/') === true) audited(event.host);
          break;
        case 'net.ssh':
        case 'net.flow':
          seen.network = true;
          break;
        default:
          break;
      }
    },
  };

  function audited(host: string | undefined): void {
    seen.auditSockets = true;
    if (host === undefined || auditHosts.has(host)) return;
    auditHosts.add(host);
    seen.auditSocketHosts = [...auditHosts].sort();
  }
}
