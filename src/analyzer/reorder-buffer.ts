import type { SshtrailEvent } from '../events/index.js';
import type { AnalyzerSnapshot } from './create-analyzer.js';

/** An event held for reordering, with its arrival number (ties keep arrival order). */
export interface Buffered {
  /** Arrival number. */
  readonly seq: number;
  /** The event. */
  readonly event: SshtrailEvent;
}

/**
 * @internal
 * A min-heap on (time, arrival) that releases events once they are older than the newest
 * time seen minus the skew window, so slightly out-of-order sources come out in time order.
 * Its size is bounded by the events inside the window and by `capacity`.
 */
export interface ReorderBuffer {
  /** Adds an event; returns the events now safe to release, in time order. */
  push(event: SshtrailEvent): SshtrailEvent[];
  /** Releases everything, in time order. */
  drain(): SshtrailEvent[];
  /** Events that arrived after newer ones had already been released (processed anyway). */
  readonly late: number;
  /** Events released early because the buffer was full. */
  readonly overflowed: number;
  /** Plain state for a snapshot. */
  state(): ReorderState;
}

/** The reorder buffer's state inside an {@link AnalyzerSnapshot} (plain JSON). */
export interface ReorderState {
  /** Events held, in heap order. */
  readonly items: readonly Buffered[];
  /** Next arrival number. */
  readonly seq: number;
  /** Newest event time seen. */
  readonly newest: number;
  /** Newest event time released. */
  readonly released: number;
  /** Events that came too late, so far. */
  readonly late: number;
  /** Events released early because the buffer was full, so far. */
  readonly overflowed: number;
}

/** @internal */
export function createReorderBuffer(
  skewMs: number,
  capacity: number,
  initial?: ReorderState,
): ReorderBuffer {
  const heap: Buffered[] = initial ? [...initial.items] : [];
  let seq = initial?.seq ?? 0;
  let newest = initial?.newest ?? Number.MIN_SAFE_INTEGER;
  let released = initial?.released ?? Number.MIN_SAFE_INTEGER;
  let late = initial?.late ?? 0;
  let overflowed = initial?.overflowed ?? 0;

  const less = (a: Buffered, b: Buffered): boolean =>
    a.event.time < b.event.time || (a.event.time === b.event.time && a.seq < b.seq);

  const up = (start: number): void => {
    let i = start;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pi = heap[parent] as Buffered;
      const ci = heap[i] as Buffered;
      if (!less(ci, pi)) return;
      heap[parent] = ci;
      heap[i] = pi;
      i = parent;
    }
  };
  const down = (): void => {
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && less(heap[l] as Buffered, heap[m] as Buffered)) m = l;
      if (r < heap.length && less(heap[r] as Buffered, heap[m] as Buffered)) m = r;
      if (m === i) return;
      const t = heap[i] as Buffered;
      heap[i] = heap[m] as Buffered;
      heap[m] = t;
      i = m;
    }
  };
  const pop = (): SshtrailEvent => {
    const top = heap[0] as Buffered;
    const last = heap.pop() as Buffered;
    if (heap.length > 0) {
      heap[0] = last;
      down();
    }
    if (top.event.time > released) released = top.event.time;
    return top.event;
  };

  return {
    push(event) {
      const out: SshtrailEvent[] = [];
      if (event.time < released) {
        // Too late to be put in order: process it now rather than drop it, and count it.
        late++;
        out.push(event);
        return out;
      }
      heap.push({ seq: seq++, event });
      up(heap.length - 1);
      if (event.time > newest) newest = event.time;
      const watermark = newest - skewMs;
      while (heap.length > 0 && (heap[0] as Buffered).event.time <= watermark) out.push(pop());
      while (heap.length > capacity) {
        overflowed++;
        out.push(pop());
      }
      return out;
    },
    drain() {
      const out: SshtrailEvent[] = [];
      while (heap.length > 0) out.push(pop());
      return out;
    },
    get late() {
      return late;
    },
    get overflowed() {
      return overflowed;
    },
    state() {
      return { items: [...heap], seq, newest, released, late, overflowed };
    },
  };
}
