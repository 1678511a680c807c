import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LabRun } from './lab.js';

/**
 * Drops the events of sshd's own syslog connects to /dev/log from an audit log: OpenSSH opens
 * and closes the syslog socket for every message, so at DEBUG1 they are most of the file and
 * carry nothing for sshtrail. Everything else is kept as it was written.
 */
export function trimAuditLog(text: string): { readonly text: string; readonly dropped: number } {
  const drop = new Set<string>();
  for (const line of text.split('\n')) {
    if (line.includes('type=SOCKADDR') && line.includes('saddr_fam=local path=/dev/log ')) {
      const id = /msg=audit\(([\d.:]+)\)/.exec(line)?.[1];
      if (id !== undefined) drop.add(id);
    }
  }
  const kept = text.split('\n').filter((line) => {
    const id = /msg=audit\(([\d.:]+)\)/.exec(line)?.[1];
    return id === undefined || !drop.has(id);
  });
  return { text: kept.join('\n'), dropped: drop.size };
}

/** Writes a run's logs as fixtures: `<host>/auth.log`, `audit.log` (trimmed) and `lab-run.json`. */
export function saveFixtures(run: LabRun, dir: string): void {
  for (const [host, file] of Object.entries(run.authLogs)) {
    mkdirSync(join(dir, host), { recursive: true });
    writeFileSync(join(dir, host, 'auth.log'), readFileSync(file, 'utf8'));
  }
  const trimmed = trimAuditLog(readFileSync(run.auditLog, 'utf8'));
  writeFileSync(join(dir, 'audit.log'), trimmed.text);
  const { dir: _dir, authLogs: _logs, auditLog: _audit, ...rest } = run;
  writeFileSync(
    join(dir, 'lab-run.json'),
    `${JSON.stringify({ ...rest, auditTrimmedEvents: trimmed.dropped }, null, 2)}\n`,
  );
}
