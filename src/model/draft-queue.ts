import type { SessionDraft } from './session-draft.js';

/**
 * @internal A host's pre-auth drafts, oldest first (ascending seq, as they are created).
 * Not a `Map`: in a brute force the pending set empties after almost every connection, and a
 * `Map` that empties (or fills its deleted slots) allocates a new hash table in old space with
 * a runtime call each time; those dead tables also keep dropped drafts alive through
 * scavenges. An array with a moving head removes without allocating.
 */
export interface DraftQueue {
  /** Slots before `head` are empty (`undefined`). */
  readonly items: (SessionDraft | undefined)[];
  head: number;
}

/** @internal An empty queue. */
export function newDraftQueue(): DraftQueue {
  return { items: [], head: 0 };
}

/** @internal The number of drafts queued. */
export function queueSize(queue: DraftQueue): number {
  return queue.items.length - queue.head;
}

/** @internal The oldest queued draft. */
export function oldestQueued(queue: DraftQueue): SessionDraft | undefined {
  return queue.items[queue.head];
}

/** @internal Appends a draft (newer than every queued one, except in restored snapshots). */
export function enqueue(queue: DraftQueue, draft: SessionDraft): void {
  queue.items.push(draft);
}

/** @internal The queued drafts, oldest first (a copy). */
export function queuedDrafts(queue: DraftQueue): SessionDraft[] {
  return queue.items.slice(queue.head) as SessionDraft[];
}

/** @internal Removes a draft if queued; moves whichever side of it is shorter. */
export function dequeue(queue: DraftQueue, draft: SessionDraft): void {
  const items = queue.items;
  const at = find(queue, draft);
  if (at === -1) return;
  const head = queue.head;
  if (at - head < items.length - 1 - at) {
    for (let i = at; i > head; i--) items[i] = items[i - 1];
    items[head] = undefined;
    queue.head = head + 1;
    if (queue.head === items.length) clear(queue);
    else if (queue.head > 64 && queue.head * 2 > items.length) compact(queue);
  } else {
    for (let i = at; i < items.length - 1; i++) items[i] = items[i + 1];
    items.pop();
    if (queue.head === items.length) clear(queue);
  }
}

/**
 * @internal Removes, oldest first, the drafts `expired` accepts, calling `drop` on each as it
 * goes (in place: one pass, no copy).
 */
export function dequeueWhere(
  queue: DraftQueue,
  expired: (draft: SessionDraft) => boolean,
  drop: (draft: SessionDraft) => void,
): void {
  const items = queue.items;
  let kept = queue.head;
  for (let i = queue.head; i < items.length; i++) {
    const draft = items[i] as SessionDraft;
    if (expired(draft)) drop(draft);
    else items[kept++] = draft;
  }
  while (items.length > kept) items.pop();
  if (queue.head === items.length) clear(queue);
}

// Binary search by seq; a linear scan when a restored snapshot was out of order.
function find(queue: DraftQueue, draft: SessionDraft): number {
  const items = queue.items;
  const seq = draft.seq;
  let lo = queue.head;
  let hi = items.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const at = items[mid] as SessionDraft;
    if (at === draft) return mid;
    if (at.seq < seq) lo = mid + 1;
    else hi = mid - 1;
  }
  const at = items.indexOf(draft, queue.head);
  return at;
}

function clear(queue: DraftQueue): void {
  // Emptied: start over at slot 0 without setting `length` (a runtime call) when nothing is left.
  const items = queue.items;
  while (items.length > 0) items.pop();
  queue.head = 0;
}

function compact(queue: DraftQueue): void {
  const items = queue.items;
  const head = queue.head;
  const n = items.length - head;
  for (let i = 0; i < n; i++) items[i] = items[head + i];
  items.length = n;
  queue.head = 0;
}
