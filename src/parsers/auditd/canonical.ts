import { type FieldValues, valuesOf } from './field-values.js';
import { CWD_KEYS, PATH_KEYS, SOCKADDR_KEYS, SYSCALL_KEYS } from './keys.js';
import { PATH_BODY, SOCKADDR_BODY, SYSCALL_HEAD, SYSCALL_IDS, SYSCALL_TAIL } from './patterns.js';
import { type Picked, pick, pickedText } from './pick.js';
import { type KeyTable, SPAN_BARE, SPAN_QUOTED } from './scan.js';

/**
 * A canonical record body read for one key table: its sticky patterns in order, and its
 * keys in order with, per key, its number in the table (or -1 when not wanted) and whether
 * it is optional (an optional key is told from the next one by its first character).
 *
 * @internal
 */
export interface BodyShape {
  /** The wanted keys (each among `keys`). */
  readonly table: KeyTable;
  /** The parts' patterns (patterns.ts), matched one after the other. */
  readonly parts: readonly RegExp[];
  /** Every key of the shape in order. */
  readonly keys: readonly string[];
  /** Per key: its number in `table`, or -1. */
  readonly slots: readonly number[];
  /** Per key: true when it may be missing. */
  readonly optional: readonly boolean[];
  /** Per key: its length plus one (the `=`). */
  readonly skip: readonly number[];
  /** True when the shape covers the whole body (else the body may go on after the last value). */
  readonly whole: boolean;
}

function shape(
  table: KeyTable,
  parts: readonly RegExp[],
  keys: readonly string[],
  whole: boolean,
): BodyShape {
  const slot = table.slot as Readonly<Record<string, number | undefined>>;
  const names = keys.map((k) => k.replace('?', ''));
  return {
    table,
    parts,
    keys: names,
    slots: names.map((k) => slot[k] ?? -1),
    optional: keys.map((k) => k.endsWith('?')),
    skip: names.map((k) => k.length + 1),
    whole,
  };
}

/** `SOCKADDR` as the kernel writes it. @internal */
export const SOCKADDR_SHAPE: BodyShape = shape(SOCKADDR_KEYS, [SOCKADDR_BODY], ['saddr'], false);

/**
 * Like {@link pick}, but a body of the canonical `shape` is checked with native pattern
 * matches and then walked field by field without the scanner. Same result either way: on
 * such a body every field is `key=value` separated by one space, no value holds a space,
 * tab, `=`, quote, brace, `,`, parenthesis (but `(none)`/`(null)`) or `0x1d`, keys are
 * distinct, and the last value ends the body (or, for a shape that stops early, is followed
 * by a space, a tab or the end), so the scanner would find exactly these values, no glued
 * text, and every wanted key before any unread rest.
 *
 * @param text - The line.
 * @param start - Where the fields start.
 * @param end - Where they end.
 * @param stopEarly - As for {@link pick}; a shape that is not `whole` is only used with it.
 * @param shape - The canonical shape.
 * @returns The picked spans.
 * @example
 * ```ts
 * const sys = pickShaped(line, r.bodyStart, r.bodyEnd, false, SYSCALL_SHAPE);
 * ```
 * @internal
 */
export function pickShaped(
  text: string,
  start: number,
  end: number,
  stopEarly: boolean,
  shape: BodyShape,
): Picked {
  const table = shape.table;
  // A shape that stops early says nothing of glued text after it.
  if (!shape.whole && !stopEarly) return pick(text, start, end, table, stopEarly);
  let at = start;
  for (const part of shape.parts) {
    part.lastIndex = at;
    if (!part.test(text)) return pick(text, start, end, table, stopEarly);
    at = part.lastIndex;
  }
  // Where the last value stops: the end of the body, or (shapes that stop early) a space
  // or a tab before it.
  const c = text.charCodeAt(at);
  if (at > end || (at < end && (shape.whole || (c !== 32 && c !== 9)))) {
    return pick(text, start, end, table, stopEarly);
  }
  const spans = table.noSpans.slice();
  const { keys, slots, optional, skip } = shape;
  let pos = start;
  while (text.charCodeAt(pos) === 32) pos++;
  const last = keys.length - 1;
  for (let k = 0; k <= last; k++) {
    if (optional[k] === true && text.charCodeAt(pos) !== (keys[k] as string).charCodeAt(0))
      continue;
    pos += skip[k] as number;
    const quoted = text.charCodeAt(pos) === 34;
    const valueEnd = quoted
      ? text.indexOf('"', pos + 1) + 1
      : k === last
        ? at
        : text.indexOf(' ', pos);
    const s = slots[k] as number;
    if (s >= 0) {
      spans[3 * s] = quoted ? pos + 1 : pos;
      spans[3 * s + 1] = quoted ? valueEnd - 1 : valueEnd;
      spans[3 * s + 2] = quoted ? SPAN_QUOTED : SPAN_BARE;
    }
    pos = valueEnd + 1;
  }
  return { text, spans, gluedAt: -1 };
}

