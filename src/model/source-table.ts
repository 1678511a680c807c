/**
 * @internal One source address's recent failures: flat `[bucketStart, count, ...]`, with its
 * neighbours in least-recently-failing order.
 */
export interface SourceEntry {
  readonly key: string;
  buckets: number[];
  older: SourceEntry | undefined;
  newer: SourceEntry | undefined;
}

/**
 * @internal A host's failing sources, least recently failing first. The order is a linked list
 * through the entries, not a `Map` kept in that order by delete and re-set: in a brute force
 * nearly every failure moves its source, each move left a deleted slot, and the `Map` kept
 * allocating new hash tables (promoted to old space with the counters they held). Now the
 * `Map` changes only when a source appears or goes.
 */
export interface SourceTable {
  readonly byKey: Map<string, SourceEntry>;
  oldest: SourceEntry | undefined;
  newest: SourceEntry | undefined;
}

/** @internal An empty table. */
export function newSourceTable(): SourceTable {
  return { byKey: new Map(), oldest: undefined, newest: undefined };
}

/** @internal The failure buckets of a source, if tracked. */
export function sourceBuckets(table: SourceTable, key: string): number[] | undefined {
  return table.byKey.get(key)?.buckets;
}

/** @internal The entry of a source (created if new), made the most recently failing. */
export function touchSource(table: SourceTable, key: string): SourceEntry {
  let entry = table.byKey.get(key);
  if (entry === undefined) {
    entry = { key, buckets: [], older: undefined, newer: undefined };
    table.byKey.set(key, entry);
  } else if (entry === table.newest) {
    return entry;
  } else {
    unlink(table, entry);
  }
  append(table, entry);
  return entry;
}

/**
 * @internal Sets a source's buckets like `Map.set` (restore, in saved order): a new source
 * becomes the most recently failing, a known one keeps its place.
 */
export function setSource(table: SourceTable, key: string, buckets: number[]): void {
  const known = table.byKey.get(key);
  if (known !== undefined) {
    known.buckets = buckets;
    return;
  }
  const entry: SourceEntry = { key, buckets, older: undefined, newer: undefined };
  table.byKey.set(key, entry);
  append(table, entry);
}

/** @internal Stops tracking a source. */
export function dropSource(table: SourceTable, entry: SourceEntry): void {
  table.byKey.delete(entry.key);
  unlink(table, entry);
}

/** @internal The sources with their buckets, least recently failing first. */
export function sourceEntries(table: SourceTable): [string, number[]][] {
  const out: [string, number[]][] = [];
  for (let entry = table.oldest; entry !== undefined; entry = entry.newer) {
    out.push([entry.key, entry.buckets]);
  }
  return out;
}

function append(table: SourceTable, entry: SourceEntry): void {
  const newest = table.newest;
  entry.older = newest;
  entry.newer = undefined;
  if (newest === undefined) table.oldest = entry;
  else newest.newer = entry;
  table.newest = entry;
}

function unlink(table: SourceTable, entry: SourceEntry): void {
  const { older, newer } = entry;
  if (older === undefined) table.oldest = newer;
  else older.newer = newer;
  if (newer === undefined) table.newest = older;
  else newer.older = older;
  entry.older = undefined;
  entry.newer = undefined;
}
