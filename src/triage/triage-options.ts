import type { Severity } from '../findings/finding.js';
import type { HopAttribution } from '../model/hops/hop-types.js';
import type { SessionNetworkView } from '../model/join/join-types.js';

/**
 * The escalation decision of the playbook as a configurable policy: which detector ids count
 * for each rule and which rules are on. Unknown detector ids count for nothing but still join
 * cases and timelines.
 *
 * @example
 * ```ts
 * const strict: EscalationPolicy = { ...DEFAULT_ESCALATION_POLICY, escalateOnKnownMalicious: true };
 * ```
 */
export interface EscalationPolicy {
  /** Evidence of unauthorized session access: escalate on any of these. */
  readonly unauthorizedAccess: readonly string[];
  /** Simultaneous sessions of one user. */
  readonly simultaneousSessions: readonly string[];
  /** An abnormal source (a finding carrying `intel` also counts as a known malicious address). */
  readonly abnormalSource: readonly string[];
  /** Lateral movement or privilege escalation: escalate when corroborated by another detector's suspicious finding. */
  readonly lateralOrPrivilege: readonly string[];
  /** Informational detectors: never corroborate anything on their own. */
  readonly informational: readonly string[];
  /**
   * The least severity a finding needs to corroborate lateral movement or privilege escalation
   * (default {@link DEFAULT_CORROBORATING_SEVERITY}): detectors rate what is routine on its own
   * `low`, such as a second channel on one's own connection.
   */
  readonly minCorroboratingSeverity?: Severity;
  /** Escalate on a known malicious address (intel match) alone; off by default (the playbook pairs it with simultaneous sessions). */
  readonly escalateOnKnownMalicious: boolean;
  /** Findings below this confidence are ignored by the rules (they stay in the case). */
  readonly minConfidence: number;
}

/**
 * The default {@link EscalationPolicy.minCorroboratingSeverity}: `low` findings (a routine root
 * shell, a multiplexed channel, learned-baseline oddities) do not corroborate.
 *
 * @example
 * ```ts
 * const lenient: Partial<EscalationPolicy> = { minCorroboratingSeverity: 'low' };
 * DEFAULT_CORROBORATING_SEVERITY; // 'medium'
 * ```
 */
export const DEFAULT_CORROBORATING_SEVERITY: Severity = 'medium';

/**
 * The playbook's defaults: escalate on unauthorized session access (agent or ControlMaster
 * socket hijack, a key used where its owner is not), on simultaneous sessions together with an
 * abnormal source or a known malicious address, or on lateral movement or privilege escalation
 * corroborated by another suspicious finding (of another detector, medium or higher).
 *
 * @example
 * ```ts
 * DEFAULT_ESCALATION_POLICY.unauthorizedAccess.includes('ssh.key_misuse'); // true
 * ```
 */
export const DEFAULT_ESCALATION_POLICY: EscalationPolicy = {
  unauthorizedAccess: ['ssh.agent_socket_hijack', 'ssh.control_master_hijack', 'ssh.key_misuse'],
  simultaneousSessions: ['ssh.concurrent_sessions'],
  abnormalSource: ['ssh.unusual_source'],
  lateralOrPrivilege: ['ssh.lateral_movement_chain', 'ssh.privilege_escalation'],
  informational: ['ssh.agent_forwarding'],
  minCorroboratingSeverity: DEFAULT_CORROBORATING_SEVERITY,
  escalateOnKnownMalicious: false,
  minConfidence: 0,
};

/**
 * Which log sources were available to the analysis. An answer with no positive evidence is
 * `no` when the source that would have shown it was there, else `unknown` with what is missing.
 *
 * @example
 * ```ts
 * const given: TriageDataSources = { auditSockets: true, network: true };
 * ```
 */
export interface TriageDataSources {
  /** sshd LogLevel DEBUG1 (channel requests logged: agent forwarding visible). */
  readonly sshdDebug?: boolean;
  /** auditd rules on agent sockets and key files (connect() to `/tmp/ssh-*`, `-w ~/.ssh -p rwa`). */
  readonly auditSockets?: boolean;
  /**
   * The hosts those audit rules cover, when known: a case host missing here is named in the
   * `key_or_socket_access` answer as not covered.
   */
  readonly auditSocketHosts?: readonly string[];
  /** Zeek ssh.log / conn.log for the segment. */
  readonly network?: boolean;
  /** A threat-intel list was loaded. */
  readonly intel?: boolean;
}

/**
 * A user's usual login behaviour, as a baseline (learned or configured) describes it.
 *
 * @example
 * ```ts
 * const p: UserProfile = { usualHours: '08:00-19:00 Europe/Berlin, Mon-Fri', usualSources: ['10.8.0.0/16 (vpn)'] };
 * ```
 */
