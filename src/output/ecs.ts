import type { Finding, FindingActor, Severity } from '../findings/finding.js';
import { canonicalIp } from '../ip.js';
import type { SshSession } from '../model/session.js';
import { attackTechnique } from './attack.js';

/** The ECS version the documents follow (`ecs.version`). */
export const ECS_VERSION = '9.4.0';

/**
 * An ECS document as plain JSON (nested objects, ECS field names).
 *
 * @example
 * ```ts
 * const doc: EcsDocument = toEcs(finding);
 * doc['@timestamp'];
 * ```
 */
export type EcsDocument = { readonly [field: string]: unknown };

/**
 * Options of {@link toEcs} and {@link toOcsf}.
 *
 * @example
 * ```ts
 * const byId = new Map(sessions.map((s) => [s.id, s]));
 * const options: OutputOptions = { sessionOf: (id) => byId.get(id) };
 * ```
 */
export interface OutputOptions {
  /** Looks up a session by id, to add the sshd pid and the session's addresses. */
  readonly sessionOf?: (id: string) => SshSession | undefined;
  /** Evidence lines written at most (default 20). */
  readonly maxEvidence?: number;
}

const RISK: Readonly<Record<Severity, number>> = { low: 21, medium: 47, high: 73, critical: 99 };
const LEVEL: Readonly<Record<Severity, number>> = { low: 1, medium: 2, high: 3, critical: 4 };

const CATEGORY: Readonly<Record<string, string>> = {
  'ssh.brute_force_success': 'authentication',
  'ssh.unusual_source': 'authentication',
  'ssh.unusual_time': 'authentication',
  'ssh.privilege_escalation': 'iam',
  'ssh.unexpected_ssh_client': 'process',
  'ssh.key_tampering': 'file',
  'ssh.missing_logs': 'host',
};

/** @internal The ECS `event.category` values of a detector. */
export function ecsCategories(detector: string): string[] {
  return ['intrusion_detection', CATEGORY[detector] ?? 'session'];
}

/**
 * @internal The address the finding's actor came from: its own, else its session's (when the
 * lookup knows it), canonical; `undefined` when there is no actor or no valid address.
 */
export function actorSourceIp(finding: Finding, options: OutputOptions): string | undefined {
  const actor = finding.actor;
  if (actor === undefined) return undefined;
  const session = actor.sessionId === undefined ? undefined : options.sessionOf?.(actor.sessionId);
  const ip = actor.sourceIp ?? session?.sourceIp;
  return ip === undefined ? undefined : canonicalIp(ip);
}

/** @internal The base name of an executable path. */
export function exeName(exe: string | undefined): string | undefined {
  return exe === undefined ? undefined : exe.slice(exe.lastIndexOf('/') + 1) || undefined;
}

/** @internal The sessions of a finding that the lookup knows. */
export function sessionsOf(finding: Finding, options: OutputOptions): SshSession[] {
  const lookup = options.sessionOf;
  if (lookup === undefined) return [];
  return finding.sessionIds.flatMap((id) => lookup(id) ?? []);
}

function unique(values: readonly (string | undefined)[]): string[] {
  return [...new Set(values.filter((v): v is string => v !== undefined && v !== ''))];
}

/**
 * Maps a finding to an ECS 9.4 alert document: `event.kind: "alert"`, categories, severity
 * and risk score, `rule.*` (the detector), `threat.*` (MITRE ATT&CK technique, sub-technique
 * and tactic), `source.ip`, `user.name`, `host.name`, `process.pid` (the session's sshd monitor,
 * when a session lookup is given), `related.*`, the evidence lines in `event.original`, and
 * sshtrail's own data under `labels`. With an `actor` (hijack findings), ECS's own split
 * applies: `user.*` is the actor (the person logged in), `user.effective.*` the account its
 * process ran as, `user.target.*` the finding's user (whose identity was used; present whenever it
 * is not the actor, even when it is also `user.effective`), `process.*` the
 * acting process and `source.ip` the actor's address; `related.*` lists every one. Pure; field
 * map in docs/outputs.md.
 *
 * @param finding - The finding.
 * @param options - An optional session lookup.
 * @returns The ECS document.
 * @example
 * ```ts
 * const doc = toEcs(finding);
 * await fetch(`${elastic}/sshtrail-alerts/_doc`, { method: 'POST', body: JSON.stringify(doc) });
 * ```
 */
