/** An osquery result row: column name to value (strings, or numbers with `--logger_numerics`). */
export type OsqueryRow = Readonly<Record<string, unknown>>;

/**
 * A column as text: strings as they are, numbers and booleans printed; empty strings and
 * anything else are `undefined`.
 *
 * @internal
 */
export function text(row: OsqueryRow, column: string): string | undefined {
  const v = row[column];
  if (typeof v === 'string') return v.length === 0 ? undefined : v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (typeof v === 'boolean') return v ? '1' : '0';
  return undefined;
}

/**
 * A column as an integer, whether it arrived as a JSON number (`--logger_numerics`) or as
 * the decimal string older osquery versions and the default logger write. `undefined` when
 * absent, empty or not an integer.
 *
 * @internal
 */
export function integer(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isSafeInteger(value) ? value : undefined;
  if (typeof value !== 'string' || value.length === 0 || value.length > 20) return undefined;
  let i = value.charCodeAt(0) === 45 ? 1 : 0;
  if (i === value.length) return undefined;
  let n = 0;
  for (; i < value.length; i++) {
    const c = value.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return undefined;
    n = n * 10 + c;
  }
  if (!Number.isSafeInteger(n)) return undefined;
  return value.charCodeAt(0) === 45 ? -n : n;
}

/**
 * An id column (pid, uid, auid...): an integer, with the unset markers `-1` and
 * `4294967295` as `undefined`.
 *
 * @internal
 */
export function id(row: OsqueryRow, column: string): number | undefined {
  const n = integer(row[column]);
  return n === undefined || n < 0 || n === 4294967295 ? undefined : n;
}

/**
 * A boolean column (`1`/`0`, `true`/`false`, numbers), `undefined` otherwise.
 *
 * @internal
 */
export function flag(row: OsqueryRow, column: string): boolean | undefined {
  const t = text(row, column)?.toLowerCase();
  if (t === '1' || t === 'true' || t === 'yes') return true;
  if (t === '0' || t === 'false' || t === 'no') return false;
  return undefined;
}
