/**
 * A bounded key-value map in plain JSON (for detector state): an object whose insertion
 * order is its recency order. Keys are prefixed so numeric-looking keys keep that order.
 * Change `entries` only through the lru functions (reading it directly is fine).
 *
 * @example
 * ```ts
 * const empty: Lru<number> = { entries: {}, size: 0, evicted: 0 };
 * ```
 */
export interface Lru<V> {
  /** Entries, least recently used first. */
  entries: Record<string, V>;
  /** Number of entries. */
  size: number;
  /** Entries dropped to stay within the cap. */
  evicted: number;
}

// The keys of each `entries` object in its enumeration order, as a linked list indexed by
// key. A keyed-out object (dictionary mode) enumerates by sorting all its keys, so finding the
// oldest with `for…in` cost O(n log n) per eviction; this finds it in O(1). (Not a Set: taking
// the first of a Set walks the holes its deletions left at the front, O(n) again.) Keyed by
// `entries`, not by the Lru, so copies of an Lru sharing `entries` share its order too; an
// `entries` from JSON (a snapshot) or made elsewhere gets its order once, lazily.
interface Node {
  readonly key: string;
  prev: Node;
  next: Node;
}

interface Order {
  readonly nodes: Map<string, Node>;
  /** Sentinel of the circular list: `next` is the oldest key, `prev` the newest. */
  readonly ring: Node;
}

const orders = new WeakMap<object, Order>();

function orderOf(entries: object): Order {
  let order = orders.get(entries);
  if (order === undefined) {
    const ring = { key: '' } as Node;
    ring.prev = ring;
    ring.next = ring;
    order = { nodes: new Map(), ring };
    for (const k of Object.keys(entries)) append(order, k);
    orders.set(entries, order);
  }
  return order;
}

function append(order: Order, k: string): void {
  const ring = order.ring;
  const node: Node = { key: k, prev: ring.prev, next: ring };
  ring.prev.next = node;
  ring.prev = node;
  order.nodes.set(k, node);
}

function unlink(node: Node): void {
  node.prev.next = node.next;
  node.next.prev = node.prev;
}

function remove(order: Order, k: string): void {
  const node = order.nodes.get(k);
  if (node === undefined) return;
  unlink(node);
  order.nodes.delete(k);
}

// Moves `k` to the most recent end of both `entries` and its order.
function touch<V>(entries: Record<string, V>, order: Order, k: string, value: V): void {
  const node = order.nodes.get(k);
  // Already the newest (as after lruGet then lruSet of one key): deleting and adding it back
  // would leave the same order, and `delete` is a slow runtime call.
  if (node !== undefined && node.next === order.ring) {
    entries[k] = value;
    return;
  }
  delete entries[k];
  entries[k] = value;
  if (node === undefined) {
    append(order, k);
    return;
  }
  unlink(node);
  const ring = order.ring;
  node.prev = ring.prev;
  node.next = ring;
  ring.prev.next = node;
  ring.prev = node;
}

/** @internal A new empty map. */
export function lruCreate<V>(): Lru<V> {
  return { entries: {}, size: 0, evicted: 0 };
}

/** @internal Reads an entry and marks it most recently used. */
export function lruGet<V>(lru: Lru<V>, key: string): V | undefined {
  const k = `#${key}`;
  const value = lru.entries[k];
  if (value === undefined) return undefined;
  touch(lru.entries, orderOf(lru.entries), k, value);
  return value;
}

/** @internal Reads an entry without touching its recency. */
export function lruPeek<V>(lru: Lru<V>, key: string): V | undefined {
  return lru.entries[`#${key}`];
}

/** @internal Writes an entry (most recently used), dropping the least recent beyond `max`. */
export function lruSet<V>(lru: Lru<V>, key: string, value: V, max: number): void {
  const k = `#${key}`;
  const entries = lru.entries;
  const order = orderOf(entries);
  if (!(k in entries)) lru.size += 1;
  touch(entries, order, k, value);
  while (lru.size > max) {
    const oldest = firstKey(entries, order);
    if (oldest === undefined) break;
    delete entries[oldest];
    remove(order, oldest);
    lru.size -= 1;
    lru.evicted += 1;
  }
}

// The first key still in `entries` (dropping from `order` any a caller deleted directly).
function firstKey(entries: object, order: Order): string | undefined {
  for (let node = order.ring.next; node !== order.ring; node = order.ring.next) {
    if (node.key in entries) return node.key;
    remove(order, node.key);
  }
  return undefined;
}

/** @internal Removes an entry. */
export function lruDelete<V>(lru: Lru<V>, key: string): void {
  const k = `#${key}`;
  if (!(k in lru.entries)) return;
  delete lru.entries[k];
  remove(orderOf(lru.entries), k);
  lru.size -= 1;
}

/** @internal The entries' keys (without prefix) and values, least recent first. */
export function lruEntries<V>(lru: Lru<V>): [string, V][] {
  const entries = lru.entries;
  const out: [string, V][] = [];
  const ring = orderOf(entries).ring;
  for (let node = ring.next; node !== ring; node = node.next) {
    const k = node.key;
    const v = entries[k];
    // `in` only for an undefined value: a key deleted directly is not an entry any more.
    if (v !== undefined || k in entries) out.push([k.slice(1), v as V]);
  }
  return out;
}

/** @internal The least recently used entry (key without prefix), or `undefined`. */
export function lruOldest<V>(lru: Lru<V>): [string, V] | undefined {
  const entries = lru.entries;
  const ring = orderOf(entries).ring;
  for (let node = ring.next; node !== ring; node = node.next) {
    const k = node.key;
    const v = entries[k];
    if (v !== undefined) return [k.slice(1), v];
  }
  return undefined;
}
