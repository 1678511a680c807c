import type { Finding, FindingActor, Severity } from '../findings/finding.js';
import { canonicalIp } from '../ip.js';
import type { SshSession } from '../model/session.js';
import { ATTACK_VERSION, attackTechnique } from './attack.js';
import { actorSourceIp, exeName, type OutputOptions, sessionsOf } from './ecs.js';

/** The OCSF schema version the findings follow (`metadata.version`). */
export const OCSF_VERSION = '1.8.0';

/**
 * An OCSF event as plain JSON.
 *
 * @example
 * ```ts
 * const event: OcsfEvent = toOcsf(finding);
 * event.class_uid; // 2004
 * ```
 */
export type OcsfEvent = { readonly [attribute: string]: unknown };

const SEVERITY: Readonly<Record<Severity, readonly [number, string]>> = {
  low: [2, 'Low'],
  medium: [3, 'Medium'],
  high: [4, 'High'],
  critical: [5, 'Critical'],
};

function confidence(score: number): readonly [number, string] {
  if (!(score >= 0)) return [0, 'Unknown'];
  if (score < 0.4) return [1, 'Low'];
  if (score < 0.75) return [2, 'Medium'];
  return [3, 'High'];
}

/**
 * Maps a finding to an OCSF 1.8.0 Detection Finding (class 2004, category Findings, activity
 * Create): severity and confidence, `finding_info` (uid, title, description, detector as type and
 * analytic, ATT&CK `attacks` with technique, sub-technique and tactic), `evidences` (the log lines
 * with the source endpoint, user, device and sshd process), `observables`, `device` and
 * `resources`. With an `actor` other than the finding's user (hijack findings), `evidences[0]`
 * is the act: the log lines, the actor (user, process, session), its address and host; the
 * affected user follows in `evidences[1..]`, one per own session the lookup knows (address,
 * sshd, host), so no evidence mixes the two parties. Pure; validated against the compiled
 * class in the tests; field map in docs/outputs.md.
 *
 * @param finding - The finding.
 * @param options - An optional session lookup.
 * @returns The OCSF event.
 * @example
 * ```ts
 * const event = toOcsf(finding);
 * event.type_uid; // 200401
 * ```
 */
export function toOcsf(finding: Finding, options: OutputOptions = {}): OcsfEvent {
  const time = Date.parse(finding.time);
  const [severityId, severity] = SEVERITY[finding.severity];
  const [confidenceId, confidenceName] = confidence(finding.confidence);
  const sessions = sessionsOf(finding, options);
  const sourceIp =
    actorSourceIp(finding, options) ??
    (finding.sourceIp === undefined ? undefined : canonicalIp(finding.sourceIp));
  const actor = finding.actor;
  // With an actor the finding spans two parties: evidences[0] is the act (the actor's address,
  // process and session) and the affected user's own sessions follow, so no evidence pairs the
  // actor's address with the victim's sshd.
  const split = actor !== undefined && finding.user !== undefined && finding.user !== actor.user;
  const pid = split
    ? undefined
    : sessions.map((s) => s.pids.monitor ?? s.pids.child).find((p) => p !== undefined);
  // The act happened where the actor's session is, which may not be the finding's host.
  const actorHost =
    actor?.sessionId === undefined ? undefined : options.sessionOf?.(actor.sessionId)?.host;
  const max = options.maxEvidence ?? 20;

  const evidence: Record<string, unknown> = {
    name: 'log lines',
    data: { lines: finding.evidence.slice(0, max).map((e) => ({ ...e })) },
  };
  const evidences: Record<string, unknown>[] = [evidence];
  const observables: Record<string, unknown>[] = [];
  if (sourceIp !== undefined) {
    evidence.src_endpoint = { ip: sourceIp };
    observables.push({
      name: 'evidences[0].src_endpoint.ip',
      type_id: 2,
      type: 'IP Address',
      value: sourceIp,
    });
  }
  if (finding.user !== undefined) {
    const at = split ? evidences.length : 0;
    if (split) evidences.push(...affectedEvidences(finding.user, actor, sessions));
    else evidence.user = { name: finding.user };
    observables.push({
      name: `evidences[${at}].user.name`,
      type_id: 4,
      type: 'User Name',
      value: finding.user,
    });
  }
  if (pid !== undefined) evidence.process = { pid, name: 'sshd' };
  const ocsfActorObject = actor === undefined ? undefined : ocsfActor(actor);
  if (ocsfActorObject !== undefined) {
    evidence.actor = ocsfActorObject;
    if (actor?.user !== undefined) {
      observables.push({
        name: 'evidences[0].actor.user.name',
        type_id: 4,
        type: 'User Name',
        value: actor.user,
      });
    }
  }

  const event: Record<string, unknown> = {
    activity_id: 1,
    activity_name: 'Create',
    category_uid: 2,
    category_name: 'Findings',
    class_uid: 2004,
    class_name: 'Detection Finding',
    type_uid: 200401,
    type_name: 'Detection Finding: Create',
    severity_id: severityId,
    severity,
    time: Number.isFinite(time) ? time : 0,
    message: finding.explanation,
    status_id: 1,
    status: 'New',
    confidence_id: confidenceId,
    confidence: confidenceName,
    confidence_score: Math.round(Math.min(1, Math.max(0, finding.confidence)) * 100),
    is_alert: true,
    metadata: {
      version: OCSF_VERSION,
      product: { name: 'sshtrail', vendor_name: 'sshtrail' },
      log_name: 'sshtrail findings',
      uid: finding.id,
    },
    finding_info: {
      uid: finding.id,
      title: finding.title,
      desc: finding.explanation,
      types: [finding.detector],
      analytic: { uid: finding.detector, name: finding.title, type_id: 1, type: 'Rule' },
      ...(finding.techniques.length === 0 ? {} : { attacks: finding.techniques.map(attack) }),
      data_sources: [...new Set(finding.evidence.map((e) => e.source))],
      ...(Number.isFinite(time) ? { first_seen_time: time, last_seen_time: time } : {}),
    },
    evidences,
    unmapped: {
      session_ids: finding.sessionIds,
      ...(finding.intel === undefined ? {} : { intel: finding.intel }),
    },
  };
  if (finding.host !== undefined) {
    event.device = { hostname: finding.host, name: finding.host, type_id: 1, type: 'Server' };
    event.resources = [{ name: finding.host, hostname: finding.host, type: 'host' }];
    evidence.device = { hostname: actorHost ?? finding.host, type_id: 1, type: 'Server' };
    observables.push({
      name: 'device.hostname',
      type_id: 1,
      type: 'Hostname',
      value: finding.host,
    });
  }
  if (observables.length > 0) event.observables = observables;
  return event;
}

