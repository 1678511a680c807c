/**
 * One containment step, never executed by sshtrail: what to do, to what, and why.
 */
export interface ContainmentStep {
  /** The action, e.g. `terminate_session`, `revoke_key`, `disable_agent_forwarding`. */
  readonly action: string;
  /** What it applies to, e.g. `bastion: sshd pid 2244`. */
  readonly target: string;
  /** Why, citing the finding. */
  readonly why: string;
}

/**
 * An incident: findings grouped by actor, session chain and time, with the escalation
 * decision, one answer per analysis question of the playbook, and containment steps
 * (the `type: "case"` record of the JSONL contract in DESIGN.md).
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
  readonly answers: Readonly<Record<string, unknown>>;
  /** Concrete containment steps. */
  readonly containment: readonly ContainmentStep[];
}
