import type { Provenance } from '../../events/provenance.js';
import { detachString } from '../detach-string.js';
import { buildEvent } from './build-event.js';
import { TEXT_BYTES_MAX, textBytes } from './line-bytes.js';
import {
  addOpenEvent,
  createOpenEvents,
  type OpenEvent,
  openEventsInOrder,
  removeOpenEvent,
  touchOpenEvent,
} from './open-events.js';
import { type AuditRecord, readRecord, readRecordAt } from './record.js';
import {
  type AuditAssembler,
  type AuditAssemblerOptions,
  type AuditMissReason,
  type AuditResult,
  type AuditStats,
  noAuditStats,
} from './result.js';
import { type AuditAssemblerSnapshot, checkAuditSnapshot } from './snapshot.js';

interface Counters {
  lines: number;
  records: number;
  groups: number;
  events: number;
  consumed: number;
  ignored: number;
  unrecognized: number;
  malformed: number;
  pending: number;
  evicted: number;
  timedOut: number;
}

const CLOSED_MEMORY = 1024;

/** What a push without results returns (shared, so frozen). */
const NO_RESULTS: readonly AuditResult[] = Object.freeze([]);

/** A bounded set of recently closed event keys (FIFO ring, O(1) without iterators). */
interface ClosedKeys {
  readonly ring: (string | undefined)[];
  readonly set: Set<string>;
  next: number;
  /**
   * No remembered key has a larger serial: a record with a larger one (the next event of
   * an in-order log) skips the set probe. Only grows; `Infinity` when a key has no serial.
   */
  maxSerial: number;
  /**
   * Whether `set` mirrors `ring`. It is built at the first probe that needs it (in-order
   * logs never do) and kept from then on; restored assemblers keep it from the start (a
   * hand-made snapshot may repeat a key, and the ring alone would not tell).
   */
  indexed: boolean;
}

/**
 * Creates a streaming assembler for Linux audit logs (`/var/log/audit/audit.log`, RAW or
 * ENRICHED, with or without `node=`). Records sharing `(node, time, serial)` are grouped,
 * whatever the interleaving with other events; an event is complete at its `EOE`, or when
 * it times out (`timeoutRecords` later records, or a record `timeoutMs` later in event
 * time; checked when a record of another event arrives), is evicted (`maxPending`), or at
 * {@link AuditAssembler.flush}. User-space records
 * (`USER_*`, `CRED_*`, `CRYPTO_*`... with a nested `msg='...'`) complete at once; kernel
 * records that follow them with the same id are reported `late_record`.
 *
 * Every line pushed ends up in exactly one place (an event's `evidence`, or one
 * `ignored`/`unrecognized`/`malformed` result), the output does not depend on how lines are
 * grouped into `push` calls, and input data never makes it throw. Option values out of
 * range throw `RangeError` (a programmer error).
 *
 * @param options - Host, limits and time-outs.
 * @returns The assembler.
 * @example
 * ```ts
 * const audit = createAuditAssembler({ host: 'bastion' });
 * for (const r of audit.push(line, { source: 'audit.log', line: n })) {
 *   if (r.kind === 'event' && r.event.kind === 'socket.connect') console.log(r.event.path);
 * }
 * audit.flush();
 * ```
 */
export function createAuditAssembler(options: AuditAssemblerOptions = {}): AuditAssembler {
  return build(options, undefined);
}

/**
 * Creates an audit assembler that continues exactly where the one that took `snapshot`
 * stopped: the events it had open (with their records and line numbers), its time-outs, the
 * recently closed event ids and its accounting. Pushing the rest of the input into it gives
 * the same results and final stats as one uninterrupted assembler would have. Give it the
 * same options as the snapshotted assembler.
 *
 * @param snapshot - From {@link AuditAssembler.snapshot}, possibly after a JSON round trip.
 * @param options - The options of the snapshotted assembler.
 * @returns The restored assembler.
 * @throws TypeError when `snapshot` is not a valid snapshot (a programmer error), RangeError
 * for out-of-range options.
 * @example
 * ```ts
 * const first = createAuditAssembler({ host: 'bastion' });
 * first.push(head, { source: 'audit.log', line: 1 });
 * const saved = JSON.stringify(first.snapshot());
 * const second = restoreAuditAssembler(JSON.parse(saved), { host: 'bastion' });
 * second.push(tail, { source: 'audit.log', line: headLines + 1 });
 * second.flush();
 * ```
 */