/**
 * The affected user's side of an actor finding: one evidence per session of that user the
 * lookup knows (its address, sshd and host), else one naming the user alone.
 */
function affectedEvidences(
  user: string,
  actor: FindingActor | undefined,
  sessions: readonly SshSession[],
): Record<string, unknown>[] {
  const own = sessions.filter((s) => s.user === user && s.id !== actor?.sessionId);
  if (own.length === 0) return [{ name: 'affected user', user: { name: user } }];
  return own.map((s) => {
    const pid = s.pids.monitor ?? s.pids.child;
    const ip = s.sourceIp === undefined ? undefined : canonicalIp(s.sourceIp);
    return {
      name: 'affected user session',
      uid: s.id,
      user: { name: user },
      ...(ip === undefined ? {} : { src_endpoint: { ip } }),
      ...(pid === undefined ? {} : { process: { pid, name: 'sshd' } }),
      ...(s.host === undefined ? {} : { device: { hostname: s.host, type_id: 1, type: 'Server' } }),
    };
  });
}

/** OCSF `actor` of a finding's actor: the user, the acting process (as whom it ran), the session. */
function ocsfActor(actor: FindingActor): Record<string, unknown> | undefined {
  const out: Record<string, unknown> = {};
  if (actor.user !== undefined) {
    out.user = { name: actor.user, ...(actor.uid === undefined ? {} : { uid: String(actor.uid) }) };
  }
  if (actor.pid !== undefined) {
    const name = exeName(actor.exe);
    out.process = {
      pid: actor.pid,
      ...(name === undefined ? {} : { name }),
      ...(actor.effectiveUser === undefined
        ? {}
        : {
            user: {
              name: actor.effectiveUser,
              ...(actor.effectiveUid === undefined ? {} : { uid: String(actor.effectiveUid) }),
            },
          }),
    };
  }
  if (actor.sessionId !== undefined) out.session = { uid: actor.sessionId };
  return Object.keys(out).length === 0 ? undefined : out;
}

function attack(id: string): Record<string, unknown> {
  const t = attackTechnique(id);
  const out: Record<string, unknown> = {
    technique: { uid: t.parentId, name: t.parentName, src_url: t.parentReference },
    version: ATTACK_VERSION,
  };
  if (t.isSubtechnique) out.sub_technique = { uid: t.id, name: t.name, src_url: t.reference };
  if (t.tactic !== undefined) {
    out.tactic = { uid: t.tactic.id, name: t.tactic.name, src_url: t.tactic.reference };
  }
  return out;
}
