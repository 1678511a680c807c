import type { FileAccessEvent } from '../../events/host.js';
import type { Severity } from '../../findings/finding.js';
import { createFinding } from '../create-finding.js';
import type { Detector, DetectorContext } from '../detector.js';
import { type Lru, lruCreate, lruGet, lruSet } from '../lru.js';
import { createQuietSteps } from '../no-findings.js';
import { isoSeconds } from '../ssh/knowledge.js';
import { booleanOption, knownOptions, numberOption } from '../ssh/options.js';
import { actorSessionOf, actorText, findingActor, isForeign, relateActor } from './actor.js';
import { keyLines } from './audit-lines.js';
import {
  baseName,
  createHostFacts,
  type HostFacts,
  isSshdExe,
  learnEvent,
  uidOfUser,
} from './host-facts.js';
import { PRIVATE_KEY_NAME } from './patterns.js';

// Steps that find nothing reuse one object per state (see createQuietSteps).
const quiet = createQuietSteps();

/** Detector id of {@link keyTampering}. */
export const KEY_TAMPERING = 'ssh.key_tampering';

/**
 * Options of {@link keyTampering}.
 *
 * @example
 * ```ts
 * const options: KeyTamperingOptions = { strictAuthorizedKeys: true };
 * ```
 */
export interface KeyTamperingOptions {
  /** Report every authorized_keys write, the owner's too, at medium (default false: the owner's own edits are low). */
  readonly strictAuthorizedKeys?: boolean;
  /** How long a written ssh config stays linked to ControlMaster settings seen in it (default 1 h). */
  readonly configWindowMs?: number;
  /** Files remembered (default 4096). */
  readonly maxFiles?: number;
}

/** State of {@link keyTampering}. */
export interface KeyTamperingState {
  /** Learned processes and accounts. */
  readonly facts: HostFacts;
  /** ssh config files written, by host and path: when. */
  readonly written: Lru<number>;
  /** Findings already made, by host, path and actor. */
  readonly reported: Lru<true>;
}

type FileRole = 'private_key' | 'authorized_keys' | 'ssh_config';

const WRITES: ReadonlySet<string> = new Set([
  'write',
  'create',
  'rename',
  'link',
  'truncate',
  'chmod',
  'chown',
  'unlink',
]);

function roleOf(path: string): FileRole | undefined {
  if (path === '/etc/ssh/ssh_config' || path.startsWith('/etc/ssh/ssh_config.d/'))
    return 'ssh_config';
  const cut = path.lastIndexOf('/.ssh/');
  if (cut < 0) return undefined;
  const name = path.slice(cut + 6);
  if (name === 'config') return 'ssh_config';
  if (name === 'authorized_keys' || name === 'authorized_keys2') return 'authorized_keys';
  return PRIVATE_KEY_NAME.test(name) ? 'private_key' : undefined;
}

function ownerOfPath(
  facts: HostFacts,
  host: string | undefined,
  path: string,
  e: FileAccessEvent,
): { uid: number | undefined; user: string | undefined } {
  const item =
    e.paths.find((p) => p.path === path && p.nametype !== 'PARENT') ??
    e.paths.find((p) => p.nametype !== 'PARENT');
  let user: string | undefined;
  if (path.startsWith('/root/')) user = 'root';
  else if (path.startsWith('/home/')) {
    const end = path.indexOf('/', 6);
    user = end < 0 ? undefined : path.slice(6, end);
  } else if (path.startsWith('/etc/')) user = 'root';
  const uid = item?.ouid ?? uidOfUser(facts, host, user);
  return { uid, user };
}

/**
 * `ssh.key_tampering` (T1098.004, T1552.004): another user's private key read (by uid, or by
 * a root process whose login uid is not the owner's), an `authorized_keys` written by someone
 * other than its owner (high; the owner's own edit is low, medium with
 * `strictAuthorizedKeys`), and ControlMaster settings planted in an ssh client configuration
 * (a write to `~/.ssh/config` or `/etc/ssh/ssh_config`: medium; high when an inventory row of
 * that file then shows `ControlMaster`/`ControlPath`, or a new such row appears).
 *
 * @param options - Strictness, window and caps.
 * @returns The detector.
 * @throws RangeError / TypeError for invalid options.
 * @example
 * ```ts
 * const detector = keyTampering({ strictAuthorizedKeys: true });
 * ```
 */
