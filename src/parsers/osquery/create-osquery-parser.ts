import type { OsqueryAction } from '../../events/endpoint.js';
import type { Provenance } from '../../events/provenance.js';
import type { LineOutcome } from '../outcome.js';
import type { SourceParser, SourceParserOptions } from '../source-parser.js';
import { createLineCounter, statsFrom } from '../sysmon/endpoint-outcome.js';
import { keyInventory, loginRecord, sshConfig } from './build-inventory.js';
import { processEnv, processEnvs, processExec, socketEvent } from './build-process.js';
import { queryTime } from './query-time.js';
import type { OsqueryRowContext } from './row-context.js';
import { type OsqueryTable, tableFromColumns, tableFromName } from './table.js';
import type { OsqueryRow } from './values.js';

/**
 * Default line cap of the osquery parser (8 MiB): a snapshot result is one line holding a
 * whole table.
 */
export const DEFAULT_OSQUERY_MAX_LINE_LENGTH: number = 8 * 1024 * 1024;

type Json = Record<string, unknown>;

function object(value: unknown): Json | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Json)
    : undefined;
}

/** The rows of one result line with their actions. */
function rowsOf(root: Json): { row: OsqueryRow; action: OsqueryAction }[] | undefined {
  const out: { row: OsqueryRow; action: OsqueryAction }[] = [];
  const add = (list: unknown, action: OsqueryAction): void => {
    if (!Array.isArray(list)) return;
    for (const item of list) {
      const row = object(item);
      if (row !== undefined) out.push({ row, action });
    }
  };
  const columns = object(root.columns);
  if (columns !== undefined) {
    const action = root.action === 'removed' ? 'removed' : 'added';
    out.push({ row: columns, action });
    return out;
  }
  if (root.snapshot !== undefined) {
    add(root.snapshot, 'snapshot');
    return out;
  }
  const diff = object(root.diffResults);
  if (diff !== undefined) {
    add(diff.added, 'added');
    add(diff.removed, 'removed');
    return out;
  }
  return undefined;
}

function hostOf(root: Json, fallback: string | undefined): string | undefined {
  const id = root.hostIdentifier ?? root.hostname;
  if (typeof id === 'string' && id.length > 0) return id;
  const decorated = object(root.decorations)?.hostname ?? root.decorations_hostname;
  if (typeof decorated === 'string' && decorated.length > 0) return decorated;
  return fallback;
}

/** One row to its events (0, 1 or 2: a `process_events` row with `env` also gives its env). */
function rowOutcomes(
  table: OsqueryTable,
  row: OsqueryRow,
  context: OsqueryRowContext,
  out: LineOutcome[],
): void {
  switch (table) {
    case 'process_events': {
      const exec = processExec(row, context);
      if (exec === undefined) return;
      out.push({ kind: 'event', event: exec });
      const env = processEnv(row, context);
      if (env !== undefined) out.push({ kind: 'event', event: env });
      return;
    }
    case 'socket_events':
      out.push({ kind: 'event', event: socketEvent(row, context) });
      return;
    case 'process_envs': {
      const env = processEnvs(row, context);
      if (env !== undefined) out.push({ kind: 'event', event: env });
      return;
    }
    case 'last':
    case 'logged_in_users':
      out.push({ kind: 'event', event: loginRecord(row, context, table) });
      return;
    case 'user_ssh_keys':
    case 'authorized_keys':
      out.push({ kind: 'event', event: keyInventory(row, context, table) });
      return;
    case 'ssh_configs': {
      const config = sshConfig(row, context);
      if (config !== undefined) out.push({ kind: 'event', event: config });
      return;
    }
  }
}

