// Validates an ECS document against the field map of @elastic/ecs, following
// ../shared/schemas/ecs/README.md: existence, required, arrays, types, vocabularies, version.
import { isIP } from 'node:net';
import { EcsFlat, EcsVersion } from '@elastic/ecs';

interface EcsFieldDef {
  readonly type: string;
  readonly normalize?: readonly string[];
  readonly allowed_values?: readonly {
    readonly name: string;
    readonly expected_event_types?: readonly string[];
  }[];
  readonly object_type?: string;
  readonly pattern?: string;
}

const FLAT = EcsFlat as unknown as Readonly<Record<string, EcsFieldDef>>;
const CONTAINERS = new Set(['object', 'flattened', 'geo_point']);

export { EcsVersion };

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Flattens nested objects into dotted keys, stopping at object/flattened/geo_point fields. */
export function flatten(
  doc: Record<string, unknown>,
  prefix = '',
  out: Record<string, unknown> = {},
) {
  for (const [k, v] of Object.entries(doc)) {
    const key = prefix === '' ? k : `${prefix}.${k}`;
    const def = FLAT[key];
    if (def !== undefined && CONTAINERS.has(def.type)) out[key] = v;
    else if (isPlainObject(v) && def === undefined) flatten(v, key, out);
    else out[key] = v;
  }
  return out;
}

function typeOk(type: string, v: unknown): boolean {
  switch (type) {
    case 'keyword':
    case 'constant_keyword':
    case 'wildcard':
    case 'match_only_text':
    case 'text':
      return typeof v === 'string';
    case 'long':
    case 'integer':
      return Number.isInteger(v);
    case 'float':
    case 'double':
    case 'scaled_float':
      return typeof v === 'number' && Number.isFinite(v);
    case 'boolean':
      return typeof v === 'boolean';
    case 'date':
      return (typeof v === 'string' && !Number.isNaN(Date.parse(v))) || Number.isInteger(v);
    case 'ip':
      return typeof v === 'string' && isIP(v) !== 0;
    case 'object':
    case 'flattened':
      return isPlainObject(v);
    default:
      return false;
  }
}

/** Returns the list of violations (empty when the document is valid). */
export function validateEcs(doc: Record<string, unknown>): string[] {
  const errors: string[] = [];
  const flat = flatten(doc);
  for (const required of ['@timestamp', 'ecs.version']) {
    if (flat[required] === undefined) errors.push(`${required}: required`);
  }
  if (flat['ecs.version'] !== EcsVersion) errors.push(`ecs.version: expected ${EcsVersion}`);
  for (const [key, value] of Object.entries(flat)) {
    const def = FLAT[key];
    if (def === undefined) {
      errors.push(`${key}: not an ECS field`);
      continue;
    }
    const isArray = def.normalize?.includes('array') === true;
    if (isArray && !Array.isArray(value)) errors.push(`${key}: must be an array`);
    if (!isArray && Array.isArray(value)) errors.push(`${key}: must be a single value`);
    const values = Array.isArray(value) ? value : [value];
    for (const v of values) {
      if (!typeOk(def.type, v)) errors.push(`${key}: ${JSON.stringify(v)} is not ${def.type}`);
      if (def.allowed_values !== undefined && !def.allowed_values.some((a) => a.name === v)) {
        errors.push(`${key}: ${JSON.stringify(v)} is not an allowed value`);
      }
      if (def.pattern !== undefined && typeof v === 'string' && !new RegExp(def.pattern).test(v)) {
        errors.push(`${key}: ${v} does not match ${def.pattern}`);
      }
    }
    if (def.type === 'object' && def.object_type === 'keyword' && isPlainObject(value)) {
      for (const [k, v] of Object.entries(value)) {
        if (typeof v !== 'string') errors.push(`${key}.${k}: must be a keyword string`);
      }
    }
  }
  // event.type values must be expected by at least one of the categories.
  const categories = (flat['event.category'] as string[] | undefined) ?? [];
  const types = (flat['event.type'] as string[] | undefined) ?? [];
  const catDef = FLAT['event.category'];
  for (const t of types) {
    const ok = categories.some((c) =>
      catDef?.allowed_values?.find((a) => a.name === c)?.expected_event_types?.includes(t),
    );
    if (!ok) errors.push(`event.type: ${t} not expected for categories ${categories.join(',')}`);
  }
  return errors;
}
