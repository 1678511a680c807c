// Compiles an OCSF 1.8.0 event class from the uncompiled schema files in ../shared/schemas/ocsf
// (steps of its README: profile normalisation, $include, extends, class ids, object types,
// default requirement, dictionary merge) and validates events against it (required, unknown,
// types, arrays, enums, constraints, type_uid, observables).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

type Json = Record<string, unknown>;
type Attr = Json & {
  requirement?: string;
  type?: string;
  object_type?: string;
  is_array?: boolean;
  enum?: Record<string, Json>;
  profiles?: string[] | null;
};
export interface Compiled {
  readonly name: string;
  readonly attributes: Record<string, Attr>;
  readonly constraints: Json | undefined;
}

const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const clone = <T>(v: T): T => structuredClone(v);

function deepMerge(base: Json, top: Json): Json {
  const out = clone(base);
  for (const [k, v] of Object.entries(top)) {
    const b = out[k];
    out[k] = isObj(b) && isObj(v) ? deepMerge(b, v) : clone(v);
  }
  return out;
}

const STRENGTH: Record<string, number> = { optional: 0, recommended: 1, required: 2 };

function mergeAttr(parent: Attr, child: Attr): Attr {
  const out: Attr = clone(parent);
  for (const [k, v] of Object.entries(child)) {
    const p = out[k];
    if (k === 'profiles') {
      out.profiles =
        v === null
          ? null
          : [...new Set([...((p as string[] | null) ?? []), ...(v as string[])])].sort();
    } else if (
      k === 'requirement' &&
      Array.isArray(parent.profiles) &&
      Array.isArray(child.profiles)
    ) {
      out.requirement =
        (STRENGTH[String(v)] ?? 0) >= (STRENGTH[String(p)] ?? 0) ? String(v) : String(p);
    } else if (isObj(p) && isObj(v)) {
      out[k] = deepMerge(p, v);
    } else {
      out[k] = clone(v);
    }
  }
  return out;
}

function normalise(attrs: Json): Json {
  const out: Json = {};
  for (const [k, v] of Object.entries(attrs)) {
    if (k === '$include' || !isObj(v)) {
      out[k] = v;
      continue;
    }
    const a: Json = { ...v };
    if ('profile' in a) {
      a.profiles = a.profile === null ? null : [a.profile];
      delete a.profile;
    }
    out[k] = a;
  }
  return out;
}

export class OcsfSchema {
  private readonly dictionary: Json;
  private readonly types: Record<string, Json>;
  private readonly rawObjects = new Map<string, Json>();
  private readonly objects = new Map<string, Compiled>();
  private readonly categories: Record<string, Json>;

  constructor(private readonly root: string) {
    const read = (p: string) => JSON.parse(readFileSync(join(root, p), 'utf8')) as Json;
    this.dictionary = read('dictionary.json');
    this.types = (this.dictionary.types as Json).attributes as Record<string, Json>;
    this.categories = (read('categories.json').attributes ?? {}) as Record<string, Json>;
    for (const file of readdirSync(join(root, 'objects'))) {
      const o = read(join('objects', file));
      this.rawObjects.set(String(o.name), o);
    }
  }

  static exists(root: string): boolean {
    return existsSync(join(root, 'dictionary.json'));
  }

  private read(p: string): Json {
    return JSON.parse(readFileSync(join(this.root, p), 'utf8')) as Json;
  }

  /** Steps 1-3: profiles, $include, extends (parent first). */
  private flatten(item: Json, load: (name: string) => Json): Json {
    const own: Json = { ...item, attributes: normalise((item.attributes ?? {}) as Json) };
    const attrs = own.attributes as Json;
    const include = attrs.$include;
    if (include !== undefined) {
      delete attrs.$include;
      let merged: Json = {};
      for (const path of Array.isArray(include) ? include : [include]) {
        const file = this.read(String(path));
        const copied = normalise(clone((file.attributes ?? {}) as Json));
        for (const a of Object.values(copied)) {
          if (!isObj(a)) continue;
          if (file.meta === 'profile') a.profiles = [String(file.name)];
          for (const [k, v] of Object.entries((file.annotations ?? {}) as Json))
            if (!(k in a)) a[k] = v;
        }
        merged = { ...merged, ...copied };
      }
      for (const [k, v] of Object.entries(attrs)) {
        merged[k] = isObj(merged[k]) ? mergeAttr(merged[k] as Attr, v as Attr) : v;
      }
      own.attributes = merged;
    }
    if (typeof own.extends !== 'string') return own;
    const parent = this.flatten(load(own.extends), load);
    const out: Json = clone(parent);
    for (const [k, v] of Object.entries(own)) {
      if (k === 'attributes') {
        const pa = (out.attributes ?? {}) as Json;
        for (const [name, a] of Object.entries(v as Json)) {
          pa[name] = isObj(pa[name]) ? mergeAttr(pa[name] as Attr, a as Attr) : a;
        }
        out.attributes = pa;
      } else if (k === 'profiles') {
        out.profiles = [
          ...new Set([...((out.profiles as string[]) ?? []), ...(v as string[])]),
        ].sort();
      } else if (k !== 'extends') {
        out[k] = v;
      }
    }
    return out;
  }

