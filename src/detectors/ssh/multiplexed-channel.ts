import type { Severity } from '../../findings/finding.js';
import { createFinding } from '../create-finding.js';
import type { Detector } from '../detector.js';
import { type Lru, lruCreate, lruGet, lruSet } from '../lru.js';
import { createQuietSteps } from '../no-findings.js';
import { isoSeconds, isServiceAccount } from './knowledge.js';
import { knownOptions, numberOption } from './options.js';

// Steps that find nothing reuse one object per state (see createQuietSteps).
const quiet = createQuietSteps();

/** Detector id of {@link multiplexedChannel}. */
export const MULTIPLEXED_CHANNEL = 'ssh.multiplexed_channel';

/**
 * Options of {@link multiplexedChannel}.
 *
 * @example
 * ```ts
 * const options: MultiplexedChannelOptions = { maxSessions: 50_000 };
 * ```
 */
export interface MultiplexedChannelOptions {
  /** Sessions tracked (default 10000). */
  readonly maxSessions?: number;
}

/** State of {@link multiplexedChannel}. */
export interface MultiplexedChannelState {
  /** Per session: multiplexed channels already reported. */
  readonly sessions: Lru<number>;
}

/**
 * `ssh.multiplexed_channel`: on the server, a new channel (`Starting session ... id N`, N > 0)
 * on an already authenticated connection with no new authentication: ControlMaster reuse,
 * by the user or by someone using their master socket (the server-side trace of a
 * ControlMaster hijack; needs sshd `LogLevel VERBOSE`). Low on its own: the owner's own
 * ControlMaster reuse looks exactly the same on the server, so this is inventory that
 * `ssh.control_master_hijack` raises when client-side evidence shows another user.
 *
 * @param options - Caps.
 * @returns The detector.
 * @throws RangeError / TypeError for invalid options.
 * @example
 * ```ts
 * const detector = multiplexedChannel();
 * ```
 */
export function multiplexedChannel(
  options: MultiplexedChannelOptions = {},
): Detector<MultiplexedChannelState> {
  const raw = options as Readonly<Record<string, unknown>>;
  knownOptions(raw, ['maxSessions'], MULTIPLEXED_CHANNEL);
  const maxSessions = numberOption(raw, 'maxSessions', 10_000, 1);
  return {
    id: MULTIPLEXED_CHANNEL,
    title: 'New channel on an existing SSH connection',
    description: 'A session channel opened on an authenticated connection without a new login.',
    techniques: ['T1563.001'],
    needs: ['auth_verbose'],
    options: { maxSessions },
    init: () => ({ sessions: lruCreate() }),
    step(state, input, context) {
      if (input.kind !== 'session') return quiet(state);
      const s = input.session;
      const channels = s.channels.filter((c) => c.multiplexed);
      const done = lruGet(state.sessions, s.id) ?? 0;
      if (channels.length <= done) return quiet(state);
      lruSet(state.sessions, s.id, channels.length, maxSessions);
      const habitual =
        isServiceAccount(context, s.user) ||
        (s.user !== undefined && (context.baselines?.users[s.user]?.multiplexed ?? 0) > 0);
      const severity: Severity = 'low';
      return {
        state,
        findings: channels.slice(done).map((c) => {
          const t = c.startTime ?? s.lastSeenTime;
          const what = `${c.type ?? 'channel'}${c.subsystem === undefined ? '' : ` ${c.subsystem}`}${c.tty === undefined ? '' : ` on ${c.tty}`}`;
          const marker = c.number === undefined ? undefined : ` id ${c.number}`;
          const lines = s.evidence.filter(
            (e) =>
              e.text.includes('Accepted ') ||
              (marker !== undefined &&
                e.text.includes('Starting session') &&
                e.text.endsWith(marker)),
          );
          return createFinding({
            detector: MULTIPLEXED_CHANNEL,
            title: 'New channel on an existing SSH connection without authentication',
            severity,
            confidence: 0.6,
            techniques: ['T1563.001'],
            time: t,
            host: s.host,
            user: s.user,
            sourceIp: s.sourceIp,
            sessionIds: [s.id],
            evidence: lines.length > 0 ? lines : s.evidence.slice(0, 10),
            explanation:
              `A new ${what} (session id ${c.number ?? '?'}) opened at ${isoSeconds(t)} on ${s.user ?? 'a user'}'s existing connection ` +
              `to ${s.host ?? 'an unnamed host'} from ${s.sourceIp ?? '?'} port ${s.sourcePort ?? '?'} with no new authentication${habitual ? ' (multiplexing is usual for this account)' : ''}.`,
          });
        }),
      };
    },
  };
}
