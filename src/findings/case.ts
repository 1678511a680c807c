import type { Evidence, Severity } from './finding.js';

/**
 * One containment step, never executed by sshtrail: what to do, to what, and why.
 *
 * @example
 * ```ts
 * const step: ContainmentStep = {
 *   action: 'terminate_session', target: 'web1: sshd pid 4242 (logind session 12)',
 *   why: 'f-1: a process of mallory used alice\'s agent socket.',
 *   command: 'kill 4242; loginctl terminate-session 12', host: 'web1', findings: ['f-1'],
 * };
 * ```
 */
export interface ContainmentStep {
  /** The action, e.g. `terminate_session`, `revoke_key`, `disable_agent_forwarding` (see docs/triage.md). */
  readonly action: string;
  /** What it applies to, e.g. `bastion: sshd pid 2244`. */
  readonly target: string;
  /** Why, citing the finding. */
  readonly why: string;
  /** The command or setting an operator would apply (shown, never run). */
  readonly command: string | undefined;
  /** The host the step applies to, when it is host-specific. */
  readonly host: string | undefined;
  /** Ids of the findings behind the step. */
  readonly findings: readonly string[];
}

/** A yes / no / unknown answer to one question of the playbook. */
export type AnswerValue = 'yes' | 'no' | 'unknown';

/**
 * The answer to one analysis question or L1 step, with the lines behind it.
 *
 * @example
 * ```ts
 * const a: Answer = {
 *   answer: 'unknown', evidence: [], findings: [],
 *   detail: 'No log line tells whether agent forwarding was used.',
 *   missing: 'enable sshd LogLevel DEBUG1 or auditd socket rules',
 * };
 * ```
 */
export interface Answer {
  /** The answer. */
  readonly answer: AnswerValue;
  /** Log lines supporting the answer (capped). */
  readonly evidence: readonly Evidence[];
  /** Ids of the findings behind the answer. */
  readonly findings: readonly string[];
  /** One or two sentences naming the facts. */
  readonly detail: string;
  /** For `unknown`: which log source or setting would answer it. */
  readonly missing?: string;
}

/**
 * One entry per question for analysis of the playbook, plus the L1 analysis steps. The keys
 * are stable snake_case names (they are written to the JSONL `answers` object).
 *
 * @example
 * ```ts
 * function open(a: CaseAnswers): string[] {
 *   return Object.entries(a).filter(([, v]) => v.answer === 'unknown').map(([k]) => k);
 * }
 * ```
 */
export interface CaseAnswers {
  /** Is the SSH session originating from a suspected IP address? */
  readonly suspected_source_ip: Answer;
  /** Are there multiple simultaneous sessions for a single user? */
  readonly simultaneous_sessions: Answer;
  /** Is there evidence of SSH agent forwarding? */
  readonly agent_forwarding: Answer;
  /** Are there indicators of privilege escalation activities on the same host? */
  readonly privilege_escalation: Answer;
  /** Are there logs of unauthorized access to SSH key files or agent sockets? */
  readonly key_or_socket_access: Answer;
  /** L1: does the activity depart from the user's usual login times and sources? */
  readonly usual_login_behavior: Answer;
  /** L1: do network logs (Zeek) corroborate the sessions seen in the auth logs? */
  readonly network_correlation: Answer;
  /** L1: were there failed login attempts leading up to the session? */
  readonly failed_attempts_before: Answer;
}

/** The names of the escalation rules (see {@link EscalationRuleResult}). */
export type EscalationRule =
  | 'unauthorized_session_access'
  | 'simultaneous_sessions_with_abnormal_source'
  | 'corroborated_lateral_movement_or_privilege_escalation'
  | 'known_malicious_source';

/**
 * How one escalation rule of the policy applied to a case.
 *
 * @example
 * ```ts
 * const r: EscalationRuleResult = {
 *   rule: 'unauthorized_session_access', met: true, findings: ['f-1'],
 *   reason: 'Unauthorized session access: ssh.agent_socket_hijack (f-1).',
 * };
 * ```
 */
export interface EscalationRuleResult {
  /** The rule. */
  readonly rule: EscalationRule;
  /** Whether it fired. */
  readonly met: boolean;
  /** Why it fired, or why not. */
  readonly reason: string;
  /** The findings behind it (those that matched, even partly). */
  readonly findings: readonly string[];
}

/**
 * One entry of a case timeline, in time order: a finding, a session start/end, or an action
 * of a case session (`session_action`: a sudo/su decision or a started channel, citing its
 * line; when the per-case cap left some out, a last `session_action` entry without a session
 * counts them).
 *
 * @example
 * ```ts
 * const e: TimelineEntry = {
 *   time: '2024-03-04T09:02:11.000Z', kind: 'finding', host: 'web1', user: 'alice',
 *   text: 'critical ssh.agent_socket_hijack: Agent socket used by another user',
 *   findingId: 'f-1', sessionId: undefined, evidence: [],
 * };
 * ```
 */
export interface TimelineEntry {
  /** ISO-8601 UTC time. */
  readonly time: string;
  /** What happened. */
  readonly kind: 'finding' | 'session_start' | 'session_end' | 'session_action';
  /** The host, when known. */
  readonly host: string | undefined;
  /** The user, when known. */
  readonly user: string | undefined;
  /** One line describing it. */
  readonly text: string;
  /** The finding cited, for `finding` entries. */
  readonly findingId: string | undefined;
  /** The session cited, for session and session action entries. */
  readonly sessionId: string | undefined;
  /** The log lines behind the entry (capped). */
  readonly evidence: readonly Evidence[];
}

/**
 * An incident: findings grouped by actor, session chain and time, with the escalation
 * decision, one answer per analysis question of the playbook, and containment steps
 * (the `type: "case"` record of the JSONL contract in DESIGN.md; the contract fields come
 * first, the rest are additions).
 *
 * @example
 * ```ts
 * function summary(c: Case): string {
 *   return `${c.id}: ${c.findings.length} findings, escalate=${c.escalate}`;
 * }
 * ```
 */
export interface Case {
  /** Record type in the JSONL stream. */
  readonly type: 'case';
  /** Stable id. */
  readonly id: string;
  /** Ids of the findings in the case. */
  readonly findings: readonly string[];
  /** Hosts involved. */
  readonly hosts: readonly string[];
  /** Users involved. */
  readonly users: readonly string[];
  /** Whether to escalate to Tier 2. */
  readonly escalate: boolean;
  /** Why (or why not), one sentence each. */
  readonly reasons: readonly string[];
  /** One entry per analysis question of the playbook. */
  readonly answers: CaseAnswers;
  /** Concrete containment steps. */
  readonly containment: readonly ContainmentStep[];
  /** The highest severity among the findings. */
  readonly severity: Severity;
  /** Ids of the sessions involved (cited by findings, or linked upstream by hops). */
  readonly sessions: readonly string[];
  /** Source addresses involved. */
  readonly sourceIps: readonly string[];
  /** Key fingerprints involved. */
  readonly keyFingerprints: readonly string[];
  /** Time of the earliest finding, ISO-8601 UTC. */
  readonly start: string;
  /** Time of the latest finding, ISO-8601 UTC. */
  readonly end: string;
  /** Each escalation rule with its outcome and findings. */
  readonly escalation: readonly EscalationRuleResult[];
  /** Findings, session starts/ends and session actions (sudo/su, channels) in time order. */
  readonly timeline: readonly TimelineEntry[];
}
