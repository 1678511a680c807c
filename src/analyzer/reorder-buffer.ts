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
 * Holds events for a skew window and releases them in (time, arrival) order once they are
 * older than the newest time seen minus the window, so slightly out-of-order sources come out
 * in time order. Events that arrive in order (the common case) wait in a FIFO queue; only
 * out-of-order ones go through a min-heap, and releases take the smaller of the two heads.
 * Its size is bounded by the events inside the window and by `capacity`.
 */
export interface ReorderBuffer {
  /** Adds an event; hands the events now safe to release to `release`, in time order. */
  push(event: SshtrailEvent, release: (event: SshtrailEvent) => void): void;
  /** Releases everything, in time order. */
  drain(release: (event: SshtrailEvent) => void): void;
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
  // The in-order queue: events and arrival numbers from `head` on, times non-decreasing.
  let queue: SshtrailEvent[] = [];
  let queueSeq: number[] = [];
  let head = 0;
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
  const popHeap = (): SshtrailEvent => {
    const top = heap[0] as Buffered;
    const last = heap.pop() as Buffered;
    if (heap.length > 0) {
      heap[0] = last;
      down();
    }
    return top.event;
  };
  const popQueue = (): SshtrailEvent => {
    const event = queue[head] as SshtrailEvent;
    head++;
    if (head === queue.length) {
      queue.length = 0;
      queueSeq.length = 0;
      head = 0;
    } else if (head >= 1024 && head * 2 >= queue.length) {
      queue = queue.slice(head);
      queueSeq = queueSeq.slice(head);
      head = 0;
    }
    return event;
  };
  /** Whether the queue's head comes before the heap's top (both non-empty). */
  const queueFirst = (): boolean => {
    const q = queue[head] as SshtrailEvent;
    const h = heap[0] as Buffered;
    return q.time < h.event.time || (q.time === h.event.time && (queueSeq[head] ?? 0) < h.seq);
  };
  const size = (): number => queue.length - head + heap.length;
  /** The oldest held event's time (size() > 0). */
  const oldest = (): number => {
    if (heap.length === 0) return (queue[head] as SshtrailEvent).time;
    if (head === queue.length) return (heap[0] as Buffered).event.time;
    return queueFirst() ? (queue[head] as SshtrailEvent).time : (heap[0] as Buffered).event.time;
  };
  const pop = (): SshtrailEvent => {
    const event =
      heap.length === 0 || (head < queue.length && queueFirst()) ? popQueue() : popHeap();
    if (event.time > released) released = event.time;
    return event;
  };

  return {
    push(event, release) {
      if (event.time < released) {
        // Too late to be put in order: process it now rather than drop it, and count it.
        late++;
        release(event);
        return;
      }
      const tail = queue.length === head ? undefined : queue[queue.length - 1];
      if (tail === undefined || event.time >= tail.time) {
        queue.push(event);
        queueSeq.push(seq++);
      } else {
        heap.push({ seq: seq++, event });
        up(heap.length - 1);
      }
      if (event.time > newest) newest = event.time;
      const watermark = newest - skewMs;
      while (size() > 0 && oldest() <= watermark) release(pop());
      while (size() > capacity) {
        overflowed++;
        release(pop());
      }
    },
    drain(release) {
      while (size() > 0) release(pop());
    },
    get late() {
      return late;
    },
    get overflowed() {
      return overflowed;
    },
    state() {
      // Sorted by (time, arrival), which is also a valid heap order.
      const items: Buffered[] = [...heap];
      for (let i = head; i < queue.length; i++) {
        items.push({ seq: queueSeq[i] ?? 0, event: queue[i] as SshtrailEvent });
      }
      items.sort((a, b) => (less(a, b) ? -1 : less(b, a) ? 1 : 0));
      return { items, seq, newest, released, late, overflowed };
    },
  };
}
