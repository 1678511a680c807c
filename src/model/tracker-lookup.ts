import type { EventBase } from '../events/base.js';
import type { SshPeer } from '../events/ssh.js';
import { settleClosed } from './closed-history.js';
import type { SessionChange } from './session-change.js';
import type { SessionDraft } from './session-draft.js';
import {
  bump,
  byPid,
  closeSession,
  count,
  dropPending,
  findHost,
  hostOf,
  peerKey,
  register,
  reportUpdate,
  startPending,
  type TrackerCore,
  updateClosed,
} from './tracker-core.js';

/** @internal Same peer, where both sides know it. */
export function compatible(draft: SessionDraft, peer: SshPeer | undefined): boolean {
  if (peer === undefined) return true;
  return (
    sameAddress(draft, peer.sourceIp, peer.sourceName) &&
    (draft.sourcePort === undefined ||
      peer.sourcePort === undefined ||
      draft.sourcePort === peer.sourcePort)
  );
}

/** @internal Same address (ip and name), where both sides know it. */
export function sameAddress(
  draft: SessionDraft,
  ip: string | undefined,
  name: string | undefined,
): boolean {
  return (
    (draft.sourceIp === undefined || ip === undefined || draft.sourceIp === ip) &&
    (draft.sourceName === undefined || name === undefined || draft.sourceName === name)
  );
}

/** @internal */
export function fillPeer(draft: SessionDraft, peer: SshPeer): void {
  if (draft.sourceIp === undefined) draft.sourceIp = peer.sourceIp;
  if (draft.sourceName === undefined) draft.sourceName = peer.sourceName;
  if (draft.sourcePort === undefined) draft.sourcePort = peer.sourcePort;
}

/** @internal The live (pending or open) or recently closed draft whose monitor pid is the event's. */
export function monitorOf(
  core: TrackerCore,
  event: EventBase,
  peer: SshPeer | undefined,
): SessionDraft | undefined {
  const draft = byPid(core, event.host, 'm', event.pid);
  return draft !== undefined && compatible(draft, peer) ? draft : undefined;
}

/**
 * @internal
 * The session a post-auth (P2) line belongs to: by child pid, else by monitor pid (old
 * sshd, or P1-side lines), else by (host, ip, port) and user: the INFO-level link.
 */
export function postAuthOf(
  core: TrackerCore,
  event: EventBase,
  peer: SshPeer | undefined,
  user?: string,
): SessionDraft | undefined {
  const hostKey = event.host;
  const child = byPid(core, hostKey, 'c', event.pid);
  if (child !== undefined && compatible(child, peer)) return child;
  const monitor = byPid(core, hostKey, 'm', event.pid);
  if (monitor !== undefined && monitor.phase !== 'pending' && compatible(monitor, peer)) {
    return monitor;
  }
  if (peer === undefined) return undefined;
  const key = peerKey(peer.sourceIp ?? peer.sourceName, peer.sourcePort);
  const byPeer = key === undefined ? undefined : findHost(core, hostKey)?.byPeer.get(key);
  if (byPeer === undefined || byPeer.phase === 'pending') return undefined;
  if (user !== undefined && byPeer.user !== undefined && byPeer.user !== user) return undefined;
  if (event.pid !== undefined && event.pid !== byPeer.monitorPid && byPeer.childPid === undefined) {
    // Not every caller reports this change: the history keeps the state of the last update.
    if (byPeer.phase === 'closed') settleClosed(core, byPeer);
    byPeer.childPid = event.pid;
    register(core, 'c', byPeer);
  }
  return byPeer;
}

/** @internal Records the event on the draft and reports an `update` (open or within the grace window). */
export function changed(
  core: TrackerCore,
  draft: SessionDraft,
  event: EventBase,
  out: SessionChange[],
): void {
  bump(core, draft, event);
  if (draft.phase === 'open') reportUpdate(core, draft, out);
  else if (draft.phase === 'closed') updateClosed(core, draft, out);
}

/**
 * @internal
 * The pending connection of a monitor-side line: reuses a compatible one, replaces an
 * incompatible one (pid reuse), and creates one when `create`.
 */
export function pendingFor(
  core: TrackerCore,
  event: EventBase & SshPeer,
  create: boolean,
  out: SessionChange[],
): SessionDraft | undefined {
  const existing = byPid(core, event.host, 'm', event.pid);
  if (existing !== undefined && existing.phase !== 'closed') {
    if (compatible(existing, event)) return existing;
    if (existing.phase === 'pending') {
      dropPending(core, existing);
      count(core, hostOf(core, existing), 'pendingSuperseded');
    } else {
      closeSession(core, existing, existing.lastSeenTime, 'pid_reused', true, out);
    }
  }
  if (!create) return undefined;
  const draft = startPending(core, event);
  fillPeer(draft, event);
  return draft;
}
