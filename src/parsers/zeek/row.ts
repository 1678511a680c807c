import { decodeZeekEscapes } from './escapes.js';
import type { ZeekHeaderState } from './header.js';

/** @internal One record: TSV values with their header, or a parsed JSON object. */
export type ZeekRow =
  | {
      readonly kind: 'tsv';
      readonly values: readonly string[];
      readonly header: ZeekHeaderState;
      readonly index: ReadonlyMap<string, number>;
    }
  | { readonly kind: 'json'; readonly object: Readonly<Record<string, unknown>> };

/** @internal Column index of every field name of a header. */
export function indexFields(fields: readonly string[]): ReadonlyMap<string, number> {
  const index = new Map<string, number>();
  fields.forEach((name, i) => {
    if (!index.has(name)) index.set(name, i);
  });
  return index;
}

/** @internal Whether the record has the field at all (set or unset). */
export function hasField(row: ZeekRow, name: string): boolean {
  return row.kind === 'tsv' ? row.index.has(name) : rawJson(row.object, name) !== undefined;
}

/**
 * @internal The raw value: for TSV the decoded text (`''` for the empty marker, `undefined` for
 * unset or absent); for JSON the parsed value (`undefined` when absent or null).
 */
export function rawValue(row: ZeekRow, name: string, decode = true): unknown {
  if (row.kind === 'json') return rawJson(row.object, name);
  const i = row.index.get(name);
  if (i === undefined) return undefined;
  const text = row.values[i];
  if (text === undefined || text === row.header.unsetField) return undefined;
  if (text === row.header.emptyField) return '';
  return decode ? decodeZeekEscapes(text) : text;
}

function rawJson(object: Readonly<Record<string, unknown>>, name: string): unknown {
  const direct = object[name];
  if (direct !== undefined && direct !== null) return direct;
  const dot = name.indexOf('.');
  if (dot < 0) return undefined;
  // Some exporters nest records (`{"id":{"orig_h":...}}`) instead of flattening them.
  const outer = object[name.slice(0, dot)];
  if (typeof outer !== 'object' || outer === null || Array.isArray(outer)) return undefined;
  const inner = (outer as Record<string, unknown>)[name.slice(dot + 1)];
  return inner === null ? undefined : inner;
}

/** @internal A string field (sets and vectors joined with `,`). */
export function textField(row: ZeekRow, name: string): string | undefined {
  const value = rawValue(row, name);
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.filter((v) => v !== null).join(',');
  return undefined;
}

/** @internal A non-negative numeric field (`count`, `port`, `interval`, `double`). */
export function numberField(row: ZeekRow, name: string): number | undefined {
  const value = rawValue(row, name, false);
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string' || value.length === 0 || value.length > 24) return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? n : undefined;
}

/** @internal A `bool` field: `T`/`F` in TSV, true/false in JSON. */
export function boolField(row: ZeekRow, name: string): boolean | undefined {
  const value = rawValue(row, name, false);
  if (typeof value === 'boolean') return value;
  if (value === 'T') return true;
  if (value === 'F') return false;
  return undefined;
}

/** @internal Every field of the record as plain data (sets and vectors as arrays). */
export function fieldsOf(row: ZeekRow): Readonly<Record<string, unknown>> {
  if (row.kind === 'json') return row.object;
  const out: Record<string, unknown> = {};
  const { header } = row;
  header.fields.forEach((name, i) => {
    const text = row.values[i];
    if (text === undefined || text === header.unsetField) return;
    const type = header.types[i] ?? '';
    const container = type.startsWith('set[') || type.startsWith('vector[');
    if (text === header.emptyField) out[name] = container ? [] : '';
    else if (container) out[name] = text.split(header.setSeparator).map(decodeZeekEscapes);
    else out[name] = decodeZeekEscapes(text);
  });
  return out;
}
