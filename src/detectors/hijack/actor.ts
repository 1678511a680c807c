import type { FindingActor } from '../../findings/finding.js';
import type { DetectorContext } from '../detector.js';
import { type HostFacts, isSshdExe, userOfUid } from './host-facts.js';
import type { SocketOwnerFacts } from './socket-owner.js';

/**
 * How a process relates to the owner of a socket (or process) it used:
 * - `other_uid`: it ran as another uid and its login uid is not the owner's;
 * - `other_login`: it ran as the owner's uid but was logged in as someone else (su/sudo -u);
 * - `same_human`: another uid (root via sudo) whose login uid is the owner's: the benign look-alike;
 * - `owner`: the owner itself (or sshd);
 * - `unknown`: not enough ids to tell.
 *
 * @internal
 */
export type ActorRelation = 'other_uid' | 'other_login' | 'same_human' | 'owner' | 'unknown';

/** @internal The ids of an acting process. */
export interface ActorIds {
  readonly uid: number | undefined;
  readonly euid: number | undefined;
  readonly auid: number | undefined;
  readonly exe: string | undefined;
}

/** @internal The ids of an acting process as socket, exec and file events carry them. */
export interface ProcessIds extends ActorIds {
  readonly ses: number | undefined;
  readonly pid: number | undefined;
}

/** @internal An event's process ids, copied so that state keeps them and not the event. */
export function processIds(e: ProcessIds): ProcessIds {
  return { uid: e.uid, euid: e.euid, auid: e.auid, exe: e.exe, ses: e.ses, pid: e.pid };
}

/** @internal Judges an actor against an owner (uid first, then login uid). */
export function relateActor(
  facts: HostFacts,
  context: DetectorContext,
  host: string | undefined,
  owner: { readonly uid: number | undefined; readonly user: string | undefined },
  actor: ActorIds,
): ActorRelation {
  if (isSshdExe(actor.exe)) return 'owner';
  const acting = actor.euid ?? actor.uid;
  if (owner.uid !== undefined && acting !== undefined) {
    if (acting !== owner.uid) return actor.auid === owner.uid ? 'same_human' : 'other_uid';
    return actor.auid !== undefined && actor.auid !== owner.uid ? 'other_login' : 'owner';
  }
  if (owner.user !== undefined) {
    const actingUser = userOfUid(facts, context, host, acting);
    const loginUser = userOfUid(facts, context, host, actor.auid);
    if (actingUser !== undefined && actingUser !== owner.user) {
      return loginUser === owner.user ? 'same_human' : 'other_uid';
    }
    if (actingUser === owner.user) {
      return loginUser !== undefined && loginUser !== owner.user ? 'other_login' : 'owner';
    }
    if (loginUser !== undefined) return loginUser === owner.user ? 'owner' : 'other_uid';
  }
  return 'unknown';
}

/** @internal Whether a relation is hostile. */
export function isForeign(relation: ActorRelation): boolean {
  return relation === 'other_uid' || relation === 'other_login';
}

/** @internal The actor as text: `root (login uid 0)`. */
export function actorText(
  facts: HostFacts,
  context: DetectorContext,
  host: string | undefined,
  actor: ActorIds,
): string {
  const acting = actor.euid ?? actor.uid;
  const name =
    userOfUid(facts, context, host, acting) ?? (acting === undefined ? '?' : `uid ${acting}`);
  const login =
    actor.auid === undefined
      ? 'no login session'
      : `logged in as ${userOfUid(facts, context, host, actor.auid) ?? `uid ${actor.auid}`}`;
  return `${name} (${login})`;
}

/**
 * @internal The SSH session an acting process belongs to (its audit session, else its process
 * ancestry, as the analyzer's session join resolves them), so a finding can name the actor's
 * session next to the owner's and triage can join both into one case.
 */
export function actorSessionOf(
  context: DetectorContext,
  host: string | undefined,
  actor: {
    readonly pid: number | undefined;
    readonly ses: number | undefined;
    readonly auid: number | undefined;
    readonly uid: number | undefined;
  },
  time: number,
): string | undefined {
  return context.processes?.sessionOf?.(host, {
    pid: actor.pid,
    ses: actor.ses,
    auid: actor.auid,
    uid: actor.uid,
    time,
  })?.sessionId;
}

/**
 * @internal The {@link FindingActor} of an acting process: the person logged in behind it (login
 * uid, else the uid it ran as), the account it ran as, its session and that session's address.
 */
export function findingActor(
  facts: HostFacts,
  context: DetectorContext,
  host: string | undefined,
  ids: ActorIds & { readonly pid: number | undefined },
  sessionId: string | undefined,
): FindingActor {
  const acting = ids.euid ?? ids.uid;
  const uid = ids.auid ?? acting;
  const user = userOfUid(facts, context, host, uid);
  const effectiveUser = userOfUid(facts, context, host, acting);
  const session =
    sessionId === undefined || user === undefined
      ? undefined
      : (context.sessions.sessionsOfUser(user).find((s) => s.id === sessionId) ??
        context.sessions.recentSessions(user).find((s) => s.id === sessionId));
  return {
    ...(user === undefined ? {} : { user }),
    ...(uid === undefined ? {} : { uid }),
    ...(effectiveUser === undefined ? {} : { effectiveUser }),
    ...(acting === undefined ? {} : { effectiveUid: acting }),
    ...(sessionId === undefined ? {} : { sessionId }),
    ...(session?.sourceIp === undefined ? {} : { sourceIp: session.sourceIp }),
    ...(ids.pid === undefined ? {} : { pid: ids.pid }),
    ...(ids.exe === undefined ? {} : { exe: ids.exe }),
  };
}

/** @internal The same actor acting through another of its processes. */
export function actorProcess(
  actor: FindingActor,
  pid: number | undefined,
  exe: string | undefined,
): FindingActor {
  if (pid === undefined || pid === actor.pid) return actor;
  const { pid: _pid, exe: _exe, ...rest } = actor;
  return { ...rest, pid, ...(exe === undefined ? {} : { exe }) };
}

/** @internal Unused-owner guard: an owner with neither uid nor user cannot be judged. */
export function ownerKnown(owner: SocketOwnerFacts): boolean {
  return owner.uid !== undefined || owner.user !== undefined;
}
