import type { Baseline, DurationStats, UserBaseline } from './baseline.js';

/**
 * The result of {@link baselineFromJson}.
 *
 * @example
 * ```ts
 * const r: BaselineResult = { ok: false, error: 'not an sshtrail baseline' };
 * ```
 */
export type BaselineResult =
  | { readonly ok: true; readonly baseline: Baseline }
  | { readonly ok: false; readonly error: string };

/**
 * Serializes a baseline to JSON text (stable key order as built).
 *
 * @param baseline - The baseline.
 * @returns JSON text.
 * @example
 * ```ts
 * await writeFile('baseline.json', baselineToJson(learner.baseline()));
 * ```
 */
export function baselineToJson(baseline: Baseline): string {
  return JSON.stringify(baseline);
}

/**
 * Reads a baseline from JSON text or an already parsed value, checking its format, version
 * and shape. Never throws.
 *
 * @param input - JSON text, or the parsed value.
 * @returns The baseline, or why it was rejected.
 * @example
 * ```ts
 * const r = baselineFromJson(await readFile('baseline.json', 'utf8'));
 * if (!r.ok) throw new Error(r.error);
 * ```
 */
export function baselineFromJson(input: unknown): BaselineResult {
  let value = input;
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input);
    } catch {
      return { ok: false, error: 'not valid JSON' };
    }
  }
  if (!isObject(value) || value.format !== 'sshtrail.baseline') {
    return { ok: false, error: 'not an sshtrail baseline (format must be "sshtrail.baseline")' };
  }
  if (value.version !== 1)
    return { ok: false, error: `unsupported baseline version ${String(value.version)}` };
  if (!isObject(value.users)) return { ok: false, error: 'users: must be an object' };
  for (const [name, user] of Object.entries(value.users)) {
    const problem = checkUser(user);
    if (problem !== undefined) return { ok: false, error: `users.${name}.${problem}` };
  }
  const time = (t: unknown) => (typeof t === 'number' && Number.isFinite(t) ? t : undefined);
  return {
    ok: true,
    baseline: {
      format: 'sshtrail.baseline',
      version: 1,
      from: time(value.from),
      to: time(value.to),
      users: value.users as Record<string, UserBaseline>,
    },
  };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const isCount = (v: unknown): boolean => typeof v === 'number' && Number.isFinite(v) && v >= 0;
const isStrings = (v: unknown): boolean =>
  Array.isArray(v) && v.every((s) => typeof s === 'string');

function checkUser(u: unknown): string | undefined {
  if (!isObject(u)) return '(user): must be an object';
  if (typeof u.user !== 'string') return 'user: must be a string';
  if (!isCount(u.sessions)) return 'sessions: must be a count';
  if (typeof u.timezone !== 'string') return 'timezone: must be a string';
  if (!Array.isArray(u.hours) || u.hours.length !== 24 || !u.hours.every(isCount)) {
    return 'hours: must be 24 counts';
  }
  for (const key of ['networks', 'sources', 'hosts', 'hops'] as const) {
    if (!isStrings(u[key])) return `${key}: must be an array of strings`;
  }
  if (!isObject(u.durations)) return 'durations: must be an object';
  for (const [kind, d] of Object.entries(u.durations)) {
    const s = d as Partial<DurationStats> | undefined;
    if (!isObject(s) || !isCount(s.count) || !isCount(s.median) || !isCount(s.mad)) {
      return `durations.${kind}: must be { count, median, mad }`;
    }
  }
  if (!isCount(u.maxConcurrentSources)) return 'maxConcurrentSources: must be a count';
  if (!isCount(u.multiplexed)) return 'multiplexed: must be a count';
  if (typeof u.automation !== 'boolean') return 'automation: must be true or false';
  return undefined;
}