/**
 * Creates a parser for the osquery results log (`osqueryd.results.log`, one JSON object per
 * line): differential rows (`"columns": {...}, "action": "added"|"removed"`), snapshots
 * (`"snapshot": [{...}, ...]`, one line with many rows) and batches (`"diffResults"`).
 * Numbers are accepted as JSON numbers or as the strings older versions and the default
 * logger write (`"unixTime": "1514472008"`, `"pid": "4242"`).
 *
 * The table of a row is the one its query `name` names (the longest known table name it
 * contains, case-insensitive, e.g. `pack_ssh_process_envs`; `last` as a whole word), else
 * the one its columns identify (`ssh_config_file`+`option`: ssh_configs; `key_file`+`key`:
 * authorized_keys; `key_type`+`path`: user_ssh_keys; `family`+`action`+`socket`:
 * socket_events; `cmdline`+`pid`+`auid`/`syscall`/`eid`: process_events; `key`+`value`+`pid`:
 * process_envs; `username`+`tty`+`type`: last; `user`+`tty`+`type`: logged_in_users).
 * Mapping: process_events to `process.exec` (execve rows; its `env` column, when logged,
 * to an `env.snapshot` too), socket_events to `socket.connect` (AF_UNIX keeps the `socket`
 * path), process_envs to `env.snapshot` (`sshAuthSock` for `SSH_AUTH_SOCK`), last and
 * logged_in_users to `login.record`, user_ssh_keys and authorized_keys to
 * `ssh.key_inventory`, ssh_configs to `ssh.config`.
 *
 * Event time is the row's `time` column when it has one (evented tables), else the query's
 * `unixTime`; the host is `hostIdentifier` (else the decorations' `hostname`, else
 * `options.host`). Stats count lines: a line with at least one event counts once as an
 * event line, however many rows it held. Other queries are `ignored`
 * (`unmapped_osquery_table`), non-result JSON is `unrecognized`, broken JSON `malformed`.
 * The line cap defaults to {@link DEFAULT_OSQUERY_MAX_LINE_LENGTH}. Never throws on input.
 *
 * @param options - Source name, default host, line cap and state.
 * @returns A parser whose stats count every line once.
 * @example
 * ```ts
 * const parser = createOsqueryParser({ source: 'osqueryd.results.log' });
 * const out = parser.push('{"name":"ssh_auth_sock","hostIdentifier":"db1","unixTime":1700000000,"columns":{"pid":"4321","key":"SSH_AUTH_SOCK","value":"/tmp/ssh-XXXX/agent.4242"},"action":"added"}');
 * const e = out[0];
 * if (e?.kind === 'event' && e.event.kind === 'env.snapshot') console.log(e.event.sshAuthSock);
 * ```
 */
export function createOsqueryParser(options: SourceParserOptions): SourceParser {
  const restored = object(options.state);
  const maxLineLength = options.maxLineLength ?? DEFAULT_OSQUERY_MAX_LINE_LENGTH;
  const sourceName = options.source;
  const defaultHost = options.host;
  const counter = createLineCounter(sourceName, statsFrom(restored?.stats));
  const restoredLine = restored?.line;
  let lineNumber =
    typeof restoredLine === 'number' && Number.isInteger(restoredLine) && restoredLine >= 0
      ? restoredLine
      : 0;

  function parse(text: string): readonly LineOutcome[] {
    lineNumber++;
    if (text.length > maxLineLength) {
      const source = { source: sourceName, line: lineNumber, text: text.slice(0, maxLineLength) };
      return [{ kind: 'malformed', reason: 'line_too_long', source }];
    }
    const source: Provenance = { source: sourceName, line: lineNumber, text };
    let first = text.charCodeAt(0);
    if (first === 32 || first === 9 || first === 13) first = text.trimStart().charCodeAt(0);
    if (Number.isNaN(first)) return [{ kind: 'malformed', reason: 'empty_line', source }];
    if (first !== 123) return [{ kind: 'malformed', reason: 'bad_json', source }];
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return [{ kind: 'malformed', reason: 'bad_json', source }];
    }
    const root = object(parsed);
    const rows = root === undefined ? undefined : rowsOf(root);
    if (root === undefined || rows === undefined) {
      return [{ kind: 'unrecognized', reason: 'not_osquery_result', program: 'osqueryd', source }];
    }
    if (rows.length === 0) {
      return [{ kind: 'ignored', reason: 'empty_result', program: 'osqueryd', source }];
    }
    const name = typeof root.name === 'string' ? root.name : undefined;
    const named = tableFromName(name);
    const host = hostOf(root, defaultHost);
    const time = queryTime(root.unixTime, root.calendarTime);
    const out: LineOutcome[] = [];
    let unmapped = 0;
    for (const { row, action } of rows) {
      const table = named ?? tableFromColumns(row);
      if (table === undefined) {
        unmapped++;
        continue;
      }
      rowOutcomes(table, row, { query: name, action, host, queryTime: time, source }, out);
    }
    if (out.length > 0) return out;
    const reason = unmapped === rows.length ? 'unmapped_osquery_table' : 'no_mapped_rows';
    return [{ kind: 'ignored', reason, program: 'osqueryd', source }];
  }

  return {
    push(text) {
      const outcomes = parse(text);
      counter.count(outcomes);
      return outcomes;
    },
    flush() {
      return [];
    },
    stats() {
      return counter.read();
    },
    snapshot() {
      return { line: lineNumber, stats: counter.read() };
    },
  };
}
