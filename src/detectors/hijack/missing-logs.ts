import type { Finding, Severity } from '../../findings/finding.js';
import type { LogGapFinding } from '../../model/gaps/gap-types.js';
import { createFinding } from '../create-finding.js';
import type { Detector, DetectorContext } from '../detector.js';
import { createQuietSteps } from '../no-findings.js';
import { knownOptions, numberOption } from '../ssh/options.js';

// Steps that find nothing reuse one object per state (see createQuietSteps).
const quiet = createQuietSteps();

/** Detector id of {@link missingLogs}. */
export const MISSING_LOGS = 'ssh.missing_logs';

/**
 * Options of {@link missingLogs}.
 *
 * @example
 * ```ts
 * const options: MissingLogsOptions = { checkEveryMs: 30_000 };
 * ```
 */
export interface MissingLogsOptions {
  /** How often (event time) the log-gap view is read between session changes (default 60 s). */
  readonly checkEveryMs?: number;
}

/** State of {@link missingLogs}. */
export interface MissingLogsState {
  /** The log-gap view cursor. */
  cursor: number;
  /** Event time of the last read. */
  lastCheck: number;
}

const SEVERITY: Readonly<Record<LogGapFinding['kind'], Severity>> = {
  'gap.missing_login': 'high',
  'gap.silence': 'medium',
  'gap.unended_session': 'low',
};

const TITLE: Readonly<Record<LogGapFinding['kind'], string>> = {
  'gap.missing_login': 'Network-observed SSH login missing from the host log',
  'gap.silence': 'Host log went silent',
  'gap.unended_session': 'Session stopped without an end',
};

function toFinding(gap: LogGapFinding): Finding {
  return createFinding({
    detector: MISSING_LOGS,
    title: TITLE[gap.kind],
    // A stopped heartbeat is evidence; a quiet spell in event-driven auth logs is only a hint.
    severity: gap.kind === 'gap.silence' && gap.basis === 'time_jump' ? 'low' : SEVERITY[gap.kind],
    confidence: gap.kind === 'gap.missing_login' ? 0.7 : 0.5,
    techniques: ['T1070.002'],
    time: gap.time,
    host: gap.host,
    user: gap.kind === 'gap.unended_session' ? gap.user : undefined,
    sourceIp: gap.kind === 'gap.missing_login' ? gap.network.origIp : undefined,
    sessionIds: gap.kind === 'gap.unended_session' ? [gap.sessionId] : [],
    evidence: gap.evidence,
    explanation: gap.explanation,
  });
}

function read(state: MissingLogsState, context: DetectorContext): Finding[] {
  if (context.gaps === undefined) return [];
  const { gaps, cursor } = context.gaps.since(state.cursor);
  state.cursor = cursor;
  return gaps.map(toFinding);
}

/**
 * `ssh.missing_logs` (T1070.002): the log-gap monitor's records as findings: a successful SSH
 * login the network saw (Zeek) with no accepted login in the host's log (high), a host log
 * that went silent (medium), a session that stopped logging without an end (low). Reads the
 * context's `gaps` view; without it the detector stays quiet.
 *
 * @param options - How often to read the view.
 * @returns The detector.
 * @throws RangeError / TypeError for invalid options.
 * @example
 * ```ts
 * const context = createDetectorContext({ sessions: tracker, gaps: logGapView(buffer) });
 * const set = createDetectorSet([missingLogs()]);
 * ```
 */
export function missingLogs(options: MissingLogsOptions = {}): Detector<MissingLogsState> {
  const raw = options as Readonly<Record<string, unknown>>;
  knownOptions(raw, ['checkEveryMs'], MISSING_LOGS);
  const checkEveryMs = numberOption(raw, 'checkEveryMs', 60_000, 0);
  return {
    id: MISSING_LOGS,
    title: 'Missing or tampered logs',
    description:
      'SSH logins seen on the network but not in the host log, silent logs, sessions without an end.',
    techniques: ['T1070.002'],
    needs: ['auth', 'network'],
    options: { checkEveryMs },
    init: () => ({ cursor: 0, lastCheck: Number.NEGATIVE_INFINITY }),
    step(state, input, context) {
      const t = input.kind === 'event' ? input.event.time : input.session.lastSeenTime;
      if (input.kind === 'event' && t < state.lastCheck + checkEveryMs) {
        return quiet(state);
      }
      state.lastCheck = t;
      return { state, findings: read(state, context) };
    },
    flush(state, _now, context) {
      return { state, findings: read(state, context) };
    },
  };
}
