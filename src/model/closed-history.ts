import type { SshSession } from './session.js';
import { type SessionDraft, toSession } from './session-draft.js';
import type { TrackerCore } from './tracker-core.js';

/**
 * @internal A closed session in the history: its copy, or (while nobody reads updates, within
 * its grace window) the draft itself, copied when read or when the window ends. A closed
 * session takes late lines (pam, logind, `Transferred`) for `closeGraceMs`, each an update
 * that replaced its copy: four copies per session that nobody read.
 */
export type HistoryEntry = SshSession | SessionDraft;

function isDraft(entry: HistoryEntry): entry is SessionDraft {
  return 'seq' in entry;
}

/** @internal Adds a closed session (least recently closed user first, both bounded). */
export function remember(core: TrackerCore, session: SshSession): void {
  const user = session.user ?? '';
  const list = core.history.get(user) ?? [];
  core.history.delete(user);
  core.history.set(user, list);
  list.push(session);
  if (list.length > core.options.historyPerUser) list.shift();
  while (core.history.size > core.options.maxHistoryUsers) {
    const oldest = core.history.keys().next().value;
    if (oldest === undefined) break;
    core.history.delete(oldest);
  }
}

/**
 * @internal Points the history entry of a closed draft at its latest state: `session`, its
 * copy, or the draft itself when there is no copy (it is copied when read).
 */
export function replaceClosed(
  core: TrackerCore,
  draft: SessionDraft,
  session: SshSession | undefined,
): void {
  const list = core.history.get(draft.user ?? '');
  if (list === undefined) return;
  const at = list.findIndex((s) => s.id === draft.id);
  if (at !== -1) list[at] = session ?? draft;
}

/**
 * @internal Copies the draft into its history entry if the entry is the draft itself: before
 * the draft changes without an update (the entry must keep its state as of its last update),
 * and when its grace window ends.
 */
export function settleClosed(core: TrackerCore, draft: SessionDraft): void {
  const list = core.history.get(draft.user ?? '');
  if (list === undefined) return;
  const at = list.indexOf(draft);
  if (at !== -1) list[at] = toSession(draft);
}

/** @internal A user's history as sessions (drafts are copied in place, once). */
export function historyOf(core: TrackerCore, user: string): SshSession[] | undefined {
  const list = core.history.get(user);
  if (list === undefined) return undefined;
  for (let i = 0; i < list.length; i++) {
    const entry = list[i] as HistoryEntry;
    if (isDraft(entry)) list[i] = toSession(entry);
  }
  return list as SshSession[];
}

/** @internal Every user's history as sessions, least recently closed user first. */
export function allHistory(core: TrackerCore): [string, SshSession[]][] {
  const out: [string, SshSession[]][] = [];
  for (const user of core.history.keys()) out.push([user, historyOf(core, user) ?? []]);
  return out;
}