export interface UserProfile {
  /** Usual login hours in words, with the time zone. */
  readonly usualHours: string | undefined;
  /** Usual source networks or addresses. */
  readonly usualSources: readonly string[];
  /**
   * Sessions a learned-only profile (no configured hours or sources) was learned from. Below
   * the detectors' minimum history (5 sessions) the baseline judges nothing, and the answers
   * say `unknown` rather than `no`.
   */
  readonly learnedSessions?: number;
}

/**
 * A cross-host hop: the session `from` (on host A) opened the session `to` (on host B).
 *
 * @example
 * ```ts
 * const hop: Hop = { from: 'bastion/2210/1709542931000', to: 'web1/4242/1709543000000' };
 * ```
 */
export interface Hop {
  /** Upstream session id. */
  readonly from: string;
  /** Downstream session id. */
  readonly to: string;
  /** Why `from` is the upstream session, when known (`same_user` and `latest_session` are guesses). */
  readonly attribution?: HopAttribution;
  /** Sessions open on the upstream host when the hop started (`from` is one of them). */
  readonly openSessions?: number;
}

/**
 * Options of {@link createTriage} and {@link buildCase}.
 *
 * @example
 * ```ts
 * const options: TriageOptions = { windowMs: 3_600_000, dataSources: { network: true } };
 * ```
 */
export interface TriageOptions {
  /** Findings of one actor further apart than this start a new case (default 4 hours). */
  readonly windowMs?: number;
  /** The escalation policy (default {@link DEFAULT_ESCALATION_POLICY}). */
  readonly policy?: Partial<EscalationPolicy>;
  /** Which log sources were available. */
  readonly dataSources?: TriageDataSources;
  /** The user's baseline profile, when a baseline is given. */
  readonly profileOf?: (user: string) => UserProfile | undefined;
  /**
   * The network sensor's view of a session, when a Zeek record was joined to it (the
   * analyzer's `network` link events): answers `network_correlation` for sessions no finding
   * cites Zeek lines for.
   */
  readonly networkViewOf?: (sessionId: string) => SessionNetworkView | undefined;
  /** Open cases kept at most; beyond it the least recently active is emitted early (default 10,000). */
  readonly maxOpenCases?: number;
  /** Sessions kept for context at most, oldest dropped first (default 50,000). */
  readonly maxSessions?: number;
  /** Findings per case at most; later ones are counted, not kept (default 1,000). */
  readonly maxFindingsPerCase?: number;
  /** Evidence lines per answer or timeline entry at most (default 10). */
  readonly maxEvidence?: number;
  /**
   * Actions of the case sessions (sudo/su, started channels) listed per case at most, in the
   * timeline and the `privilege_escalation` answer; sudo/su go first, the rest are counted
   * (default 50).
   */
  readonly maxSessionActions?: number;
}

/** @internal Options with defaults applied. */
export interface ResolvedTriageOptions {
  readonly windowMs: number;
  readonly policy: EscalationPolicy;
  readonly dataSources: TriageDataSources;
  readonly profileOf: ((user: string) => UserProfile | undefined) | undefined;
  readonly networkViewOf: ((sessionId: string) => SessionNetworkView | undefined) | undefined;
  readonly maxOpenCases: number;
  readonly maxSessions: number;
  readonly maxFindingsPerCase: number;
  readonly maxEvidence: number;
  readonly maxSessionActions: number;
}

/**
 * @internal Validates options (throws RangeError/TypeError: programmer errors only).
 */
export function resolveTriageOptions(options: TriageOptions = {}): ResolvedTriageOptions {
  const windowMs = positive('windowMs', options.windowMs, 4 * 3_600_000);
  const maxOpenCases = positive('maxOpenCases', options.maxOpenCases, 10_000);
  const maxSessions = positive('maxSessions', options.maxSessions, 50_000);
  const maxFindingsPerCase = positive('maxFindingsPerCase', options.maxFindingsPerCase, 1000);
  const maxEvidence = positive('maxEvidence', options.maxEvidence, 10);
  const maxSessionActions = positive('maxSessionActions', options.maxSessionActions, 50);
  if (options.profileOf !== undefined && typeof options.profileOf !== 'function') {
    throw new TypeError('profileOf must be a function');
  }
  if (options.networkViewOf !== undefined && typeof options.networkViewOf !== 'function') {
    throw new TypeError('networkViewOf must be a function');
  }
  const policy = { ...DEFAULT_ESCALATION_POLICY, ...options.policy };
  if (!(policy.minConfidence >= 0 && policy.minConfidence <= 1)) {
    throw new RangeError('policy.minConfidence must be between 0 and 1');
  }
  return {
    windowMs,
    policy,
    dataSources: options.dataSources ?? {},
    profileOf: options.profileOf,
    networkViewOf: options.networkViewOf,
    maxOpenCases,
    maxSessions,
    maxFindingsPerCase,
    maxEvidence,
    maxSessionActions,
  };
}

function positive(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new RangeError(`${name} must be a positive finite number`);
  }
  return value;
}
