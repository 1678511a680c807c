/**
 * A tiny validator for the subset of JSON Schema 2020-12 the config schema uses (type,
 * properties, additionalProperties, required, items, enum, const, $ref to #/$defs, oneOf,
 * anyOf, pattern, minLength, maxLength). Test-only: no new dependency.
 */
type Schema = Readonly<Record<string, unknown>>;

export function schemaErrors(schema: Schema, value: unknown): string[] {
  const errors: string[] = [];
  check(schema, schema, value, '', errors);
  return errors;
}

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

function check(root: Schema, s: Schema, v: unknown, path: string, errors: string[]): void {
  if (typeof s.$ref === 'string') {
    const name = s.$ref.replace('#/$defs/', '');
    const defs = root.$defs as Record<string, Schema>;
    const target = defs[name];
    if (target === undefined) throw new Error(`unknown $ref ${s.$ref}`);
    check(root, target, v, path, errors);
  }
  if (typeof s.type === 'string') {
    const t = typeOf(v);
    if (!(t === s.type || (s.type === 'number' && t === 'integer'))) {
      errors.push(`${path}: expected ${s.type}`);
      return;
    }
  }
  if ('const' in s && v !== s.const) errors.push(`${path}: expected ${String(s.const)}`);
  if (Array.isArray(s.enum) && !s.enum.includes(v)) errors.push(`${path}: not in enum`);
  if (typeof v === 'string') {
    if (typeof s.minLength === 'number' && v.length < s.minLength)
      errors.push(`${path}: too short`);
    if (typeof s.maxLength === 'number' && v.length > s.maxLength) errors.push(`${path}: too long`);
    if (typeof s.pattern === 'string' && !new RegExp(s.pattern, 'u').test(v))
      errors.push(`${path}: pattern`);
  }
  if (Array.isArray(v) && s.items !== undefined) {
    v.forEach((item, i) => {
      check(root, s.items as Schema, item, `${path}[${i}]`, errors);
    });
  }
  if (typeOf(v) === 'object') {
    const o = v as Record<string, unknown>;
    const props = (s.properties ?? {}) as Record<string, Schema>;
    for (const key of (s.required ?? []) as string[])
      if (!(key in o)) errors.push(`${path}.${key}: required`);
    for (const [key, value] of Object.entries(o)) {
      const p = props[key];
      if (p !== undefined) check(root, p, value, `${path}.${key}`, errors);
      else if (s.additionalProperties === false) errors.push(`${path}.${key}: not allowed`);
      else if (typeof s.additionalProperties === 'object') {
        check(root, s.additionalProperties as Schema, value, `${path}.${key}`, errors);
      }
    }
  }
  if (Array.isArray(s.oneOf)) {
    const passing = s.oneOf.filter((sub) => subOk(root, sub as Schema, v));
    if (passing.length !== 1)
      errors.push(`${path}: must match exactly one of oneOf (${passing.length})`);
  }
  if (Array.isArray(s.anyOf)) {
    if (!s.anyOf.some((sub) => subOk(root, sub as Schema, v)))
      errors.push(`${path}: must match anyOf`);
  }
}

function subOk(root: Schema, sub: Schema, v: unknown): boolean {
  const errors: string[] = [];
  check(root, sub, v, '', errors);
  return errors.length === 0;
}
