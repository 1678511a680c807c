import { createFinding } from '../create-finding.js';
import type { Detector } from '../detector.js';
import { createQuietSteps } from '../no-findings.js';
import { isoSeconds, judgeTime } from './knowledge.js';
import { knownOptions } from './options.js';

// Steps that find nothing reuse one object per state (see createQuietSteps).
const quiet = createQuietSteps();

/** Detector id of {@link unusualTime}. */
export const UNUSUAL_TIME = 'ssh.unusual_time';

/** State of {@link unusualTime}: none (it judges each login on its own). */
export type UnusualTimeState = null;

/**
 * `ssh.unusual_time`: a login outside the user's usual hours, read on the user's own clock
 * (their configured IANA zone, so DST changes move nothing). Usual hours come from the
 * configuration (`usualHours`, stronger: medium) or the baseline (learned: low); on-call
 * windows, maintenance windows and service accounts excuse a login. With neither, it stays
 * quiet.
 *
 * @param options - None yet (an empty object).
 * @returns The detector.
 * @throws TypeError for unknown options.
 * @example
 * ```ts
 * const detector = unusualTime();
 * ```
 */
export function unusualTime(
  options: Readonly<Record<string, never>> = {},
): Detector<UnusualTimeState> {
  knownOptions(options, [], UNUSUAL_TIME);
  return {
    id: UNUSUAL_TIME,
    title: 'Login at an unusual time',
    description: "A login outside the user's usual hours in their time zone.",
    techniques: ['T1078', 'T1563.001'],
    needs: ['auth', 'baseline', 'config'],
    options: {},
    init: () => null,
    step(state, input, context) {
      if (input.kind !== 'session' || input.change !== 'open') return quiet(state);
      const s = input.session;
      if (s.user === undefined || s.partial.start) return quiet(state);
      const t = s.authTime ?? s.startTime;
      const verdict = judgeTime(context, s.user, s.host, t);
      if (verdict.usual !== false) return quiet(state);
      const basis = verdict.configured
        ? 'configured usual hours'
        : 'hours learned from earlier sessions';
      return {
        state,
        findings: [
          createFinding({
            detector: UNUSUAL_TIME,
            title: "Login outside the user's usual hours",
            severity: verdict.configured ? 'medium' : 'low',
            confidence: verdict.configured ? 0.6 : 0.4,
            techniques: ['T1078', 'T1563.001'],
            time: t,
            host: s.host,
            user: s.user,
            sourceIp: s.sourceIp,
            sessionIds: [s.id],
            evidence: s.evidence.slice(0, 6),
            explanation:
              `${s.user} logged in to ${s.host ?? 'an unnamed host'} from ${s.sourceIp ?? s.sourceName ?? 'an unknown source'} ` +
              `at ${isoSeconds(t)} (${verdict.local} ${verdict.zone}), outside their ${basis}, with no on-call or maintenance window.`,
          }),
        ],
      };
    },
  };
}
