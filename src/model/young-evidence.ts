import type { Provenance } from '../events/provenance.js';
import { detachProvenance } from './detach-provenance.js';
import type { SessionDraft } from './session-draft.js';
import type { TrackerCore } from './tracker-core.js';

/**
 * Events between two settlements. Undetached evidence then pins only the read chunks of the
 * last several hundred lines (about one or two 64 KiB chunks), which the reader holds anyway,
 * so it never carries a chunk across a scavenge (a scavenge comes every several thousand
 * lines). A longer period (4096) was measured to promote more than it saved.
 */
const SETTLE_EVERY = 256;

/**
 * @internal Whether the draft keeps its evidence as the parser's own lines: a pre-auth draft
 * created during the current or the previous settlement period. Most of them (scans, brute
 * force) are dropped within a few lines and their evidence is never shown, so copying it line
 * by line is wasted work; counting from the previous period, a connection that straddles a
 * settlement stays young too (measured, 30k of the 100k lines copied per 1M bench lines were
 * such connections' lines, copied and dropped). What a draft shows (sessions, snapshots) is
 * the same either way.
 */
export function isYoung(core: TrackerCore, draft: SessionDraft): boolean {
  return draft.phase === 'pending' && draft.seq > core.settledSeq;
}

/** @internal Detaches a young draft's evidence as it opens (it is about to be shown and kept). */
export function ageDraft(core: TrackerCore, draft: SessionDraft): void {
  if (draft.seq > core.settledSeq) detachAll(draft.evidence);
}

/**
 * @internal Counts one event; every {@link SETTLE_EVERY} events, detaches the evidence of the
 * still pending drafts of the previous period, which become old, and starts a new period.
 */
export function tickEvidence(core: TrackerCore): void {
  if (++core.sinceSettle < SETTLE_EVERY) return;
  core.sinceSettle = 0;
  const settled = core.settledSeq;
  const settling = core.settlingSeq;
  for (const host of core.hosts.values()) {
    const { items, head } = host.pending;
    for (let i = head; i < items.length; i++) {
      const draft = items[i] as SessionDraft;
      if (draft.seq > settled && draft.seq <= settling) detachAll(draft.evidence);
    }
  }
  core.settledSeq = settling;
  core.settlingSeq = core.seq;
}

function detachAll(evidence: Provenance[]): void {
  for (let i = 0; i < evidence.length; i++) {
    evidence[i] = detachProvenance(evidence[i] as Provenance);
  }
}
