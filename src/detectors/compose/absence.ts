import type { Provenance } from '../../events/provenance.js';
import type { Finding } from '../../findings/finding.js';
import type { Detector } from '../detector.js';
import { inputHost, inputSourceIp, inputTime, inputUser } from '../input.js';
import { type Lru, lruCreate, lruDelete, lruOldest, lruPeek, lruSet } from '../lru.js';
import type { KeyFn } from './entity.js';
import type { Matcher } from './matchers.js';
import { checkRule, evidenceOf, type RuleSpec, ruleFinding, spanText } from './rule.js';
import { within as toMs } from './within.js';

/**
 * Options of {@link absence}.
 *
 * @example
 * ```ts
 * const spec: AbsenceSpec = {
 *   id: 'acme.no_close', title: 'No logout', trigger: sessionOf('open'),
 *   expected: sessionOf('close'), key: sameEntity('session'), within: '12h',
 * };
 * ```
 */
export interface AbsenceSpec extends RuleSpec {
  /** The input that opens a window (`Y`). */
  readonly trigger: Matcher;
  /** The input that must follow within the window (`X`). */
  readonly expected: Matcher;
  /** Entity trigger and expected input must share. */
  readonly key: KeyFn;
  /** The window after the trigger: ms or a duration text. */
  readonly within: number | string;
}

/** One open window of an {@link absence} detector. */
export interface AbsencePending {
  /** When the trigger came (epoch ms). */
  readonly start: number;
  /** When the window runs out. */
  readonly deadline: number;
  /** The trigger's lines. */
  readonly evidence: readonly Provenance[];
  /** The trigger's session, if any. */
  readonly sessions: readonly string[];
  /** The trigger's user. */
  readonly user: string | undefined;
  /** The trigger's host. */
  readonly host: string | undefined;
  /** The trigger's source address. */
  readonly sourceIp: string | undefined;
}

/** State of an {@link absence} detector. */
export interface AbsenceState {
  /** Open windows per key, oldest first. */
  readonly pending: Lru<AbsencePending>;
}

/**
 * A detector for "no X within W after Y": it fires when a window opened by `trigger` runs
 * out (judged by the time of later inputs, or by `flush(now)`) without `expected` for the
 * same entity. Windows are kept per key (at most `maxKeys`; the oldest are dropped).
 *
 * @param spec - Id, title, trigger, expected input, key and window.
 * @returns The detector.
 * @throws TypeError / RangeError for invalid options.
 * @example
 * ```ts
 * const noSessionAfterAccept = absence({
 *   id: 'acme.accept_without_session', title: 'Accepted but no session',
 *   trigger: eventOf('ssh.auth', (e) => e.outcome === 'success'),
 *   expected: eventOf('pam.session', (e) => e.action === 'open'),
 *   key: sameEntity('session'), within: '30s',
 * });
 * ```
 */
export function absence(spec: AbsenceSpec): Detector<AbsenceState> {
  checkRule(spec);
  const windowMs = toMs(spec.within);
  const maxKeys = spec.maxKeys ?? 10_000;
  const expire = (state: AbsenceState, now: number): Finding[] => {
    const out: Finding[] = [];
    // Windows have one length, so insertion order is deadline order: stop at the first open one.
    for (let head = lruOldest(state.pending); head !== undefined; head = lruOldest(state.pending)) {
      const [key, p] = head;
      if (p.deadline >= now) break;
      lruDelete(state.pending, key);
      out.push(
        ruleFinding(
          spec,
          p,
          { key, count: 0, first: p.start, last: p.deadline, windowMs },
          p.evidence,
          p.sessions,
          (f) =>
            `No expected follow-up for ${f.key} within ${spanText(f.windowMs)} after ${new Date(f.first).toISOString()}.`,
        ),
      );
    }
    return out;
  };
  return {
    id: spec.id,
    title: spec.title,
    description: spec.description ?? spec.title,
    techniques: spec.techniques ?? [],
    needs: spec.needs ?? ['auth'],
    options: { windowMs, maxKeys },
    init: () => ({ pending: lruCreate() }),
    step(state, input, context) {
      const t = inputTime(input);
      const findings = state.pending.size > 0 ? expire(state, t) : [];
      const key = spec.key(input);
      if (key === undefined) return { state, findings };
      if (lruPeek(state.pending, key) !== undefined && spec.expected(input, context)) {
        lruDelete(state.pending, key);
      } else if (lruPeek(state.pending, key) === undefined && spec.trigger(input, context)) {
        lruSet(
          state.pending,
          key,
          {
            start: t,
            deadline: t + windowMs,
            evidence: evidenceOf(input, 20),
            sessions: input.kind === 'session' ? [input.session.id] : [],
            user: inputUser(input),
            host: inputHost(input),
            sourceIp: inputSourceIp(input),
          },
          maxKeys,
        );
      }
      return { state, findings };
    },
    flush(state, now) {
      return { state, findings: expire(state, now) };
    },
  };
}
