// Today's (before the side index) Lru, verbatim: the oracle of lru.test.ts. Its eviction
// enumerates the whole object, so it is O(n log n) per call; fine for small test maps.
/** The plain-JSON form both implementations share. */
export interface OracleLru<V> {
  /** Entries, least recently used first. */
  entries: Record<string, V>;
  /** Number of entries. */
  size: number;
  /** Entries dropped to stay within the cap. */
  evicted: number;
}

/** A new empty map. */
export function lruCreate<V>(): OracleLru<V> {
  return { entries: {}, size: 0, evicted: 0 };
}

/** Reads an entry and marks it most recently used. */
export function lruGet<V>(lru: OracleLru<V>, key: string): V | undefined {
  const k = `#${key}`;
  const value = lru.entries[k];
  if (value === undefined) return undefined;
  delete lru.entries[k];
  lru.entries[k] = value;
  return value;
}

/** Reads an entry without touching its recency. */
export function lruPeek<V>(lru: OracleLru<V>, key: string): V | undefined {
  return lru.entries[`#${key}`];
}

/** Writes an entry (most recently used), dropping the least recent beyond `max`. */
export function lruSet<V>(lru: OracleLru<V>, key: string, value: V, max: number): void {
  const k = `#${key}`;
  if (k in lru.entries) delete lru.entries[k];
  else lru.size += 1;
  lru.entries[k] = value;
  while (lru.size > max) {
    let oldest: string | undefined;
    for (const first in lru.entries) {
      oldest = first;
      break;
    }
    if (oldest === undefined) break;
    delete lru.entries[oldest];
    lru.size -= 1;
    lru.evicted += 1;
  }
}

/** Removes an entry. */
export function lruDelete<V>(lru: OracleLru<V>, key: string): void {
  const k = `#${key}`;
  if (!(k in lru.entries)) return;
  delete lru.entries[k];
  lru.size -= 1;
}

/** The entries' keys (without prefix) and values, least recent first. */
export function lruEntries<V>(lru: OracleLru<V>): [string, V][] {
  return Object.entries(lru.entries).map(([k, v]) => [k.slice(1), v]);
}

/** The least recently used entry (key without prefix), or `undefined`. */
export function lruOldest<V>(lru: OracleLru<V>): [string, V] | undefined {
  for (const k in lru.entries) {
    const v = lru.entries[k];
    if (v !== undefined) return [k.slice(1), v];
  }
  return undefined;
}
