import type { Provenance } from '../../events/provenance.js';
import type { Finding, Severity } from '../../findings/finding.js';
import { detachProvenance } from '../../model/detach-provenance.js';
import { createFinding } from '../create-finding.js';
import type { DetectorInput, DetectorNeed } from '../detector.js';
import { inputEvidence, inputHost, inputSourceIp, inputUser } from '../input.js';
import { DETECTOR_ID } from './patterns.js';

/**
 * What every composed detector takes besides its logic.
 *
 * @example
 * ```ts
 * const spec: RuleSpec = { id: 'acme.root_sudo_burst', title: 'Burst of root sudo', severity: 'medium' };
 * ```
 */
export interface RuleSpec {
  /** Dotted id (`acme.something`). */
  readonly id: string;
  /** Short title. */
  readonly title: string;
  /** One sentence on what it finds (default: the title). */
  readonly description?: string;
  /** ATT&CK technique ids (default none). */
  readonly techniques?: readonly string[];
  /** Data it needs (default `auth`). */
  readonly needs?: readonly DetectorNeed[];
  /** Severity of its findings (default `medium`). */
  readonly severity?: Severity;
  /** Confidence of its findings (default 0.6). */
  readonly confidence?: number;
  /** Most keys tracked at once, least recently used dropped first (default 10000). */
  readonly maxKeys?: number;
  /** Builds the explanation from the facts (default: a sentence naming them). */
  readonly explain?: (facts: RuleFacts) => string;
}

/**
 * The facts of a composed detector's finding, for {@link RuleSpec.explain}.
 *
 * @example
 * ```ts
 * const explain = (f: RuleFacts) => `${f.count} sudo calls by ${f.user} on ${f.host}`;
 * ```
 */
export interface RuleFacts {
  /** The entity key. */
  readonly key: string;
  /** Matching inputs counted. */
  readonly count: number;
  /** First input time (epoch ms). */
  readonly first: number;
  /** Last input time (epoch ms). */
  readonly last: number;
  /** The window (ms). */
  readonly windowMs: number;
  /** User of the last input. */
  readonly user: string | undefined;
  /** Host of the last input. */
  readonly host: string | undefined;
  /** Source address of the last input. */
  readonly sourceIp: string | undefined;
}

/** @internal Checks a rule spec (programmer errors only). */
export function checkRule(spec: RuleSpec): void {
  if (typeof spec.id !== 'string' || spec.id.length > 100 || !DETECTOR_ID.test(spec.id)) {
    throw new TypeError(
      `detector id must be dotted lower case (acme.rule_name), got ${String(spec.id)}`,
    );
  }
  if (typeof spec.title !== 'string' || spec.title.length === 0) {
    throw new TypeError('detector title must be a non-empty string');
  }
  const c = spec.confidence ?? 0.6;
  if (!(c >= 0 && c <= 1)) throw new RangeError('confidence must be within 0..1');
  const max = spec.maxKeys ?? 10_000;
  if (!(max >= 1)) throw new RangeError('maxKeys must be >= 1');
}

/** @internal Evidence of one input, bounded. */
export function evidenceOf(input: DetectorInput, max: number): readonly Provenance[] {
  const lines = inputEvidence(input);
  return lines.length <= max ? lines : lines.slice(lines.length - max);
}

/** @internal Appends evidence keeping at most `max` lines (first half and latest lines). */
export function appendEvidence(
  into: Provenance[],
  lines: readonly Provenance[],
  max: number,
): void {
  // Detector state outlives its lines: keep copies that do not pin the lines' read chunks.
  for (const line of lines) into.push(detachProvenance(line));
  if (into.length > max) into.splice(Math.floor(max / 2), into.length - max);
}

/** @internal Who and where an input is about. */
export interface Subject {
  readonly user: string | undefined;
  readonly host: string | undefined;
  readonly sourceIp: string | undefined;
}

/** @internal The subject of an input. */
export function subjectOf(input: DetectorInput): Subject {
  return { user: inputUser(input), host: inputHost(input), sourceIp: inputSourceIp(input) };
}

/** @internal The finding of a composed detector. */
export function ruleFinding(
  spec: RuleSpec,
  subject: Subject,
  facts: Omit<RuleFacts, 'user' | 'host' | 'sourceIp'>,
  evidence: readonly Provenance[],
  sessionIds: readonly string[],
  defaultExplain: (f: RuleFacts) => string,
): Finding {
  const full: RuleFacts = { ...facts, ...subject };
  return createFinding({
    detector: spec.id,
    title: spec.title,
    severity: spec.severity ?? 'medium',
    confidence: spec.confidence ?? 0.6,
    techniques: spec.techniques ?? [],
    time: facts.last,
    host: full.host,
    user: full.user,
    sourceIp: full.sourceIp,
    sessionIds,
    evidence,
    explanation: (spec.explain ?? defaultExplain)(full),
  });
}

/** @internal Minutes or seconds, for explanations. */
export function spanText(ms: number): string {
  if (ms >= 3_600_000 && ms % 3_600_000 === 0) return `${ms / 3_600_000} h`;
  if (ms >= 60_000) return `${Math.round(ms / 60_000)} min`;
  return `${Math.round(ms / 1000)} s`;
}
