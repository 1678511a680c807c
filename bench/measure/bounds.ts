/**
 * Lower bounds (issues 2, 3 and 4): what reading the fields every event carries costs, with
 * no checks and no grammar, on today's line strings and on bytes, with the least a
 * sessionizer keeps, and for audit records with the least grouping into events. A parser that checks what it reads does strictly more, so its ratio to
 * the floor cannot be below these.
 */
import type { ReadLineBatches, ReadTextChunks } from './api.js';
import { boundAuditEvent } from './bounds/audit-event.js';
import { boundAuditFullEvent } from './bounds/audit-event-full.js';
import { readAuditGroups } from './bounds/audit-records.js';
import { boundOutcome, newFields } from './bounds/bound-event.js';
import { readByteLines } from './bounds/byte-lines.js';
import { createPidTable } from './bounds/pid-table.js';
import { readFieldsFromBytes } from './bounds/read-bytes.js';
import { readFieldsFromString } from './bounds/read-strings.js';
import type { PassOutput } from './floors.js';

// Outcomes are parked here so the engine must build them (no escape analysis).
const parked: unknown[] = new Array(1024).fill(null);

// The host the audit pass gives its assembler (audit.ts).
const AUDIT_HOST = 'bastion-01';

// The audit bounds park in a ring of their own, of 16: the audit pass keeps no result, and
// 1024 parked events (about 6,000 lines, each pinning its 64 KiB chunk) survived into the
// old generation, costing 0.15-0.25x the floor that the pass does not pay.
const auditParked: unknown[] = new Array(16).fill(null);

/**
 * Fields from line strings (the parser's interface today).
 *
 * @param readLineBatches - src/node readLineBatches
 * @param file - the auth.log
 * @returns lines and a checksum of the pids
 * @example
 * ```ts
 * await stringFieldsBound(api.readLineBatches, file);
 * ```
 */
export async function stringFieldsBound(
  readLineBatches: ReadLineBatches,
  file: string,
): Promise<PassOutput> {
  const f = newFields();
  let lines = 0;
  let checksum = 0;
  for await (const batch of readLineBatches(file)) {
    for (const line of batch) {
      lines++;
      readFieldsFromString(line, lines, f);
      const outcome = boundOutcome(f, line, file, lines);
      parked[lines & 1023] = outcome;
      checksum += outcome.event.pid + outcome.event.sourcePort;
    }
  }
  return { lines, checksum };
}

/**
 * The byte reader alone: what the byte bounds pay before reading any field.
 *
 * @param file - the auth.log
 * @returns lines and a checksum of their lengths
 * @example
 * ```ts
 * await byteReaderFloor(file);
 * ```
 */
export async function byteReaderFloor(file: string): Promise<PassOutput> {
  let lines = 0;
  let checksum = 0;
  await readByteLines(file, (line) => {
    lines++;
    checksum += line.length;
  });
  return { lines, checksum };
}

/**
 * Fields from bytes, optionally with the least sessionizer.
 *
 * @param file - the auth.log
 * @param sessions - also count lines per host and pid
 * @returns lines and a checksum of the pids
 * @example
 * ```ts
 * await byteFieldsBound(file, true);
 * ```
 */
export async function byteFieldsBound(file: string, sessions: boolean): Promise<PassOutput> {
  const f = newFields();
  const table = createPidTable();
  let lines = 0;
  let checksum = 0;
  await readByteLines(file, (line, bytes, start) => {
    lines++;
    if (bytes === null) readFieldsFromString(line, lines, f);
    else readFieldsFromBytes(line, bytes, start, lines, f);
    const outcome = boundOutcome(f, line, file, lines);
    parked[lines & 1023] = outcome;
    checksum += outcome.event.pid + outcome.event.sourcePort;
    if (sessions) checksum += table.touch(outcome.event.host, outcome.event.pid, lines);
  });
  return { lines, checksum };
}

/**
 * How much of an audit event a bound builds: `records` groups lines into events and builds
 * none; `events` builds each from the SYSCALL's ids, exe, comm, key and success
 * (bounds/audit-event.ts); `full` builds the whole event of the product's kind, auxiliary
 * records and login messages included (bounds/audit-event-full.ts).
 */
export type AuditBoundLevel = 'records' | 'events' | 'full';

/**
 * The audit bound (issue 4): lines, provenance, headers and grouping as the assembler must
 * do them (see bounds/audit-records.ts), and per `level`, an event of the product's shape
 * per group from fields read unchecked.
 *
 * @param readTextChunks - src/node readTextChunks
 * @param file - the audit.log
 * @param level - what is built per group
 * @returns lines and a checksum of the records per event (and the pids)
 * @example
 * ```ts
 * await auditBound(api.readTextChunks, file, 'full');
 * ```
 */
export async function auditBound(
  readTextChunks: ReadTextChunks,
  file: string,
  level: AuditBoundLevel,
): Promise<PassOutput> {
  let groups = 0;
  let checksum = 0;
  const lines = await readAuditGroups(readTextChunks, file, (g) => {
    groups++;
    checksum += g.evidence.length;
    if (level === 'records') {
      auditParked[groups & 15] = g;
      return;
    }
    const event =
      level === 'events' ? boundAuditEvent(g, AUDIT_HOST) : boundAuditFullEvent(g, AUDIT_HOST);
    auditParked[groups & 15] = event;
    checksum += event.pid ?? 0;
  });
  return { lines, checksum, detail: { events: groups } };
}
