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
 * in time order. Events wait in a queue sorted by (time, arrival): those in order (the common
 * case) at its end, those out of order by at most {@link NEAR} queued events at their place;
 * only the others go through a min-heap, and releases take the smaller of the two heads.
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
  /** The time of the event being released (read inside `release`, saves re-reading it). */
  readonly releasing: number;
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

/** A held out-of-order event, with its time read once (events come in many shapes). */
interface Held {
  readonly seq: number;
  readonly time: number;
  readonly event: SshtrailEvent;
}

/**
 * How far back in the queue an out-of-order event is inserted (moving the later ones up)
 * rather than heaped. Hosts logging whole seconds among others logging microseconds put about
 * one event in twenty slightly out of order; in the heap each cost an allocation and made the
 * releases of every event behind it compare two heads (measured, 30 ms per 1M bench lines).
 * Bounded, so a far-behind source costs heap pushes, not long moves.
 */
const NEAR = 32;

/** @internal */
export function createReorderBuffer(
  skewMs: number,
  capacity: number,
  initial?: ReorderState,
): ReorderBuffer {
  const heap: Held[] = (initial?.items ?? []).map((b) => ({
    seq: b.seq,
    time: b.event.time,
    event: b.event,
  }));
  // The queue: a ring of events with their times and arrival numbers, sorted by (time,
  // arrival) from `head` on. A ring, not an array shifted and cleared, so the steady
  // state allocates nothing; times in a typed array, because reading `time` off events of a
  // dozen shapes boxes a new number at every read.
  let ring: (SshtrailEvent | undefined)[] = new Array(64).fill(undefined);
  let ringTime = new Float64Array(64);
  let ringSeq = new Float64Array(64);
  let mask = 63;
  let head = 0;
  let count = 0;
  let seq = initial?.seq ?? 0;
  // Times in an object's fields, not closure variables: a field updates its number in place,
  // a closure variable boxes a new one at every store.
  const clock = {
    newest: initial?.newest ?? Number.MIN_SAFE_INTEGER,
    released: initial?.released ?? Number.MIN_SAFE_INTEGER,
  };

  const less = (a: Held, b: Held): boolean =>
    a.time < b.time || (a.time === b.time && a.seq < b.seq);

  const up = (start: number): void => {
    let i = start;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pi = heap[parent] as Held;
      const ci = heap[i] as Held;
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
      if (l < heap.length && less(heap[l] as Held, heap[m] as Held)) m = l;
      if (r < heap.length && less(heap[r] as Held, heap[m] as Held)) m = r;
      if (m === i) return;
      const t = heap[i] as Held;
      heap[i] = heap[m] as Held;
      heap[m] = t;
      i = m;
    }
  };
  const enqueue = (event: SshtrailEvent, time: number, arrival: number): void => {
    if (count === ring.length) {
      const size = ring.length * 2;
      const grown: (SshtrailEvent | undefined)[] = new Array(size).fill(undefined);
      const grownTime = new Float64Array(size);
      const grownSeq = new Float64Array(size);
      for (let i = 0; i < count; i++) {
        const from = (head + i) & mask;
        grown[i] = ring[from];
        grownTime[i] = ringTime[from] as number;
        grownSeq[i] = ringSeq[from] as number;
      }
      ring = grown;
      ringTime = grownTime;
      ringSeq = grownSeq;
      mask = size - 1;
      head = 0;
    }
    const at = (head + count) & mask;
    ring[at] = event;
    ringTime[at] = time;
    ringSeq[at] = arrival;
    count++;
  };
  /**
   * Inserts an event older than the queue's last one at its place, when at most `NEAR` queued
   * events are newer: appends it, then moves those up by one. False (nothing done) otherwise.
   */
  const insertNear = (event: SshtrailEvent, time: number, arrival: number): boolean => {
    let newer = 1;
    while (newer < count && (ringTime[(head + count - 1 - newer) & mask] as number) > time) {
      if (++newer > NEAR) return false;
    }
    enqueue(event, time, arrival);
    let at = (head + count - 1) & mask;
    for (let i = 0; i < newer; i++) {
      const from = (at - 1) & mask;
      ring[at] = ring[from];
      ringTime[at] = ringTime[from] as number;
      ringSeq[at] = ringSeq[from] as number;
      at = from;
    }
    ring[at] = event;
    ringTime[at] = time;
    ringSeq[at] = arrival;
    return true;
  };
  /** Whether the next event to release is the queue's head (something is held). */
  const queueNext = (): boolean => {
    if (heap.length === 0) return true;
    if (count === 0) return false;
    const q = ringTime[head] as number;
    const h = heap[0] as Held;
    return q < h.time || (q === h.time && (ringSeq[head] as number) < h.seq);
  };
  /** Whether the next event to release is at or before `time` (something is held). */
  const nextAtOrBefore = (time: number): boolean =>
    queueNext() ? (ringTime[head] as number) <= time : (heap[0] as Held).time <= time;
  /** Notes the time of the event being released. */
  const releasing = (time: number): void => {
    if (time > clock.released) clock.released = time;
    buffer.releasing = time;
  };
  /** Removes and returns the queue's head (the queue is not empty). */
  const popQueue = (): SshtrailEvent => {
    const event = ring[head] as SshtrailEvent;
    releasing(ringTime[head] as number);
    ring[head] = undefined;
    head = (head + 1) & mask;
    count--;
    return event;
  };
  /** Removes and returns the heap's top (the heap is not empty). */
  const popHeap = (): SshtrailEvent => {
    const top = heap[0] as Held;
    const last = heap.pop() as Held;
    if (heap.length > 0) {
      heap[0] = last;
      down();
    }
    releasing(top.time);
    return top.event;
  };
  /** Removes and returns the next event in (time, arrival) order (something is held). */
  const pop = (): SshtrailEvent => (queueNext() ? popQueue() : popHeap());

  // Data properties, not getters: the analyzer compares them after every event.
  const buffer: ReorderBuffer & { late: number; overflowed: number; releasing: number } = {
    late: initial?.late ?? 0,
    overflowed: initial?.overflowed ?? 0,
    releasing: Number.MIN_SAFE_INTEGER,
    push(event, release) {
      const time = event.time;
      if (time < clock.released) {
        // Too late to be put in order: process it now rather than drop it, and count it.
        buffer.late++;
        buffer.releasing = time;
        release(event);
        return;
      }
      if (count === 0 || time >= (ringTime[(head + count - 1) & mask] as number)) {
        enqueue(event, time, seq++);
      } else if (insertNear(event, time, seq)) {
        seq++;
      } else {
        heap.push({ seq: seq++, time, event });
        up(heap.length - 1);
      }
      if (time > clock.newest) clock.newest = time;
      const watermark = clock.newest - skewMs;
      for (;;) {
        // In-order input, the common case, leaves the heap empty: the ring's head decides.
        if (heap.length === 0) {
          if (count === 0 || (ringTime[head] as number) > watermark) break;
          release(popQueue());
        } else if (nextAtOrBefore(watermark)) {
          release(pop());
        } else {
          break;
        }
      }
      while (count + heap.length > capacity) {
        buffer.overflowed++;
        release(pop());
      }
    },
    drain(release) {
      while (count + heap.length > 0) release(pop());
    },
    state() {
      // Sorted by (time, arrival), which is also a valid heap order.
      const held: Held[] = [...heap];
      for (let i = 0; i < count; i++) {
        const at = (head + i) & mask;
        held.push({
          seq: ringSeq[at] as number,
          time: ringTime[at] as number,
          event: ring[at] as SshtrailEvent,
        });
      }
      held.sort((a, b) => (less(a, b) ? -1 : less(b, a) ? 1 : 0));
      const items: Buffered[] = held.map((h) => ({ seq: h.seq, event: h.event }));
      return {
        items,
        seq,
        newest: clock.newest,
        released: clock.released,
        late: buffer.late,
        overflowed: buffer.overflowed,
      };
    },
  };
  return buffer;
}
