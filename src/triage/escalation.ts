import type { EscalationRuleResult } from '../findings/case.js';
import type { Finding } from '../findings/finding.js';
import { cite, severityRank } from './case-context.js';
import { DEFAULT_CORROBORATING_SEVERITY, type EscalationPolicy } from './triage-options.js';

/**
 * The escalation decision for a set of findings: whether to escalate to Tier 2, one sentence
 * per reason, and each rule of the policy with the findings behind it.
 *
 * @example
 * ```ts
 * const d: EscalationDecision = { escalate: false, reasons: ['No rule fired.'], rules: [] };
 * ```
 */
export interface EscalationDecision {
  /** Whether to escalate. */
  readonly escalate: boolean;
  /** The reasons of the rules that fired, or why none did. */
  readonly reasons: readonly string[];
  /** Every rule of the policy with its outcome. */
  readonly rules: readonly EscalationRuleResult[];
}

/**
 * Applies the playbook's escalation decision to the findings of one case.
 *
 * @param findings - The case's findings.
 * @param policy - The escalation policy (see {@link DEFAULT_ESCALATION_POLICY}).
 * @returns The decision with its reasons and the finding ids behind each rule.
 * @example
 * ```ts
 * const decision = decideEscalation(caseFindings, DEFAULT_ESCALATION_POLICY);
 * if (decision.escalate) notifyTier2(decision.reasons);
 * ```
 */
export function decideEscalation(
  findings: readonly Finding[],
  policy: EscalationPolicy,
): EscalationDecision {
  const counted = findings.filter((f) => f.confidence >= policy.minConfidence);
  const of = (ids: readonly string[]) => counted.filter((f) => ids.includes(f.detector));
  const rules = [
    unauthorizedAccess(of(policy.unauthorizedAccess)),
    simultaneousWithAbnormal(of(policy.simultaneousSessions), abnormal(counted, policy)),
    corroborated(counted, policy),
    knownMalicious(counted, policy),
  ];
  const fired = rules.filter((r) => r.met);
  if (fired.length > 0) {
    return { escalate: true, reasons: fired.map((r) => r.reason), rules };
  }
  return { escalate: false, reasons: rules.map((r) => r.reason), rules };
}

function abnormal(findings: readonly Finding[], policy: EscalationPolicy): Finding[] {
  return findings.filter(
    (f) => policy.abnormalSource.includes(f.detector) || f.intel !== undefined,
  );
}

function unauthorizedAccess(hits: readonly Finding[]): EscalationRuleResult {
  const rule = 'unauthorized_session_access';
  if (hits.length === 0) {
    return {
      rule,
      met: false,
      reason:
        'No evidence of unauthorized session access (no agent or ControlMaster socket hijack, no key used where its owner is not).',
      findings: [],
    };
  }
  const kinds = [...new Set(hits.map((f) => f.detector))].join(', ');
  return {
    rule,
    met: true,
    reason: `Unauthorized session access: ${kinds} ${cite(hits)}.`,
    findings: hits.map((f) => f.id),
  };
}

function simultaneousWithAbnormal(
  simultaneous: readonly Finding[],
  sources: readonly Finding[],
): EscalationRuleResult {
  const rule = 'simultaneous_sessions_with_abnormal_source';
  const ids = [...simultaneous, ...sources].map((f) => f.id);
  if (simultaneous.length > 0 && sources.length > 0) {
    const malicious = sources.filter((f) => f.intel !== undefined);
    const what =
      malicious.length > 0
        ? `a known malicious address (${malicious[0]?.intel?.list ?? 'intel'}) ${cite(malicious)}`
        : `an abnormal source ${cite(sources)}`;
    return {
      rule,
      met: true,
      reason: `Simultaneous sessions ${cite(simultaneous)} together with ${what}.`,
      findings: ids,
    };
  }
  let reason: string;
  if (simultaneous.length > 0) {
    reason = `Simultaneous sessions ${cite(simultaneous)}, but no abnormal source or known malicious address.`;
  } else if (sources.length > 0) {
    reason = `Abnormal source ${cite(sources)}, but no suspicious simultaneous sessions (no ssh.concurrent_sessions finding).`;
  } else {
    // Overlapping sessions that are one user's hop chain are not suspicious by themselves: the
    // case's simultaneous_sessions answer may still say they overlap, so name what was counted.
    reason =
      'No suspicious simultaneous sessions (no ssh.concurrent_sessions finding) and no abnormal or known malicious source.';
  }
  return { rule, met: false, reason, findings: ids };
}

function corroborated(
  findings: readonly Finding[],
  policy: EscalationPolicy,
): EscalationRuleResult {
  const rule = 'corroborated_lateral_movement_or_privilege_escalation';
  const movement = findings.filter((f) => policy.lateralOrPrivilege.includes(f.detector));
  if (movement.length === 0) {
    return {
      rule,
      met: false,
      reason: 'No lateral movement or privilege escalation finding.',
      findings: [],
    };
  }
  const detectors = new Set(movement.map((f) => f.detector));
  // A finding its own detector rates below the bar (a routine root shell, a second channel on
  // one's own connection) says "this happened", not "this is suspicious": two such findings of
  // the same benign session must not add up to an escalation.
  const floorName = policy.minCorroboratingSeverity ?? DEFAULT_CORROBORATING_SEVERITY;
  const floor = severityRank(floorName);
  const suspicious = (f: Finding) =>
    !policy.informational.includes(f.detector) && severityRank(f.severity) >= floor;
  const candidates = findings.filter(
    (f) => !detectors.has(f.detector) && !policy.informational.includes(f.detector),
  );
  const others = candidates.filter(suspicious);
  // Both movement kinds corroborate each other only when one of them is suspicious itself.
  const both = detectors.size > 1 && movement.some(suspicious);
  if (others.length === 0 && !both) {
    const weak = [...candidates, ...(detectors.size > 1 ? movement : [])];
    return {
      rule,
      met: false,
      reason: `${[...detectors].join(', ')} ${cite(movement)} without corroborating findings from another detector${
        weak.length === 0
          ? ''
          : ` (below ${floorName} severity, routine on their own: ${weak.map((f) => f.id).join(', ')})`
      }.`,
      findings: movement.map((f) => f.id),
    };
  }
  const support = both ? movement : [...movement, ...others];
  return {
    rule,
    met: true,
    reason: `${[...detectors].join(' and ')} ${cite(movement)} corroborated by ${
      both ? 'each other' : [...new Set(others.map((f) => f.detector))].join(', ')
    }${both ? '' : ` ${cite(others)}`}.`,
    findings: support.map((f) => f.id),
  };
}

function knownMalicious(
  findings: readonly Finding[],
  policy: EscalationPolicy,
): EscalationRuleResult {
  const rule = 'known_malicious_source';
  const listed = findings.filter((f) => f.intel !== undefined);
  if (!policy.escalateOnKnownMalicious) {
    return {
      rule,
      met: false,
      reason:
        listed.length > 0
          ? `Known malicious address ${cite(listed)}; alone it does not escalate under this policy.`
          : 'No known malicious address (rule off in this policy).',
      findings: listed.map((f) => f.id),
    };
  }
  if (listed.length === 0) {
    return { rule, met: false, reason: 'No known malicious address.', findings: [] };
  }
  const first = listed[0];
  return {
    rule,
    met: true,
    reason: `A known malicious address: ${first?.sourceIp ?? 'an address'} is on ${first?.intel?.list ?? 'an intel list'} ${cite(listed)}.`,
    findings: listed.map((f) => f.id),
  };
}