export function toEcs(finding: Finding, options: OutputOptions = {}): EcsDocument {
  const sessions = sessionsOf(finding, options);
  const sourceIp = finding.sourceIp === undefined ? undefined : canonicalIp(finding.sourceIp);
  const actorIp = actorSourceIp(finding, options);
  const actor = finding.actor;
  const pid = sessions.map((s) => s.pids.monitor ?? s.pids.child).find((p) => p !== undefined);
  const techniques = finding.techniques.map(attackTechnique);
  const parents = new Map(techniques.map((t) => [t.parentId, t] as const));
  const subs = techniques.filter((t) => t.isSubtechnique);
  const tactics = new Map(
    techniques.flatMap((t) => (t.tactic === undefined ? [] : [[t.tactic.id, t.tactic] as const])),
  );
  const max = options.maxEvidence ?? 20;
  const doc: Record<string, unknown> = {
    '@timestamp': finding.time,
    ecs: { version: ECS_VERSION },
    event: {
      kind: 'alert',
      category: ecsCategories(finding.detector),
      type: ['info'],
      id: finding.id,
      action: finding.detector,
      module: 'sshtrail',
      dataset: 'sshtrail.finding',
      severity: LEVEL[finding.severity],
      risk_score: RISK[finding.severity],
      reason: finding.explanation,
      original: finding.evidence
        .slice(0, max)
        .map((e) => e.text)
        .join('\n'),
    },
    message: `${finding.title}: ${finding.explanation}`,
    observer: { vendor: 'sshtrail', product: 'sshtrail', type: 'ids' },
    rule: {
      id: finding.detector,
      name: finding.title,
      ruleset: 'sshtrail',
      ...(techniques[0] === undefined ? {} : { reference: techniques[0].reference }),
    },
    labels: labels(finding),
    related: {
      ip: unique([sourceIp, ...sessions.map((s) => s.sourceIp), actorIp]),
      user: unique([
        finding.user,
        ...sessions.map((s) => s.user),
        actor?.user,
        actor?.effectiveUser,
      ]),
      hosts: unique([finding.host, ...sessions.map((s) => s.host)]),
    },
  };
  if (techniques.length > 0) {
    const threat: Record<string, unknown> = {
      framework: 'MITRE ATT&CK',
      technique: {
        id: [...parents.keys()],
        name: [...parents.values()].map((t) => t.parentName),
        reference: [...parents.values()].map((t) => t.parentReference),
        ...(subs.length === 0
          ? {}
          : {
              subtechnique: {
                id: subs.map((t) => t.id),
                name: subs.map((t) => t.name),
                reference: subs.map((t) => t.reference),
              },
            }),
      },
    };
    if (tactics.size > 0) {
      threat.tactic = {
        id: [...tactics.keys()],
        name: [...tactics.values()].map((t) => t.name),
        reference: [...tactics.values()].map((t) => t.reference),
      };
    }
    doc.threat = threat;
  }
  const source = actorIp ?? sourceIp;
  if (source !== undefined) doc.source = { ip: source };
  const user = actor?.user === undefined ? undefined : actorUser(actor.user, actor, finding.user);
  if (user !== undefined) doc.user = user;
  else if (finding.user !== undefined) doc.user = { name: finding.user };
  if (finding.host !== undefined) doc.host = { name: finding.host };
  const name = exeName(actor?.exe);
  if (actor?.pid !== undefined)
    doc.process = { pid: actor.pid, ...(name === undefined ? {} : { name }) };
  else if (pid !== undefined) doc.process = { pid, name: 'sshd' };
  return doc;
}

/** ECS `user.*` of an actor: the person, the account it ran as, the account it used. */
function actorUser(
  name: string,
  actor: FindingActor,
  target: string | undefined,
): Record<string, unknown> {
  const out: Record<string, unknown> = { name };
  if (actor.uid !== undefined) out.id = String(actor.uid);
  if (actor.effectiveUser !== undefined && actor.effectiveUser !== name) {
    out.effective = {
      name: actor.effectiveUser,
      ...(actor.effectiveUid === undefined ? {} : { id: String(actor.effectiveUid) }),
    };
  }
  // Whose identity was used is the point of the alert: kept even when the actor ran as that
  // account (`sudo -u alice`), where user.effective names it too.
  if (target !== undefined && target !== name) out.target = { name: target };
  return out;
}

function labels(finding: Finding): Record<string, string> {
  const out: Record<string, string> = {
    sshtrail_finding_id: finding.id,
    sshtrail_confidence: String(finding.confidence),
    sshtrail_severity: finding.severity,
  };
  if (finding.sessionIds.length > 0) out.sshtrail_session_ids = finding.sessionIds.join(',');
  if (finding.intel !== undefined) {
    out.sshtrail_intel_list = finding.intel.list;
    if (finding.intel.label !== undefined) out.sshtrail_intel_label = finding.intel.label;
  }
  return out;
}
