import type { Provenance } from '../events/provenance.js';
import type { Finding, FindingActor, Severity } from '../findings/finding.js';
import { detachProvenance } from '../model/detach-provenance.js';

/** Default cap on evidence lines per finding. */
export const DEFAULT_MAX_EVIDENCE = 50;

/**
 * What a detector knows when it builds a finding (see {@link createFinding}).
 *
 * @example
 * ```ts
 * const spec: FindingSpec = {
 *   detector: 'ssh.brute_force_success', title: 'Password guessed', severity: 'high', confidence: 0.8,
 *   techniques: ['T1110.001'], time: Date.UTC(2024, 2, 4, 9, 11), host: 'bastion', user: 'root',
 *   sourceIp: '203.0.113.77', sessionIds: [], evidence: [],
 *   explanation: '41 failed passwords from 203.0.113.77 were followed by a success.',
 * };
 * ```
 */
export interface FindingSpec {
  /** The detector's id. */
  readonly detector: string;
  /** Short title. */
  readonly title: string;
  /** Severity. */
  readonly severity: Severity;
  /** Confidence, clamped to 0..1. */
  readonly confidence: number;
  /** ATT&CK technique ids. */
  readonly techniques: readonly string[];
  /** When it happened (epoch ms, from the events). */
  readonly time: number;
  /** Host. */
  readonly host: string | undefined;
  /** User. */
  readonly user: string | undefined;
  /** Source address. */
  readonly sourceIp: string | undefined;
  /** Sessions involved. */
  readonly sessionIds: readonly string[];
  /** Evidence lines, chronological (duplicates are dropped, the list is capped). */
  readonly evidence: readonly Provenance[];
  /** One or two sentences naming the facts: who, where, from where, how many, when. */
  readonly explanation: string;
  /** Evidence cap (default {@link DEFAULT_MAX_EVIDENCE}). */
  readonly maxEvidence?: number;
  /** Who acted, when known apart from `user` (left out of the id: ids stay as they were). */
  readonly actor?: FindingActor | undefined;
}

/**
 * Builds a contract {@link Finding}: ISO time, evidence deduplicated and capped (the first
 * and the latest lines are kept), and a deterministic id from the detector, the subject and
 * the evidence lines (their numbers and text, not their file names), so the same input always
 * gives the same id, however its paths are spelled.
 *
 * @param spec - The finding's facts.
 * @returns The finding.
 * @example
 * ```ts
 * const finding = createFinding({ ...spec, evidence: [event.source] });
 * finding.id; // 'ssh.brute_force_success:5f1c0a9e2b7d4c31'
 * ```
 */
export function createFinding(spec: FindingSpec): Finding {
  const evidence = capEvidence(spec.evidence, spec.maxEvidence ?? DEFAULT_MAX_EVIDENCE);
  const key = [
    spec.detector,
    spec.time,
    spec.host ?? '',
    spec.user ?? '',
    spec.sourceIp ?? '',
    spec.sessionIds.join(','),
    // Lines by number and text, not by file name: a path typed another way (`./logs`, an
    // absolute path, another checkout) must not change the id a sink deduplicates on.
    ...evidence.map((e) => `${e.line}:${e.text}`),
  ].join('\u0000');
  return {
    type: 'finding',
    id: `${spec.detector}:${hash(key)}`,
    detector: spec.detector,
    title: spec.title,
    severity: spec.severity,
    confidence: Math.round(Math.min(1, Math.max(0, spec.confidence)) * 100) / 100,
    techniques: [...spec.techniques],
    time: isoTime(spec.time),
    host: spec.host,
    user: spec.user,
    sourceIp: spec.sourceIp,
    sessionIds: [...spec.sessionIds],
    evidence,
    explanation: spec.explanation,
    ...(spec.actor === undefined ? {} : { actor: spec.actor }),
  };
}

/**
 * Deduplicates evidence lines (same source and line) keeping the first occurrence, and
 * caps the list: beyond `max`, the first `max - ceil(max/2)` and the last `ceil(max/2)` are
 * kept, so both the lead-up and the decisive lines stay.
 *
 * @param lines - Evidence in order (several lists may be concatenated).
 * @param max - The cap (at least 1).
 * @returns The deduplicated, capped lines.
 * @example
 * ```ts
 * capEvidence([a, a, b], 50); // [a, b]
 * ```
 */
export function capEvidence(lines: readonly Provenance[], max: number): readonly Provenance[] {
  const seen = new Set<string>();
  const out: Provenance[] = [];
  for (const line of lines) {
    const key = `${line.source}\u0000${line.line}`;
    if (seen.has(key)) continue;
    seen.add(key);
    // Findings outlive their lines (open cases, the caller's lists): keep self-contained copies.
    out.push(detachProvenance(line));
  }
  const cap = Math.max(1, Math.floor(max));
  if (out.length <= cap) return out;
  const tail = Math.ceil(cap / 2);
  return [...out.slice(0, cap - tail), ...out.slice(out.length - tail)];
}

/**
 * Epoch milliseconds as ISO-8601 UTC; never throws (out-of-range times give the epoch).
 *
 * @param time - Epoch milliseconds.
 * @returns The ISO string.
 * @example
 * ```ts
 * isoTime(0); // '1970-01-01T00:00:00.000Z'
 * ```
 */
export function isoTime(time: number): string {
  const valid = Number.isFinite(time) && Math.abs(time) <= 8.64e15;
  return new Date(valid ? time : 0).toISOString();
}

/** Two 32-bit FNV-1a passes with different offsets: 16 hex digits. */
function hash(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x01000193) ^ (b >>> 15);
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}