/**
 * The `SYSCALL` fields sshtrail reads ({@link SYSCALL_KEYS}), as the field scanner reads
 * them (`pick(text, start, end, SYSCALL_KEYS, stopEarly)`). A body as the kernel writes it
 * (`arch=` to `key=` in order, optional `per=` and `subj=`, one space between fields, values
 * as the patterns allow, nothing after `key=`) is checked and read in one pass by the
 * patterns' captures: on it every field is `key=value` with no space, tab, `=`, quote,
 * brace, `,`, parenthesis (but `(none)`/`(null)`) or `0x1d` in an unquoted value, keys are
 * distinct and nothing is glued, so the scanner would find exactly these values. Any other
 * body goes to the scanner.
 *
 * @param text - The line.
 * @param start - Where the fields start.
 * @param end - Where they end.
 * @param stopEarly - As for `pick` (whether the glued-ENRICHED position may be skipped).
 * @returns The values.
 * @example
 * ```ts
 * const sys = readSyscall(r.line, r.bodyStart, r.bodyEnd, r.bodyEnd < r.line.length);
 * ```
 * @internal
 */
export function readSyscall(
  text: string,
  start: number,
  end: number,
  stopEarly: boolean,
): FieldValues {
  SYSCALL_HEAD.lastIndex = start;
  const h = SYSCALL_HEAD.exec(text);
  if (h !== null) {
    SYSCALL_IDS.lastIndex = SYSCALL_HEAD.lastIndex;
    const i = SYSCALL_IDS.exec(text);
    if (i !== null) {
      SYSCALL_TAIL.lastIndex = SYSCALL_IDS.lastIndex;
      const t = SYSCALL_TAIL.exec(text);
      if (t !== null && SYSCALL_TAIL.lastIndex === end) {
        // SYSCALL_KEYS order, unquoted then quoted value per key (see FieldValues).
        // biome-ignore format: one unquoted/quoted pair per key
        const values = [
          h[1], undefined, h[2], undefined, h[3], undefined, h[4], undefined, // arch..exit
          h[5], undefined, h[6], undefined, h[7], undefined, // a0..a2
          i[1], undefined, i[2], undefined, i[3], undefined, i[4], undefined, i[5], undefined, // ppid..euid
          t[1], undefined, t[2], undefined, t[4], t[3], t[6], t[5], t[8], t[7], // tty..key
        ];
        return { values, gluedAt: -1 };
      }
    }
  }
  return valuesOf(pick(text, start, end, SYSCALL_KEYS, stopEarly));
}

/**
 * The `PATH` fields sshtrail reads ({@link PATH_KEYS}), as
 * `pick(text, start, end, PATH_KEYS, true)` reads them: a body as the kernel writes it up
 * to `nametype=` (then a space, a tab or the end of the fields) by the patterns' captures
 * (see {@link readSyscall}), any other by the scanner.
 *
 * @param text - The line.
 * @param start - Where the fields start.
 * @param end - Where they end.
 * @returns The values.
 * @example
 * ```ts
 * const path = readPath(r.line, r.bodyStart, r.bodyEnd);
 * ```
 * @internal
 */
export function readPath(text: string, start: number, end: number): FieldValues {
  PATH_BODY.lastIndex = start;
  const h = PATH_BODY.exec(text);
  if (h !== null) {
    const at = PATH_BODY.lastIndex;
    const c = text.charCodeAt(at);
    // The last value must stop there: the scanner reads no further once every key is seen.
    if (at === end || (at < end && (c === 32 || c === 9))) {
      // PATH_KEYS order, unquoted then quoted value per key (see FieldValues).
      // biome-ignore format: one unquoted/quoted pair per key
      const values = [
        h[1], undefined, h[3], h[2], h[4], undefined, // item, name, inode
        h[5], undefined, h[6], undefined, h[7], undefined, h[8], undefined, // mode..nametype
      ];
      return { values, gluedAt: -1 };
    }
  }
  return valuesOf(pick(text, start, end, PATH_KEYS, true));
}

/**
 * The `cwd=` of a `CWD` record, as `pickedText(pick(text, start, end, CWD_KEYS, true), 0,
 * true)` reads it. The kernel writes ` cwd="..."` (or hex): when the fields start with
 * `cwd="` after spaces or tabs, the scanner's first field is that quoted value, up to the
 * next `"` (or the end of the fields), whatever follows; any other body goes to the scanner.
 *
 * @param text - The line.
 * @param start - Where the fields start.
 * @param end - Where they end.
 * @returns The directory, or `undefined`.
 * @example
 * ```ts
 * readCwd('type=CWD msg=audit(1.000:1):  cwd="/root"', 28, 42); // '/root'
 * ```
 * @internal
 */
export function readCwd(text: string, start: number, end: number): string | undefined {
  let i = start;
  let c = text.charCodeAt(i);
  while (i < end && (c === 32 || c === 9)) c = text.charCodeAt(++i);
  if (
    i + 5 <= end &&
    c === 99 &&
    text.charCodeAt(i + 1) === 119 &&
    text.charCodeAt(i + 2) === 100 &&
    text.charCodeAt(i + 3) === 61 &&
    text.charCodeAt(i + 4) === 34
  ) {
    let q = text.indexOf('"', i + 5);
    if (q < 0 || q >= end) q = end;
    const value = text.slice(i + 5, q);
    return value === '?' ? undefined : value;
  }
  return pickedText(pick(text, start, end, CWD_KEYS, true), 0, true);
}