export function keyTampering(options: KeyTamperingOptions = {}): Detector<KeyTamperingState> {
  const raw = options as Readonly<Record<string, unknown>>;
  knownOptions(raw, ['strictAuthorizedKeys', 'configWindowMs', 'maxFiles'], KEY_TAMPERING);
  const strict = booleanOption(raw, 'strictAuthorizedKeys', false);
  const configWindowMs = numberOption(raw, 'configWindowMs', 3_600_000, 0);
  const maxFiles = numberOption(raw, 'maxFiles', 4_096, 1);

  const file = (state: KeyTamperingState, context: DetectorContext, e: FileAccessEvent) => {
    if (e.path === undefined || e.success === false || isSshdExe(e.exe)) return [];
    const role = roleOf(e.path);
    if (role === undefined) return [];
    const owner = ownerOfPath(state.facts, e.host, e.path, e);
    const ids = { uid: e.uid, euid: e.euid, auid: e.auid, exe: e.exe };
    const relation = relateActor(state.facts, context, e.host, owner, ids);
    const writing = WRITES.has(e.op);
    let severity: Severity | undefined;
    let what = '';
    if (role === 'private_key' && !writing) {
      if (!isForeign(relation)) return [];
      severity = e.auid === undefined ? 'low' : 'high';
      what = `read ${owner.user ?? 'another user'}'s private key ${e.path}`;
    } else if (role === 'authorized_keys' && writing) {
      if (isForeign(relation)) severity = 'high';
      else severity = strict ? 'medium' : 'low';
      what = `${e.op === 'unlink' ? 'removed' : 'wrote'} ${e.path}${isForeign(relation) ? `, which belongs to ${owner.user ?? 'another user'}` : ''}`;
    } else if (role === 'ssh_config' && writing) {
      lruSet(state.written, `${e.host ?? ''}\u0000${e.path}`, e.time, maxFiles);
      severity = isForeign(relation) ? 'high' : 'medium';
      what = `changed the ssh client configuration ${e.path}${isForeign(relation) ? ` of ${owner.user ?? 'another user'}` : ''}`;
    } else return [];
    const k = `${e.host ?? ''}\u0000${e.path}\u0000${e.auid ?? e.uid ?? '?'}\u0000${role}`;
    if (lruGet(state.reported, k) !== undefined) return [];
    lruSet(state.reported, k, true, maxFiles);
    const actor = actorText(state.facts, context, e.host, ids);
    // The writer's (or reader's) own session, so triage joins the person behind it.
    const actorSessionId = actorSessionOf(context, e.host, e, e.time);
    return [
      createFinding({
        detector: KEY_TAMPERING,
        title:
          role === 'private_key'
            ? "Another user's private SSH key read"
            : role === 'authorized_keys'
              ? 'authorized_keys changed'
              : 'ssh client configuration changed',
        severity,
        confidence: severity === 'high' ? 0.8 : 0.5,
        techniques: role === 'private_key' ? ['T1552.004'] : ['T1098.004'],
        time: e.time,
        host: e.host,
        user: owner.user,
        sourceIp: undefined,
        sessionIds: actorSessionId === undefined ? [] : [actorSessionId],
        actor: findingActor(state.facts, context, e.host, { ...ids, pid: e.pid }, actorSessionId),
        evidence: keyLines(e),
        explanation: `${actor} ${what} on ${e.host ?? 'an unnamed host'} at ${isoSeconds(e.time)} (${baseName(e.exe) ?? e.comm ?? '?'}).`,
      }),
    ];
  };

  return {
    id: KEY_TAMPERING,
    title: 'SSH key and configuration tampering',
    description:
      "Another user's private keys read, authorized_keys written, ControlMaster settings planted in ssh config.",
    techniques: ['T1098.004', 'T1552.004'],
    needs: ['process'],
    options: { strictAuthorizedKeys: strict, configWindowMs, maxFiles },
    init: () => ({ facts: createHostFacts(), written: lruCreate(), reported: lruCreate() }),
    step(state, input, context) {
      if (input.kind !== 'event') return quiet(state);
      const e = input.event;
      learnEvent(state.facts, e);
      if (e.kind === 'file.access') return { state, findings: file(state, context, e) };
      if (e.kind === 'ssh.config') {
        if (e.name !== 'controlmaster' && e.name !== 'controlpath') return quiet(state);
        if (e.action === 'removed' || e.file === undefined) return quiet(state);
        const when = lruGet(state.written, `${e.host ?? ''}\u0000${e.file}`);
        const planted = when !== undefined && e.time - when <= configWindowMs;
        if (!planted && e.action !== 'added') return quiet(state);
        const k = `${e.host ?? ''}\u0000${e.file}\u0000${e.option}`;
        if (lruGet(state.reported, k) !== undefined) return quiet(state);
        lruSet(state.reported, k, true, maxFiles);
        return {
          state,
          findings: [
            createFinding({
              detector: KEY_TAMPERING,
              title: 'ControlMaster settings planted in ssh config',
              severity: planted ? 'high' : 'medium',
              confidence: planted ? 0.8 : 0.5,
              techniques: ['T1098.004', 'T1563.001'],
              time: e.time,
              host: e.host,
              user: undefined,
              sourceIp: undefined,
              sessionIds: [],
              evidence: [e.source],
              explanation: `${e.file} on ${e.host ?? 'an unnamed host'} ${planted ? `was written at ${isoSeconds(when ?? e.time)} and now` : 'newly'} sets "${e.option}" (block ${e.block ?? '?'}): every ssh of that user will leave a reusable master socket.`,
            }),
          ],
        };
      }
      return quiet(state);
    },
  };
}
