import type { LogindSessionEvent, PamSessionEvent, SudoEvent, SuEvent } from '../events/auth.js';
import type { EventBase } from '../events/base.js';
import { detachOptional, detachProvenance } from './detach-provenance.js';
import type { PrivilegeChange } from './session.js';
import type { SessionChange } from './session-change.js';
import { countDropped, ownPrivilegeChanges, type SessionDraft } from './session-draft.js';
import {
  bump,
  byPid,
  closeSession,
  findHost,
  openSession,
  register,
  startPartialSession,
  type TrackerCore,
} from './tracker-core.js';
import { changed } from './tracker-lookup.js';

/** su's pam line and its `priv.su` line count once when this close together on one pid. */
const SU_MERGE_MS = 5_000;

/** @internal `pam_unix(sshd:session)` opens/closes the login on P1; su's pam session is a privilege change. */
export function onPamSession(
  core: TrackerCore,
  event: PamSessionEvent,
  out: SessionChange[],
): void {
  if (event.service === 'su' || event.service === 'su-l') {
    if (event.action !== 'open') return;
    onPrivilege(
      core,
      event,
      {
        time: event.time,
        kind: 'su',
        user: event.byUser,
        target: event.user,
        command: undefined,
        tty: undefined,
        outcome: 'success',
        pid: event.pid,
        attachedBy: 'user',
        evidence: event.source,
      },
      out,
    );
    return;
  }
  if (event.service !== 'sshd') return;
  const found = byPid(core, event.host, 'm', event.pid);
  const draft =
    found !== undefined && (found.user === undefined || found.user === event.user)
      ? found
      : undefined;
  if (event.action === 'open') {
    if (draft?.phase === 'open') {
      changed(core, draft, event, out);
      return;
    }
    // The success line was outside the logs (or lost): a session with an unseen start.
    const partial = draft?.phase === 'pending' ? draft : startPartialSession(core, event);
    partial.partialStart = true;
    partial.user = event.user;
    partial.monitorPid = event.pid;
    bump(core, partial, event);
    openSession(core, partial, out);
    return;
  }
  if (draft?.phase === 'open') {
    bump(core, draft, event);
    closeSession(core, draft, event.time, 'pam_session_closed', false, out);
    return;
  }
  if (draft?.phase === 'closed') {
    changed(core, draft, event, out);
    return;
  }
  const recent = recentlyClosedWithoutMonitor(core, event);
  if (recent !== undefined) {
    // `Disconnected from user U` (P2) already ended this partial session; this is its P1.
    recent.monitorPid = event.pid;
    register(core, 'm', recent);
    changed(core, recent, event, out);
    return;
  }
  const partial = startPartialSession(core, event);
  partial.user = event.user;
  partial.monitorPid = event.pid;
  bump(core, partial, event);
  openSession(core, partial, out);
  closeSession(core, partial, event.time, 'pam_session_closed', false, out);
}

/** A session closed within the grace window, same host and user, whose monitor pid is unknown. */
function recentlyClosedWithoutMonitor(
  core: TrackerCore,
  event: PamSessionEvent,
): SessionDraft | undefined {
  const host = findHost(core, event.host);
  if (host === undefined) return undefined;
  let found: SessionDraft | undefined;
  for (const draft of host.closing.values()) {
    if (
      draft.user === event.user &&
      draft.monitorPid === undefined &&
      event.time - (draft.endTime ?? draft.lastSeenTime) <= core.options.closeGraceMs
    ) {
      found = draft;
    }
  }
  return found;
}

/** @internal logind `New session` links to the newest matching session; `logged out`/`Removed` end it. */
export function onLogind(core: TrackerCore, event: LogindSessionEvent, out: SessionChange[]): void {
  const hostKey = event.host;
  if (event.action === 'new') {
    let best: SessionDraft | undefined;
    for (const draft of findHost(core, hostKey)?.open.values() ?? []) {
      if (
        draft.user !== event.user ||
        draft.logindSessionId !== undefined ||
        (event.leaderPid !== undefined && draft.monitorPid !== event.leaderPid) ||
        event.time - (draft.authTime ?? draft.startTime) > core.options.logindWindowMs ||
        (best !== undefined && best.seq > draft.seq)
      ) {
        continue;
      }
      best = draft;
    }
    if (best === undefined) return;
    best.logindSessionId = event.sessionId;
    register(core, 'l', best);
    changed(core, best, event, out);
    return;
  }
  const draft = findHost(core, hostKey)?.byLogind.get(event.sessionId);
  if (draft === undefined) return;
  if (draft.phase === 'closed') {
    changed(core, draft, event, out);
    return;
  }
  bump(core, draft, event);
  closeSession(
    core,
    draft,
    event.time,
    event.action === 'removed' ? 'logind_removed' : 'logind_logged_out',
    false,
    out,
  );
}

/** @internal The privilege change of a sudo line. */
export function sudoChange(event: SudoEvent): PrivilegeChange {
  return {
    time: event.time,
    kind: 'sudo',
    user: event.user,
    target: event.runAs,
    command: event.command,
    tty: event.tty,
    outcome: event.outcome,
    pid: event.pid,
    attachedBy: 'user',
    evidence: event.source,
  };
}

/** @internal The privilege change of a su line. */
export function suChange(event: SuEvent): PrivilegeChange {
  return {
    time: event.time,
    kind: 'su',
    user: event.user,
    target: event.target,
    command: undefined,
    tty: event.tty,
    outcome: event.outcome,
    pid: event.pid,
    attachedBy: 'user',
    evidence: event.source,
  };
}

/**
 * @internal
 * Attaches a sudo/su decision: to the open session on that terminal, else to the only open
 * session of the invoking user on that host, else to nothing.
 */
export function onPrivilege(
  core: TrackerCore,
  event: EventBase,
  change: PrivilegeChange,
  out: SessionChange[],
): void {
  const hostKey = event.host;
  const tty = change.tty !== undefined && change.tty !== 'unknown' ? change.tty : undefined;
  let byTty: SessionDraft | undefined;
  let byUser: SessionDraft | undefined;
  let users = 0;
  for (const draft of findHost(core, hostKey)?.open.values() ?? []) {
    if (tty !== undefined && (draft.tty === tty || draft.channels.some((c) => c.tty === tty))) {
      if (byTty === undefined || draft.seq > byTty.seq) byTty = draft;
    }
    if (change.user !== undefined && draft.user === change.user) {
      users += 1;
      byUser = draft;
    }
  }
  const draft = byTty ?? (users === 1 ? byUser : undefined);
  if (draft === undefined) return;
  const last = draft.privilegeChanges[draft.privilegeChanges.length - 1];
  const duplicate =
    last !== undefined &&
    last.kind === 'su' &&
    change.kind === 'su' &&
    last.pid === change.pid &&
    last.target === change.target &&
    Math.abs(change.time - last.time) <= SU_MERGE_MS;
  if (!duplicate) {
    if (draft.privilegeChanges.length >= core.options.maxPrivilegeChanges) {
      countDropped(draft, 'privilegeChanges');
    } else {
      // Kept for the session's life: copies that do not pin the line's read chunk.
      ownPrivilegeChanges(draft).push({
        ...change,
        command: detachOptional(change.command),
        evidence: detachProvenance(change.evidence),
        attachedBy: byTty === undefined ? 'user' : 'tty',
      });
    }
  }
  changed(core, draft, event, out);
}
