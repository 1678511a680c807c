/**
 * Reads a numeric option with a default and bounds; throws RangeError/TypeError for bad
 * values (factories are the only place detectors throw).
 *
 * @internal
 */
export function numberOption(
  options: Readonly<Record<string, unknown>>,
  name: string,
  fallback: number,
  min: number,
  max = Number.MAX_SAFE_INTEGER,
): number {
  const value = options[name];
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || Number.isNaN(value)) {
    throw new TypeError(`option ${name} must be a number`);
  }
  if (value < min || value > max)
    throw new RangeError(`option ${name} must be within ${min}..${max}`);
  return value;
}

/** @internal Reads a boolean option with a default. */
export function booleanOption(
  options: Readonly<Record<string, unknown>>,
  name: string,
  fallback: boolean,
): boolean {
  const value = options[name];
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') throw new TypeError(`option ${name} must be true or false`);
  return value;
}

/** @internal Rejects option names a detector does not know (typos would silently do nothing). */
export function knownOptions(
  options: Readonly<Record<string, unknown>>,
  names: readonly string[],
  detector: string,
): void {
  for (const key of Object.keys(options)) {
    if (!names.includes(key)) throw new TypeError(`${detector}: unknown option ${key}`);
  }
}
