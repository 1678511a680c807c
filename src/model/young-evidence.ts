import type { Provenance } from '../events/provenance.js';
import { detachProvenance } from './detach-provenance.js';
import type { SessionDraft } from './session-draft.js';

/**
 * Tracked events between two settlements: the lines young evidence may pin are those of the
 * last this many events, a bound of the same kind as the reorder buffer's.
 */
const SETTLE_EVERY = 4096;

/**
 * @internal
 * Evidence of young pre-auth drafts, kept as the parser's own provenance objects. Most
 * pre-auth connections (scans, brute force) are dropped within a few lines and their evidence
 * is never seen, so copying it line by line (what outlives its read chunk must be detached)
 * is wasted work. A pending draft is young when it was created after the last settlement; its
 * evidence is detached when it opens, or at the next settlement if it is still pending, so no
 * evidence pins a read chunk for longer than {@link SETTLE_EVERY} events. What a draft shows
 * (sessions, snapshots) is the same either way.
 */
export interface YoungEvidence {
  /** Drafts numbered above this were created after the last settlement. */
  settledSeq: number;
  /** Events since the last settlement. */
  events: number;
}

/** @internal Young evidence starting at draft number `seq` (drafts up to it are old). */
export function createYoungEvidence(seq: number): YoungEvidence {
  return { settledSeq: seq, events: 0 };
}

/**
 * @internal Appends an event's line to the draft's evidence (at most `max` lines: beyond it
 * the last one is replaced and the drop counted), undetached while the draft is young.
 */
export function addEvidence(
  young: YoungEvidence,
  draft: SessionDraft,
  line: Provenance,
  max: number,
): void {
  const kept =
    draft.phase === 'pending' && draft.seq > young.settledSeq ? line : detachProvenance(line);
  const evidence = draft.evidence;
  if (evidence.length < max) {
    evidence.push(kept);
  } else {
    evidence[max - 1] = kept;
    draft.dropped.evidence += 1;
  }
}

/** @internal Detaches a young draft's evidence as it opens (it is about to be shown and kept). */
export function ageEvidence(young: YoungEvidence, draft: SessionDraft): void {
  if (draft.seq > young.settledSeq) detachAll(draft.evidence);
}

/**
 * @internal Counts one event; every {@link SETTLE_EVERY} events, detaches the evidence of the
 * young drafts still pending on any host and makes every draft up to `seq` old.
 */
export function tickEvidence(
  young: YoungEvidence,
  hosts: ReadonlyMap<unknown, { readonly pending: ReadonlyMap<number, SessionDraft> }>,
  seq: number,
): void {
  if (++young.events < SETTLE_EVERY) return;
  young.events = 0;
  for (const host of hosts.values()) {
    for (const draft of host.pending.values()) {
      if (draft.seq > young.settledSeq) detachAll(draft.evidence);
    }
  }
  young.settledSeq = seq;
}

function detachAll(evidence: Provenance[]): void {
  for (let i = 0; i < evidence.length; i++) {
    evidence[i] = detachProvenance(evidence[i] as Provenance);
  }
}