  /** Steps 5, 8, 9: dictionary merge, object types, default requirement. */
  private finish(flat: Json): Record<string, Attr> {
    const dict = this.dictionary.attributes as Record<string, Attr>;
    const out: Record<string, Attr> = {};
    for (const [name, a] of Object.entries((flat.attributes ?? {}) as Record<string, Attr>)) {
      const d = dict[name];
      if (d === undefined) throw new Error(`schema error: ${name} not in the dictionary`);
      const merged = deepMerge(d, a) as Attr;
      const type = String(merged.type);
      if (!(type in this.types) && type !== 'object_t') {
        merged.object_type = type;
        merged.type = 'object_t';
      }
      merged.requirement ??= 'optional';
      out[name] = merged;
    }
    return out;
  }

  object(name: string): Compiled {
    const hit = this.objects.get(name);
    if (hit !== undefined) return hit;
    const raw = this.rawObjects.get(name);
    if (raw === undefined) throw new Error(`unknown object ${name}`);
    const flat = this.flatten(raw, (n) => {
      const p = this.rawObjects.get(n);
      if (p === undefined) throw new Error(`unknown parent ${n}`);
      return p;
    });
    const compiled = {
      name,
      attributes: this.finish(flat),
      constraints: flat.constraints as Json | undefined,
    };
    if (name === 'observable') this.observableEnum(compiled.attributes.type_id);
    this.objects.set(name, compiled);
    return compiled;
  }

  /** Compiles an event class from its file, with class_uid, category_uid and type_uid enums (step 4). */
  eventClass(file: string): Compiled & { classUid: number } {
    const files: Record<string, string> = {
      base_event: 'events/base_event.json',
      finding: 'events/findings/finding.json',
      detection_finding: 'events/findings/detection_finding.json',
    };
    const flat = this.flatten(this.read(file), (n) => {
      const p = files[n];
      if (p === undefined) throw new Error(`unknown class ${n}`);
      return this.read(p);
    });
    const attributes = this.finish(flat);
    const category = this.categories[String(flat.category)];
    const classUid = Number(category?.uid) * 1000 + Number(flat.uid);
    const set = (name: string, e: Record<string, Json>) => {
      const a = attributes[name];
      if (a !== undefined) a.enum = e;
    };
    set('category_uid', { [String(category?.uid)]: { caption: String(category?.caption) } });
    set('class_uid', { [String(classUid)]: { caption: String(flat.caption) } });
    const activities = attributes.activity_id?.enum ?? {};
    const typeEnum: Record<string, Json> = { [String(classUid * 100)]: { caption: 'Unknown' } };
    for (const [id, v] of Object.entries(activities)) {
      typeEnum[String(classUid * 100 + Number(id))] = { caption: `${flat.caption}: ${v.caption}` };
    }
    set('type_uid', typeEnum);
    return {
      name: String(flat.name),
      attributes,
      constraints: flat.constraints as Json | undefined,
      classUid,
    };
  }

  /** Step 10: observable.type_id = ids declared on types, dictionary attributes and objects. */
  private observableEnum(typeId: Attr | undefined): void {
    if (typeId === undefined) return;
    const e: Record<string, Json> = { ...(typeId.enum ?? {}) };
    const add = (id: unknown, caption: unknown) => {
      if (typeof id === 'number') e[String(id)] ??= { caption: String(caption) };
    };
    for (const t of Object.values(this.types)) add(t.observable, t.caption);
    for (const a of Object.values(this.dictionary.attributes as Record<string, Json>)) {
      add(a.observable, a.caption);
    }
    for (const o of this.rawObjects.values()) add(o.observable, o.caption);
    typeId.enum = e;
  }

  baseType(type: string): string {
    let t = type;
    for (let i = 0; i < 5; i++) {
      const def = this.types[t];
      if (def === undefined || typeof def.type !== 'string') return t;
      t = def.type;
    }
    return t;
  }

