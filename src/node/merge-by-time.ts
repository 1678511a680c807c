/**
 * Merges streams that are each (roughly) in time order into one stream in time order, pulling
 * from whichever stream has the earliest pending item. Ties go to the earlier stream, so the
 * result is deterministic. Memory: one pending batch per stream.
 *
 * @param streams - Async iterables of batches, each batch in time order.
 * @param timeOf - The time of an item.
 * @returns The merged items.
 * @example
 * ```ts
 * for await (const event of mergeByTime([a, b], (e) => e.time)) analyzer.pushEvent(event);
 * ```
 */
export async function* mergeByTime<T>(
  streams: readonly AsyncIterable<readonly T[]>[],
  timeOf: (item: T) => number,
): AsyncIterable<T> {
  interface Head {
    readonly iterator: AsyncIterator<readonly T[]>;
    batch: readonly T[];
    index: number;
  }
  const heads: Head[] = [];
  const refill = async (head: Head): Promise<boolean> => {
    for (;;) {
      const next = await head.iterator.next();
      if (next.done) return false;
      if (next.value.length > 0) {
        head.batch = next.value;
        head.index = 0;
        return true;
      }
    }
  };
  for (const stream of streams) {
    const head: Head = { iterator: stream[Symbol.asyncIterator](), batch: [], index: 0 };
    if (await refill(head)) heads.push(head);
  }
  while (heads.length > 0) {
    let best = 0;
    let bestTime = timeOf((heads[0] as Head).batch[(heads[0] as Head).index] as T);
    for (let i = 1; i < heads.length; i++) {
      const h = heads[i] as Head;
      const t = timeOf(h.batch[h.index] as T);
      if (t < bestTime) {
        best = i;
        bestTime = t;
      }
    }
    const head = heads[best] as Head;
    // Drain the chosen stream while it stays earliest: cheap when one stream dominates.
    const others =
      heads.length === 1 ? Number.POSITIVE_INFINITY : secondEarliest(heads, best, timeOf);
    while (head.index < head.batch.length) {
      const item = head.batch[head.index] as T;
      if (timeOf(item) > others) break;
      head.index++;
      yield item;
    }
    if (head.index >= head.batch.length && !(await refill(head))) heads.splice(best, 1);
  }
}

function secondEarliest<T>(
  heads: readonly { batch: readonly T[]; index: number }[],
  skip: number,
  timeOf: (item: T) => number,
): number {
  let min = Number.POSITIVE_INFINITY;
  for (let i = 0; i < heads.length; i++) {
    if (i === skip) continue;
    const h = heads[i] as { batch: readonly T[]; index: number };
    const t = timeOf(h.batch[h.index] as T);
    if (t < min) min = t;
  }
  return min;
}