export function restoreAuditAssembler(
  snapshot: AuditAssemblerSnapshot,
  options: AuditAssemblerOptions = {},
): AuditAssembler {
  return build(options, checkAuditSnapshot(snapshot));
}

function build(
  options: AuditAssemblerOptions,
  saved: AuditAssemblerSnapshot | undefined,
): AuditAssembler {
  const host = options.host;
  const maxLineLength = positive(options.maxLineLength, 65536, 'maxLineLength');
  const timeoutRecords = positive(options.timeoutRecords, 128, 'timeoutRecords');
  const timeoutMs = positive(options.timeoutMs, 10000, 'timeoutMs');
  const maxPending = positive(options.maxPending, 4096, 'maxPending');
  const maxRecordsPerEvent = positive(options.maxRecordsPerEvent, 1024, 'maxRecordsPerEvent');

  const open = createOpenEvents();
  const pending = open.byKey;
  const closed: ClosedKeys = {
    ring: new Array(CLOSED_MEMORY),
    set: new Set(),
    next: 0,
    maxSerial: -1,
    indexed: saved !== undefined,
  };
  // The open event while no other is, kept out of `pending`: in-order logs open and close
  // one event at a time, and a map entry per event costs a hash, an insert and a delete
  // (that shrinks the table). When another event's record arrives it joins the map first,
  // so everything else sees `pending` as if it had always been there. Set only while
  // `pending` is empty.
  let solo: OpenEvent | undefined;
  let lastKey = saved?.lastKey ?? '';
  // Always the open event of lastKey (solo, or pending.get(lastKey)): consecutive records of
  // one event skip the map lookup.
  let lastGroup: OpenEvent | undefined;
  // The last record read: a line of the same event reuses its key and time.
  let previous: AuditRecord | undefined;
  // The last record of the event read before previous's: its key is reused likewise.
  let other: AuditRecord | undefined;
  const c: Counters = { ...(saved === undefined ? noAuditStats() : saved.stats) };
  let seq = saved?.seq ?? 0;

  // The results of the push or flush under way: most pushes have none, and most others
  // one, so the list is made at the first result and no empty list per push.
  let out: AuditResult[] | undefined;

  function add(result: AuditResult): void {
    if (out === undefined) out = [result];
    else out.push(result);
  }

  function taken(): readonly AuditResult[] {
    const list = out ?? NO_RESULTS;
    out = undefined;
    return list;
  }

  function miss(
    kind: 'ignored' | 'unrecognized' | 'malformed',
    reason: AuditMissReason,
    source: Provenance,
  ): void {
    c[kind]++;
    add({ kind, reason, source });
  }

  function remember(id: string, serial: number): void {
    if (serial > closed.maxSerial) closed.maxSerial = serial;
    const old = closed.ring[closed.next];
    if (closed.indexed && old !== undefined) closed.set.delete(old);
    // Kept for 1024 events: a copy, so the key does not pin its line's read chunk.
    const key = detachString(id);
    closed.ring[closed.next] = key;
    if (closed.indexed) closed.set.add(key);
    closed.next = (closed.next + 1) % CLOSED_MEMORY;
  }

  function wasClosed(r: AuditRecord): boolean {
    if (r.serial > closed.maxSerial) return false;
    if (!closed.indexed) {
      // Keys in the ring are distinct here (a key is remembered only while not in it).
      for (const key of closed.ring) if (key !== undefined) closed.set.add(key);
      closed.indexed = true;
    }
    return closed.set.has(r.key);
  }

  function close(g: OpenEvent, viaEoe: boolean): void {
    if (g === solo) solo = undefined;
    else removeOpenEvent(open, g);
    if (g === lastGroup) lastGroup = undefined;
    c.pending -= g.records.length;
    if (!viaEoe) c.timedOut++;
    remember(g.key, (g.records[0] as AuditRecord).serial);
    emit(g.records);
  }

  function emit(records: readonly AuditRecord[]): void {
    c.groups++;
    const built = buildEvent(records, host);
    if (built.kind === 'ignored') {
      for (const r of records) miss('ignored', built.reason, r.source);
      return;
    }
    c.events++;
    c.consumed += records.length;
    add({ kind: 'event', event: built });
  }

  function expire(time: number): void {
    for (let g = open.stalest; g !== undefined; g = open.stalest) {
      if (seq - g.lastSeq <= timeoutRecords && time - g.time <= timeoutMs) return;
      close(g, false);
    }
  }

  function record(r: AuditRecord, afterRecord: boolean): void {
    c.records++;
    seq++;
    // Time-outs are checked when a record of another event arrives: consecutive records
    // of one event cannot make any event stale in event time.
    // lastKey is the key of the record read before, if any: then the reader already knows
    // whether this key is the same (no string comparison).
    const switched = afterRecord ? !r.continued : r.key !== lastKey;
    let g = lastGroup;
    if (switched) {
      lastKey = r.key;
      if (solo !== undefined) {
        addOpenEvent(open, solo);
        solo = undefined;
      }
      // Nothing open (in-order logs, between events): nothing to expire or find.
      if (pending.size === 0) g = undefined;
      else {
        expire(r.time);
        g = pending.get(r.key);
      }
      lastGroup = g;
    }
    if (r.type === 'EOE') {
      if (g !== undefined) {
        if (g.records.length >= maxRecordsPerEvent) {
          // The EOE still closes the event; it is simply not kept as evidence.
          close(g, true);
          miss('ignored', 'event_too_large', r.source);
          return;
        }
        g.records.push(r);
        c.pending++;
        close(g, true);
      } else {
        miss('ignored', wasClosed(r) ? 'late_record' : 'orphan_eoe', r.source);
      }
      return;
    }
    if (g !== undefined) {
      if (g.records.length >= maxRecordsPerEvent) {
        miss('ignored', 'event_too_large', r.source);
        return;
      }
      g.records.push(r);
      c.pending++;
      g.lastSeq = seq;
      // Keep the order by last activity so the front is the stalest event.
      if (switched) touchOpenEvent(open, g);
      return;
    }
    if (wasClosed(r)) {
      miss('ignored', 'late_record', r.source);
      return;
    }
    if (r.userSpace) {
      remember(r.key, r.serial);
      emit([r]);
      return;
    }
    if (pending.size >= maxPending) {
      const front = open.stalest;
      if (front !== undefined) {
        c.evicted++;
        close(front, false);
      }
    }
    lastGroup = {
      key: r.key,
      time: r.time,
      records: [r],
      lastSeq: seq,
      older: undefined,
      newer: undefined,
    };
    if (pending.size === 0) solo = lastGroup;
    else addOpenEvent(open, lastGroup);
    c.pending++;
  }

  /**
   * Reads one line; `b` holds its bytes from `at` (see {@link readRecordAt}), or is
   * `undefined` for a line read alone. `firstGs` is as for {@link readRecordAt}.
   */
  function line(
    text: string,
    source: string,
    n: number,
    b: Uint8Array | undefined,
    at: number,
    firstGs: number,
  ): void {
    c.lines++;
    if (text.length > maxLineLength) {
      miss('malformed', 'line_too_long', {
        source,
        line: n,
        text: text.slice(0, maxLineLength),
      });
      return;
    }
    const prov: Provenance = { source, line: n, text };
    if (text.length === 0 || (text.charCodeAt(0) <= 32 && text.trim().length === 0)) {
      miss('malformed', 'empty_line', prov);
      return;
    }
    if (text.charCodeAt(0) === 35) {
      miss('ignored', 'comment', prov);
      return;
    }
    const r =
      b === undefined
        ? readRecord(text, prov, previous, other)
        : readRecordAt(text, b, at, firstGs, prov, previous, other);
    if ('reason' in r) {
      miss(r.kind, r.reason, prov);
      return;
    }
    const afterRecord = previous !== undefined;
    if (afterRecord && !r.continued) other = previous;
    previous = r;
    record(r, afterRecord);
  }

  // What `piece` read: how many lines, and where the next piece starts (one object reused).
  const read = { lines: 0, end: 0 };

  /**
   * Reads the lines of `text` from `start` (a line start, before its end) up to at most
   * TEXT_BYTES_MAX units, whole lines only (a longer line alone): their bytes are copied
   * once and each line's header read from them at its offset, and the next `0x1d` is
   * found once for all the lines before it. A non-ASCII piece is read a line at a time.
   */
  function piece(text: string, start: number, source: string, first: number): typeof read {
    let end = text.length;
    if (end - start > TEXT_BYTES_MAX) {
      // To the last line end in reach, else past the one line too long for a copy.
      const cut = text.lastIndexOf('\n', start + TEXT_BYTES_MAX - 1);
      const last = cut >= start ? cut : text.indexOf('\n', start);
      if (last >= 0) end = last + 1;
    }
    const b = end - start > TEXT_BYTES_MAX ? undefined : textBytes(text, start, end);
    let n = first;
    let from = start;
    // The next 0x1d at or after `from`, or `end` when there is none before it.
    let gs = b === undefined ? -1 : text.indexOf('\u001d', from);
    if (gs < 0 || gs > end) gs = end;
    while (from < end) {
      let nl = text.indexOf('\n', from);
      if (nl < 0 || nl >= end) nl = end;
      let stop = nl;
      if (stop > from && text.charCodeAt(stop - 1) === 13) stop--;
      if (b === undefined) line(text.slice(from, stop), source, n, undefined, 0, -1);
      else {
        if (gs < from) {
          gs = text.indexOf('\u001d', from);
          if (gs < 0 || gs > end) gs = end;
        }
        line(
          text.slice(from, stop),
          source,
          n,
          b,
          from - start,
          gs < stop ? gs - from : stop - from,
        );
      }
      n++;
      from = nl + 1;
    }
    read.lines = n - first;
    read.end = from;
    return read;
  }

  if (saved !== undefined) {
    for (const key of saved.closed) remember(key, serialOf(key));
    for (const event of saved.open) {
      const g = reopen(event.records);
      if (pending.has(g.key)) throw new TypeError(`snapshot: event ${g.key} is open twice`);
      g.lastSeq = event.lastSeq;
      addOpenEvent(open, g);
    }
    lastGroup = pending.get(lastKey);
  }

  return {
    push(text, source) {
      out = undefined;
      if (text.length === 0) line('', source.source, source.line, undefined, 0, -1);
      else {
        let start = 0;
        let n = source.line;
        while (start < text.length) {
          const next = piece(text, start, source.source, n);
          n += next.lines;
          start = next.end;
        }
      }
      return taken();
    },
    flush() {
      out = undefined;
      for (const g of openEventsInOrder(open)) close(g, false);
      if (solo !== undefined) close(solo, false);
      return taken();
    },
    stats(): AuditStats {
      return { ...c };
    },
    snapshot(): AuditAssemblerSnapshot {
      const events = [];
      for (const g of solo === undefined ? openEventsInOrder(open) : [solo]) {
        events.push({ lastSeq: g.lastSeq, records: g.records.map(copyProvenance) });
      }
      const keys: string[] = [];
      for (let i = 0; i < CLOSED_MEMORY; i++) {
        const key = closed.ring[(closed.next + i) % CLOSED_MEMORY];
        if (key !== undefined) keys.push(key);
      }
      return {
        format: 'sshtrail.audit-assembler',
        version: 1,
        seq,
        lastKey,
        stats: { ...c },
        open: events,
        closed: keys,
      };
    },
  };
}