  typeDef(type: string): Json | undefined {
    return this.types[type];
  }
}

function active(a: Attr, profiles: readonly string[]): boolean {
  return (
    !Array.isArray(a.profiles) ||
    a.profiles.length === 0 ||
    a.profiles.some((p) => profiles.includes(p))
  );
}

/** Validates one value against the compiled attributes; returns errors with JSON paths. */
export function validateOcsf(
  schema: OcsfSchema,
  cls: Compiled & { classUid: number },
  event: Json,
): string[] {
  const errors: string[] = [];
  const profiles = (
    isObj(event.metadata) && Array.isArray(event.metadata.profiles) ? event.metadata.profiles : []
  ) as string[];
  const check = (value: Json, compiled: Compiled, path: string) => {
    const attrs = compiled.attributes;
    if (Object.keys(attrs).length === 0) return; // the `object` object accepts anything
    for (const [name, a] of Object.entries(attrs)) {
      if (!active(a, profiles)) continue;
      if (a.requirement === 'required' && (value[name] === undefined || value[name] === null)) {
        errors.push(`${path}${name}: required`);
      }
    }
    for (const [name, v] of Object.entries(value)) {
      const a = attrs[name];
      if (a === undefined || !active(a, profiles)) {
        errors.push(`${path}${name}: unknown attribute of ${compiled.name}`);
        continue;
      }
      if (a.is_array === true && !Array.isArray(v)) errors.push(`${path}${name}: must be an array`);
      if (a.is_array !== true && Array.isArray(v))
        errors.push(`${path}${name}: must not be an array`);
      const items = Array.isArray(v) ? v : [v];
      items.forEach((item, i) => {
        const p = Array.isArray(v) ? `${path}${name}[${i}]` : `${path}${name}`;
        if (a.enum !== undefined && !(String(item) in a.enum))
          errors.push(`${p}: ${String(item)} not in enum`);
        if (a.type === 'object_t') {
          if (!isObj(item)) errors.push(`${p}: must be an object`);
          else check(item, schema.object(String(a.object_type)), `${p}.`);
          return;
        }
        const base = schema.baseType(String(a.type));
        const def = schema.typeDef(String(a.type));
        const ok =
          base === 'string_t'
            ? typeof item === 'string'
            : base === 'integer_t' || base === 'long_t'
              ? Number.isInteger(item)
              : base === 'float_t'
                ? typeof item === 'number'
                : base === 'boolean_t'
                  ? typeof item === 'boolean'
                  : base === 'json_t';
        if (!ok) errors.push(`${p}: ${JSON.stringify(item)} is not ${a.type}`);
        const max = def?.max_len;
        if (typeof max === 'number' && typeof item === 'string' && item.length > max) {
          errors.push(`${p}: longer than ${max}`);
        }
        const range = def?.range;
        if (
          Array.isArray(range) &&
          typeof item === 'number' &&
          (item < range[0] || item > range[1])
        ) {
          errors.push(`${p}: out of range`);
        }
      });
    }
    const c = compiled.constraints;
    if (isObj(c)) {
      const present = (names: unknown) =>
        (names as string[]).filter((n) => value[n] !== undefined && value[n] !== null).length;
      if (Array.isArray(c.at_least_one) && present(c.at_least_one) < 1) {
        errors.push(`${path}: needs at least one of ${c.at_least_one.join(', ')}`);
      }
      if (Array.isArray(c.just_one) && present(c.just_one) !== 1) {
        errors.push(`${path}: needs exactly one of ${c.just_one.join(', ')}`);
      }
    }
  };
  check(event, cls, '');
  if (event.type_uid !== cls.classUid * 100 + Number(event.activity_id))
    errors.push('type_uid: mismatch');
  // Observables name dotted paths to attributes present in the event.
  for (const o of (event.observables ?? []) as Json[]) {
    let cursor: unknown = event;
    for (const part of String(o.name).split('.')) {
      const m = /^([a-z_]+)(?:\[(\d+)\])?$/.exec(part);
      if (m === null || !isObj(cursor)) {
        cursor = undefined;
        break;
      }
      cursor = cursor[m[1] ?? ''];
      if (m[2] !== undefined) cursor = Array.isArray(cursor) ? cursor[Number(m[2])] : undefined;
    }
    if (cursor === undefined) errors.push(`observables: ${String(o.name)} does not resolve`);
    else if (cursor !== o.value) errors.push(`observables: ${String(o.name)} value differs`);
  }
  return errors;
}
