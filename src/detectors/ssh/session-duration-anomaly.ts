import type { DurationStats } from '../../baseline/baseline.js';
import { robustScore, robustStats } from '../../baseline/robust-stats.js';
import { sessionKind } from '../../baseline/session-facts.js';
import { createFinding } from '../create-finding.js';
import type { Detector } from '../detector.js';
import { type Lru, lruCreate, lruGet, lruSet } from '../lru.js';
import { createQuietSteps } from '../no-findings.js';
import { isoSeconds } from './knowledge.js';
import { booleanOption, knownOptions, numberOption } from './options.js';

// Steps that find nothing reuse one object per state (see createQuietSteps).
const quiet = createQuietSteps();

/** Detector id of {@link sessionDurationAnomaly}. */
export const SESSION_DURATION_ANOMALY = 'ssh.session_duration_anomaly';

/**
 * Options of {@link sessionDurationAnomaly}.
 *
 * @example
 * ```ts
 * const options: SessionDurationAnomalyOptions = { minScore: 6, minSamples: 20 };
 * ```
 */
export interface SessionDurationAnomalyOptions {
  /** Robust z-score (`|d - median| / (1.4826 MAD)`) that makes an anomaly (default 5). */
  readonly minScore?: number;
  /** Sessions of the user (and kind) needed before judging (default 10). */
  readonly minSamples?: number;
  /** Smallest difference from the median worth reporting (default 15 min). */
  readonly minDifferenceMs?: number;
  /** Also report sessions much shorter than usual (default false: longer only). */
  readonly shorter?: boolean;
  /** Durations kept per user and kind when learning from the stream (default 50). */
  readonly samplesPerUser?: number;
  /** Users learned from the stream (default 2000). */
  readonly maxUsers?: number;
}

/** State of {@link sessionDurationAnomaly}: durations seen per user and kind. */
export interface SessionDurationAnomalyState {
  /** Per `user/kind`: recent complete session lengths (ms). */
  readonly samples: Lru<number[]>;
}

/**
 * `ssh.session_duration_anomaly`: a session much longer (optionally shorter) than that
 * user's sessions of the same kind (shell, command, sftp), by median and MAD: from the
 * baseline when it has enough sessions, else from the sessions seen so far. Sessions whose
 * start or end is outside the logs (rotation, restarts) are never judged.
 *
 * @param options - Thresholds and caps.
 * @returns The detector.
 * @throws RangeError / TypeError for invalid options.
 * @example
 * ```ts
 * const detector = sessionDurationAnomaly({ minScore: 6 });
 * ```
 */
export function sessionDurationAnomaly(
  options: SessionDurationAnomalyOptions = {},
): Detector<SessionDurationAnomalyState> {
  const raw = options as Readonly<Record<string, unknown>>;
  knownOptions(
    raw,
    ['minScore', 'minSamples', 'minDifferenceMs', 'shorter', 'samplesPerUser', 'maxUsers'],
    SESSION_DURATION_ANOMALY,
  );
  const minScore = numberOption(raw, 'minScore', 5, 1);
  const minSamples = numberOption(raw, 'minSamples', 10, 3);
  const minDifferenceMs = numberOption(raw, 'minDifferenceMs', 900_000, 0);
  const shorter = booleanOption(raw, 'shorter', false);
  const samplesPerUser = numberOption(raw, 'samplesPerUser', 50, 3);
  const maxUsers = numberOption(raw, 'maxUsers', 2000, 1);
  return {
    id: SESSION_DURATION_ANOMALY,
    title: 'Session length unusual for the user',
    description: "A session much longer than the user's sessions of the same kind.",
    techniques: ['T1563.001'],
    needs: ['auth', 'baseline'],
    options: { minScore, minSamples, minDifferenceMs, shorter, samplesPerUser, maxUsers },
    init: () => ({ samples: lruCreate() }),
    step(state, input, context) {
      if (input.kind !== 'session' || input.change !== 'close') return quiet(state);
      const s = input.session;
      if (s.user === undefined || s.state !== 'closed' || s.partial.start || s.partial.end) {
        return quiet(state);
      }
      const kind = sessionKind(s);
      const key = `${s.user}/${kind}`;
      const seen = lruGet(state.samples, key) ?? [];
      lruSet(state.samples, key, seen, maxUsers);
      const learned = context.baselines?.users[s.user]?.durations;
      const stats = pick(learned?.[kind], learned?.any, seen, minSamples);
      seen.push(s.durationMs);
      if (seen.length > samplesPerUser) seen.shift();
      if (stats === undefined) return quiet(state);
      const score = robustScore(stats, s.durationMs, 60_000);
      const difference = s.durationMs - stats.median;
      const longer = score >= minScore && difference >= minDifferenceMs;
      const short = shorter && score <= -minScore && -difference >= minDifferenceMs;
      if (!longer && !short) return quiet(state);
      const end = s.endTime ?? s.lastSeenTime;
      return {
        state,
        findings: [
          createFinding({
            detector: SESSION_DURATION_ANOMALY,
            title: longer ? 'Session much longer than usual' : 'Session much shorter than usual',
            severity: longer && score >= 2 * minScore ? 'medium' : 'low',
            confidence: Math.min(0.8, 0.3 + Math.abs(score) / 50),
            techniques: ['T1563.001'],
            time: end,
            host: s.host,
            user: s.user,
            sourceIp: s.sourceIp,
            sessionIds: [s.id],
            evidence: s.evidence,
            explanation:
              `${s.user}'s ${kind === 'unknown' ? '' : `${kind} `}session on ${s.host ?? 'an unnamed host'} from ${s.sourceIp ?? '?'} ` +
              `lasted ${minutes(s.durationMs)} (ended ${isoSeconds(end)}), against a median of ${minutes(stats.median)} ` +
              `over ${stats.count} sessions (robust z ${score.toFixed(1)}).`,
          }),
        ],
      };
    },
  };
}

function pick(
  ofKind: DurationStats | undefined,
  any: DurationStats | undefined,
  seen: readonly number[],
  minSamples: number,
): DurationStats | undefined {
  if (ofKind !== undefined && ofKind.count >= minSamples) return ofKind;
  if (seen.length >= minSamples) return robustStats(seen);
  if (any !== undefined && any.count >= minSamples) return any;
  return undefined;
}

function minutes(ms: number): string {
  if (ms < 120_000) return `${Math.round(ms / 1000)} s`;
  if (ms < 7_200_000) return `${Math.round(ms / 60_000)} min`;
  return `${(ms / 3_600_000).toFixed(1)} h`;
}
