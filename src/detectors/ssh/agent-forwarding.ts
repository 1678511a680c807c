import { createFinding } from '../create-finding.js';
import type { Detector } from '../detector.js';
import { type Lru, lruCreate, lruGet, lruSet } from '../lru.js';
import { createQuietSteps } from '../no-findings.js';
import { isoSeconds } from './knowledge.js';
import { knownOptions, numberOption } from './options.js';

// Steps that find nothing reuse one object per state (see createQuietSteps).
const quiet = createQuietSteps();

/** Detector id of {@link agentForwarding}. */
export const AGENT_FORWARDING = 'ssh.agent_forwarding';

/**
 * Options of {@link agentForwarding}.
 *
 * @example
 * ```ts
 * const options: AgentForwardingOptions = { maxSessions: 50_000 };
 * ```
 */
export interface AgentForwardingOptions {
  /** Sessions remembered as reported (default 10000). */
  readonly maxSessions?: number;
}

/** State of {@link agentForwarding}. */
export interface AgentForwardingState {
  /** Sessions already reported. */
  readonly reported: Lru<true>;
}

/**
 * `ssh.agent_forwarding`: an inventory of sessions with SSH agent forwarding (sshd logs the
 * `auth-agent-req@openssh.com` channel request at DEBUG1 only). Low severity: it answers the
 * playbook question "Is there evidence of SSH agent forwarding?" and marks the sessions whose
 * agent a root user on that host could use.
 *
 * @param options - Caps.
 * @returns The detector.
 * @throws RangeError / TypeError for invalid options.
 * @example
 * ```ts
 * const detector = agentForwarding();
 * ```
 */
export function agentForwarding(
  options: AgentForwardingOptions = {},
): Detector<AgentForwardingState> {
  const raw = options as Readonly<Record<string, unknown>>;
  knownOptions(raw, ['maxSessions'], AGENT_FORWARDING);
  const maxSessions = numberOption(raw, 'maxSessions', 10_000, 1);
  return {
    id: AGENT_FORWARDING,
    title: 'SSH agent forwarding in use',
    description: "Sessions that forwarded the client's SSH agent to the server.",
    techniques: ['T1563.001'],
    needs: ['auth_debug'],
    options: { maxSessions },
    init: () => ({ reported: lruCreate() }),
    step(state, input) {
      if (input.kind !== 'session' || input.session.agentForwarding !== true) {
        return quiet(state);
      }
      const s = input.session;
      if (lruGet(state.reported, s.id) !== undefined) return quiet(state);
      lruSet(state.reported, s.id, true, maxSessions);
      const agentLine = s.evidence.find(
        (e) => e.text.includes('auth-agent-req') || e.text.includes('agent-req'),
      );
      const t = s.authTime ?? s.startTime;
      return {
        state,
        findings: [
          createFinding({
            detector: AGENT_FORWARDING,
            title: 'SSH agent forwarded into a session',
            severity: 'low',
            confidence: 0.9,
            techniques: ['T1563.001'],
            time: t,
            host: s.host,
            user: s.user,
            sourceIp: s.sourceIp,
            sessionIds: [s.id],
            evidence: [...s.evidence.slice(0, 4), ...(agentLine === undefined ? [] : [agentLine])],
            explanation:
              `${s.user ?? 'A user'}'s session on ${s.host ?? 'an unnamed host'} from ${s.sourceIp ?? s.sourceName ?? '?'} ` +
              `(authenticated ${isoSeconds(t)}) forwarded their SSH agent: while it lasts, root on ${s.host ?? 'that host'} can use it.`,
          }),
        ],
      };
    },
  };
}
