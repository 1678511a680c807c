import { PATH_KEYS, SOCKADDR_KEYS, SYSCALL_KEYS } from './keys.js';
import {
  PATH_HEAD,
  PATH_TAIL,
  SOCKADDR_BODY,
  SYSCALL_HEAD,
  SYSCALL_IDS,
  SYSCALL_TAIL,
} from './patterns.js';
import { type Picked, pick } from './pick.js';
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

/** `SYSCALL` as the kernel writes it (`?`: optional). @internal */
export const SYSCALL_SHAPE: BodyShape = shape(
  SYSCALL_KEYS,
  [SYSCALL_HEAD, SYSCALL_IDS, SYSCALL_TAIL],
  [
    'arch',
    'syscall',
    'per?',
    'success',
    'exit',
    'a0',
    'a1',
    'a2',
    'a3',
    'items',
    'ppid',
    'pid',
    'auid',
    'uid',
    'gid',
    'euid',
    'suid',
    'fsuid',
    'egid',
    'sgid',
    'fsgid',
    'tty',
    'ses',
    'comm',
    'exe',
    'subj?',
    'key',
  ],
  true,
);

/** `PATH` as the kernel writes it, up to `nametype=`. @internal */
export const PATH_SHAPE: BodyShape = shape(
  PATH_KEYS,
  [PATH_HEAD, PATH_TAIL],
  ['item', 'name', 'inode', 'dev', 'mode', 'ouid', 'ogid', 'rdev', 'obj?', 'nametype'],
  false,
);

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
