import type { SessionDraft } from './session-draft.js';

/**
 * @internal A pid -> draft index in insertion order, like a `Map`, whose released pids stay as
 * `null` entries until there are more of them than live ones. A plain `Map` empties after
 * almost every pre-auth connection in a brute force, and each time it shrinks it allocates a
 * new hash table in old space with a runtime call (the dead tables then keep dropped drafts
 * alive through scavenges). A released pid registered again is deleted and re-added first, so
 * the order of the live entries is the one a plain `Map` would have (snapshots keep it).
 */
export interface PidIndex {
  map: Map<number, SessionDraft | null>;
  /** Entries whose value is `null`. */
  released: number;
}

// Released entries kept at least this many at once, so a brute force prunes once per hundreds.
const MIN_RELEASED = 32;

/** @internal An empty index. */
export function newPidIndex(): PidIndex {
  return { map: new Map(), released: 0 };
}

/** @internal The draft registered for a pid. */
export function pidGet(index: PidIndex, pid: number): SessionDraft | undefined {
  return index.map.get(pid) ?? undefined;
}

/** @internal Points a pid at a draft (a pid already present keeps its place). */
export function pidSet(index: PidIndex, pid: number, draft: SessionDraft): void {
  const map = index.map;
  if (map.get(pid) === null) {
    map.delete(pid);
    index.released -= 1;
  }
  map.set(pid, draft);
}

/** @internal Releases a pid if it still points at the draft. */
export function pidRelease(index: PidIndex, pid: number | undefined, draft: SessionDraft): void {
  if (pid === undefined || index.map.get(pid) !== draft) return;
  index.map.set(pid, null);
  index.released += 1;
  if (index.released > MIN_RELEASED && index.released * 2 > index.map.size) prune(index);
}

/** @internal The live entries, in insertion order. */
export function pidEntries(index: PidIndex): [number, SessionDraft][] {
  const out: [number, SessionDraft][] = [];
  index.map.forEach((draft, pid) => {
    if (draft !== null) out.push([pid, draft]);
  });
  return out;
}

function prune(index: PidIndex): void {
  const live = new Map<number, SessionDraft | null>();
  index.map.forEach((draft, pid) => {
    if (draft !== null) live.set(pid, draft);
  });
  index.map = live;
  index.released = 0;
}
