import type { Case } from '../findings/case.js';
import type { Finding } from '../findings/finding.js';
import type { SshSession } from '../model/session.js';

/**
 * What a JSONL stream carries: findings, cases and sessions.
 *
 * @example
 * ```ts
 * const items: JsonlItem[] = [...findings, ...cases, ...sessions];
 * ```
 */
export type JsonlItem = Finding | Case | SshSession;

/**
 * A session as a JSONL record: the {@link SshSession} with `type: "session"` first.
 *
 * @example
 * ```ts
 * function id(r: SessionRecord): string { return r.id; }
 * ```
 */
export type SessionRecord = { readonly type: 'session' } & SshSession;

function isSession(item: JsonlItem): item is SshSession {
  return !('type' in item);
}

/**
 * The JSONL record of a finding, case or session, per the output contract of DESIGN.md:
 * findings and cases as they are, sessions as `{"type":"session", ...session}`.
 *
 * @param item - A finding, case or session.
 * @returns The record (plain data, ready for `JSON.stringify`).
 * @example
 * ```ts
 * toJsonlRecord(session).type; // 'session'
 * ```
 */
export function toJsonlRecord(item: JsonlItem): Finding | Case | SessionRecord {
  if (isSession(item)) return { type: 'session', ...item };
  return item;
}

// Fields that were never logged are `undefined` in memory: written as `null`, so every record
// of a type has the same keys (the contract's `host`, `user`, `sourceIp` among them).
function keepNulls(_key: string, value: unknown): unknown {
  return value === undefined ? null : value;
}

/**
 * Serializes one finding, case or session as one JSONL line (no trailing newline). `undefined`
 * fields become `null`; the text is JSON, so log text with newlines or quotes stays on one line.
 *
 * @param item - A finding, case or session.
 * @returns One line of JSON.
 * @example
 * ```ts
 * out.write(`${toJsonLine(finding)}\n`);
 * ```
 */
export function toJsonLine(item: JsonlItem): string {
  return JSON.stringify(toJsonlRecord(item), keepNulls);
}

/**
 * Serializes findings, cases and sessions as JSONL: one JSON object per line, each line ended
 * by `\n` (an empty input gives an empty string).
 *
 * @param items - Findings, cases and sessions, in the order to write them.
 * @returns The JSONL text.
 * @example
 * ```ts
 * const text = toJsonl([...findings, ...cases]);
 * text.split('\n').filter(Boolean).map((l) => JSON.parse(l).type); // ['finding', ..., 'case']
 * ```
 */
export function toJsonl(items: Iterable<JsonlItem>): string {
  let out = '';
  for (const item of items) out += `${toJsonLine(item)}\n`;
  return out;
}