function copyProvenance(r: AuditRecord): Provenance {
  return { source: r.source.source, line: r.source.line, text: r.source.text };
}

/** Re-reads the records of a snapshotted open event (they were records when snapshotted). */
function reopen(lines: readonly Provenance[]): OpenEvent {
  const records: AuditRecord[] = [];
  for (const p of lines) {
    const r = readRecord(p.text, { source: p.source, line: p.line, text: p.text });
    if ('reason' in r) {
      throw new TypeError(`snapshot: open record at line ${p.line} is not an audit record`);
    }
    const first = records[0];
    if (first !== undefined && r.key !== first.key) {
      throw new TypeError(`snapshot: open record at line ${p.line} belongs to another event`);
    }
    records.push(r);
  }
  const first = records[0];
  if (first === undefined) throw new TypeError('snapshot: an open event has no records');
  return {
    key: first.key,
    time: first.time,
    records,
    lastSeq: 0,
    older: undefined,
    newer: undefined,
  };
}

/** The serial a closed key ends with (`...:SERIAL`), or `Infinity` when it has none. */
function serialOf(key: string): number {
  const colon = key.lastIndexOf(':');
  let serial = 0;
  for (let i = colon + 1; i < key.length; i++) {
    const d = key.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return Number.POSITIVE_INFINITY;
    serial = serial * 10 + d;
  }
  return colon < 0 || colon === key.length - 1 ? Number.POSITIVE_INFINITY : serial;
}

function positive(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value <= 0) {
    throw new RangeError(`${name} must be a positive number, got ${value}`);
  }
  return value;
}
