/**
 * A binary min-heap ordered by (time, seq): the generator's agenda of future lines and
 * actions. `seq` breaks ties so the output is deterministic.
 */

/** Anything the agenda can hold: it only needs a time and an insertion sequence. */
export interface Timed {
  /** Microseconds since the epoch. */
  readonly time: number;
  /** Insertion order, for stable ties. */
  readonly seq: number;
}

function before(a: Timed, b: Timed): boolean {
  return a.time < b.time || (a.time === b.time && a.seq < b.seq);
}

/** A min-heap of timed items. */
export interface Agenda<T extends Timed> {
  /** Adds an item. */
  push(item: T): void;
  /** Removes and returns the earliest item, or `undefined` when empty. */
  pop(): T | undefined;
  /** The earliest item without removing it. */
  peek(): T | undefined;
  /** How many items are pending. */
  size(): number;
}

/**
 * Creates an empty agenda.
 *
 * @returns an {@link Agenda}
 * @example
 * ```ts
 * const agenda = createAgenda<{ time: number; seq: number }>();
 * agenda.push({ time: 2, seq: 0 });
 * agenda.pop(); // { time: 2, seq: 0 }
 * ```
 */
export function createAgenda<T extends Timed>(): Agenda<T> {
  const items: T[] = [];
  const up = (start: number): void => {
    let i = start;
    const item = items[i] as T;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = items[parent] as T;
      if (!before(item, p)) break;
      items[i] = p;
      i = parent;
    }
    items[i] = item;
  };
  const down = (): void => {
    const n = items.length;
    let i = 0;
    const item = items[0] as T;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const lc = items[l] as T;
      let child = l;
      let c = lc;
      if (r < n) {
        const rc = items[r] as T;
        if (before(rc, lc)) {
          child = r;
          c = rc;
        }
      }
      if (!before(c, item)) break;
      items[i] = c;
      i = child;
    }
    items[i] = item;
  };
  return {
    push(item) {
      items.push(item);
      up(items.length - 1);
    },
    pop() {
      const top = items[0];
      const last = items.pop();
      if (top !== undefined && last !== undefined && items.length > 0) {
        items[0] = last;
        down();
      }
      return top;
    },
    peek: () => items[0],
    size: () => items.length,
  };
}
