import type { AuditRecord } from './record.js';

/**
 * An event being assembled, linked into its {@link OpenEvents}' activity order.
 *
 * @internal
 */
export interface OpenEvent {
  /** The event id (node, time and serial). */
  readonly key: string;
  /** Its first record's time (epoch ms). */
  readonly time: number;
  /** Its records so far, in arrival order. */
  readonly records: AuditRecord[];
  /** The assembler's record count at its last record. */
  lastSeq: number;
  /** The next less recently active open event. */
  older: OpenEvent | undefined;
  /** The next more recently active one. */
  newer: OpenEvent | undefined;
}

/**
 * Open events by id, and in order of last activity (the stalest first, for time-outs and
 * eviction). The order is a linked list rather than the map's insertion order: records of
 * two events often alternate, and moving an event to the back of a `Map` costs a delete
 * and an insert (two hashes, and a table that fills with holes), here four pointers.
 *
 * @internal
 */
export interface OpenEvents {
  /** The events by key. */
  readonly byKey: Map<string, OpenEvent>;
  /** The least recently active event. */
  stalest: OpenEvent | undefined;
  /** The most recently active event. */
  latest: OpenEvent | undefined;
}

/**
 * An empty set of open events.
 *
 * @returns The set.
 * @example
 * ```ts
 * const open = createOpenEvents();
 * ```
 * @internal
 */
export function createOpenEvents(): OpenEvents {
  return { byKey: new Map(), stalest: undefined, latest: undefined };
}

/**
 * Adds an event (not already in) as the most recently active.
 *
 * @param open - The set.
 * @param e - The event.
 * @example
 * ```ts
 * addOpenEvent(open, event);
 * ```
 * @internal
 */
export function addOpenEvent(open: OpenEvents, e: OpenEvent): void {
  open.byKey.set(e.key, e);
  append(open, e);
}

/**
 * Removes an event of the set.
 *
 * @param open - The set.
 * @param e - The event.
 * @example
 * ```ts
 * removeOpenEvent(open, event);
 * ```
 * @internal
 */
export function removeOpenEvent(open: OpenEvents, e: OpenEvent): void {
  open.byKey.delete(e.key);
  unlink(open, e);
}

/**
 * Makes an event of the set the most recently active.
 *
 * @param open - The set.
 * @param e - The event.
 * @example
 * ```ts
 * touchOpenEvent(open, event);
 * ```
 * @internal
 */
export function touchOpenEvent(open: OpenEvents, e: OpenEvent): void {
  if (open.latest === e) return;
  unlink(open, e);
  append(open, e);
}

/**
 * The events of the set, the stalest first.
 *
 * @param open - The set.
 * @returns A copy of the order.
 * @example
 * ```ts
 * for (const e of openEventsInOrder(open)) close(e);
 * ```
 * @internal
 */
export function openEventsInOrder(open: OpenEvents): OpenEvent[] {
  const out: OpenEvent[] = [];
  for (let e = open.stalest; e !== undefined; e = e.newer) out.push(e);
  return out;
}

function append(open: OpenEvents, e: OpenEvent): void {
  e.older = open.latest;
  e.newer = undefined;
  if (open.latest === undefined) open.stalest = e;
  else open.latest.newer = e;
  open.latest = e;
}

function unlink(open: OpenEvents, e: OpenEvent): void {
  if (e.older === undefined) open.stalest = e.newer;
  else e.older.newer = e.newer;
  if (e.newer === undefined) open.latest = e.older;
  else e.newer.older = e.older;
  e.older = undefined;
  e.newer = undefined;
}
