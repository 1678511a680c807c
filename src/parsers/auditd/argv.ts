import { decodeValue, findField, parseUnsigned, type RawField } from './fields.js';
import { hexToBytes, isAuditHex, utf8 } from './hex.js';
import { EXECVE_BODY } from './patterns.js';
import { type AuditRecord, recordFields } from './record.js';

/**
 * Rebuilt arguments.
 *
 * @internal
 */
export interface Argv {
  /** The arguments. */
  readonly argv: readonly string[];
  /** True when some are known to be missing or cut. */
  readonly truncated: boolean;
}

/**
 * Rebuilds argv from `EXECVE` records (`aN`, `aN_len` + `aN[i]` chunks, several records,
 * hex per argument), else from the `PROCTITLE` (NUL-separated, cut at 128 bytes).
 *
 * @param execve - The event's `EXECVE` records in order.
 * @param proctitle - Its `PROCTITLE` record, if any.
 * @returns The arguments, and whether they are known to be incomplete.
 * @example
 * ```ts
 * const { argv, truncated } = rebuildArgv(execveRecords, proctitleRecord);
 * ```
 * @internal
 */
export function rebuildArgv(
  execve: readonly AuditRecord[],
  proctitle: AuditRecord | undefined,
): Argv {
  if (execve.length === 0) return proctitleArgv(proctitle);
  const only = execve.length === 1 ? execve[0] : undefined;
  const plain = only === undefined ? undefined : plainArgv(only);
  if (plain !== undefined) return plain;
  let argc: number | undefined;
  let max = -1;
  const whole = new Map<number, string>();
  const chunks = new Map<number, Map<number, RawField>>();
  for (const r of execve) {
    for (const f of recordFields(r)) {
      const k = f.key;
      if (k === 'argc') {
        argc ??= parseUnsigned(f.value);
        continue;
      }
      if (k.charCodeAt(0) !== 97) continue; // 'a'
      const bracket = k.indexOf('[');
      if (bracket < 0) {
        const n = parseUnsigned(k.slice(1));
        if (n === undefined) continue; // aN_len and others
        if (!whole.has(n)) whole.set(n, decodeValue(f, true) ?? '');
        if (n > max) max = n;
        continue;
      }
      const n = parseUnsigned(k.slice(1, bracket));
      const c = k.endsWith(']') ? parseUnsigned(k.slice(bracket + 1, -1)) : undefined;
      if (n === undefined || c === undefined) continue;
      let m = chunks.get(n);
      if (m === undefined) {
        m = new Map();
        chunks.set(n, m);
      }
      if (!m.has(c)) m.set(c, f);
      if (n > max) max = n;
    }
  }
  const out: string[] = [];
  let truncated = argc !== undefined && argc > max + 1;
  const count = argc === undefined ? max + 1 : Math.min(argc, max + 1);
  for (let i = 0; i < count; i++) {
    const w = whole.get(i);
    if (w !== undefined) {
      out.push(w);
      continue;
    }
    const m = chunks.get(i);
    if (m === undefined) {
      truncated = true;
      break;
    }
    const joined = joinChunks(m);
    if (joined.missing) truncated = true;
    out.push(joined.text);
  }
  return { argv: out, truncated };
}

/**
 * The arguments of one `EXECVE` record of the plain shape ({@link EXECVE_BODY}) whose
 * arguments are `a0`, `a1`... in order, else `undefined` (the general reader takes it). On
 * that shape the general reader finds the same fields: no chunks, no repeats, no gaps.
 */
function plainArgv(r: AuditRecord): Argv | undefined {
  const text = r.line;
  EXECVE_BODY.lastIndex = r.bodyStart;
  if (!EXECVE_BODY.test(text) || EXECVE_BODY.lastIndex !== r.bodyEnd) return undefined;
  let pos = r.bodyStart;
  while (text.charCodeAt(pos) === 32) pos++;
  pos += 5; // argc=
  let next = text.indexOf(' ', pos);
  if (next < 0 || next > r.bodyEnd) next = r.bodyEnd;
  const argc = parseUnsigned(text.slice(pos, next));
  const argv: string[] = [];
  pos = next + 1;
  while (pos < r.bodyEnd) {
    const eq = text.indexOf('=', pos);
    if (!isIndexAt(text, pos + 1, eq, argv.length)) return undefined;
    const start = eq + 1;
    const quoted = text.charCodeAt(start) === 34;
    let end = quoted ? text.indexOf('"', start + 1) + 1 : text.indexOf(' ', start);
    if (end < 0 || end > r.bodyEnd) end = r.bodyEnd;
    const value = quoted ? text.slice(start + 1, end - 1) : text.slice(start, end);
    argv.push(decodeValue({ key: '', value, quoted }, true) ?? '');
    pos = end + 1;
  }
  if (argc === undefined || argc >= argv.length) {
    return { argv, truncated: argc !== undefined && argc > argv.length };
  }
  return { argv: argv.slice(0, argc), truncated: false };
}

/**
 * Whether `text[from, to)` reads as `n` by `parseUnsigned` (1 to 15 digits), compared in
 * place: no slice per argument.
 */
function isIndexAt(text: string, from: number, to: number, n: number): boolean {
  if (to <= from || to - from > 15) return false;
  let value = 0;
  for (let i = from; i < to; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
    value = value * 10 + d;
  }
  return value === n;
}

function joinChunks(m: ReadonlyMap<number, RawField>): { text: string; missing: boolean } {
  const order = [...m.keys()].sort((a, b) => a - b);
  let missing = false;
  let allHex = true;
  for (let i = 0; i < order.length; i++) {
    if (order[i] !== i) missing = true;
    const f = m.get(order[i] ?? 0);
    if (f === undefined || f.quoted || !isAuditHex(f.value)) allHex = false;
  }
  if (allHex) {
    // Concatenate hex before decoding so multi-byte characters split across chunks survive.
    const hex = order.map((i) => m.get(i)?.value ?? '').join('');
    const bytes = hexToBytes(hex);
    return { text: utf8(bytes, 0, bytes.length), missing };
  }
  const text = order
    .map((i) => {
      const f = m.get(i);
      return f === undefined ? '' : (decodeValue(f, true) ?? '');
    })
    .join('');
  return { text, missing };
}

function proctitleArgv(r: AuditRecord | undefined): Argv {
  if (r === undefined) return { argv: [], truncated: true };
  const f = findField(recordFields(r), 'proctitle');
  if (f === undefined) return { argv: [], truncated: true };
  if (f.quoted || !isAuditHex(f.value)) {
    const v = decodeValue(f, false);
    return { argv: v === undefined ? [] : [v], truncated: false };
  }
  const bytes = hexToBytes(f.value);
  const out: string[] = [];
  let start = 0;
  for (let i = 0; i <= bytes.length; i++) {
    if (i === bytes.length || bytes[i] === 0) {
      if (i > start || i < bytes.length) out.push(utf8(bytes, start, i));
      start = i + 1;
    }
  }
  // The kernel cuts the title at 128 bytes.
  return { argv: out, truncated: bytes.length >= 128 };
}
