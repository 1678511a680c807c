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
 * One part of a canonical record body: its pattern, and per value capture the key number
 * in the shape's table (or -1) and the key length. Capture 1 is the leading spaces,
 * capture `k + 2` the value of key `k`; in a part that is not the last, the capture after
 * the values is the rest of the body.
 *
 * @internal
 */
export interface BodyPart {
  /** The part's pattern (patterns.ts). */
  readonly pattern: RegExp;
  /** Per value capture: the key's number in the table, or -1 when not wanted. */
  readonly slots: readonly number[];
  /** Per value capture: the key's length. */
  readonly keyLengths: readonly number[];
}

/**
 * A canonical record body read for one key table.
 *
 * @internal
 */
export interface BodyShape {
  /** The wanted keys (each must be among the shape's keys). */
  readonly table: KeyTable;
  /** The parts in order. */
  readonly parts: readonly BodyPart[];
}

function shape(
  table: KeyTable,
  parts: readonly (readonly [RegExp, readonly string[]])[],
): BodyShape {
  const slot = table.slot as Readonly<Record<string, number | undefined>>;
  return {
    table,
    parts: parts.map(([pattern, keys]) => ({
      pattern,
      slots: keys.map((key) => slot[key] ?? -1),
      keyLengths: keys.map((key) => key.length),
    })),
  };
}

/** `SYSCALL` as the kernel writes it. @internal */
export const SYSCALL_SHAPE: BodyShape = shape(SYSCALL_KEYS, [
  [SYSCALL_HEAD, ['arch', 'syscall', 'per', 'success', 'exit', 'a0', 'a1', 'a2', 'a3', 'items']],
  [
    SYSCALL_IDS,
    ['ppid', 'pid', 'auid', 'uid', 'gid', 'euid', 'suid', 'fsuid', 'egid', 'sgid', 'fsgid'],
  ],
  [SYSCALL_TAIL, ['tty', 'ses', 'comm', 'exe', 'subj', 'key']],
]);

/** `PATH` as the kernel writes it, up to `nametype=`. @internal */
export const PATH_SHAPE: BodyShape = shape(PATH_KEYS, [
  [PATH_HEAD, ['item', 'name', 'inode', 'dev']],
  [PATH_TAIL, ['mode', 'ouid', 'ogid', 'rdev', 'obj', 'nametype']],
]);

/** `SOCKADDR` as the kernel writes it. @internal */
export const SOCKADDR_SHAPE: BodyShape = shape(SOCKADDR_KEYS, [[SOCKADDR_BODY, ['saddr']]]);

/**
 * Like {@link pick}, but a body of the canonical `shape` is read with one pattern match
 * instead of the field scanner. Same result either way: on such a body every field is
 * `key=value` separated by one space, no value holds a space, tab, `=`, quote, brace or
 * trailing `,`/`)`, keys are distinct, and a closing quote is followed by a space or the
 * end, so the scanner would find exactly these values, no glued text, and (for shapes
 * that end early) every wanted key before the unread rest.
 *
 * @param text - The line.
 * @param start - Where the fields start.
 * @param end - Where they end.
 * @param stopEarly - As for {@link pick} (used by the fallback).
 * @param shape - The canonical shape (its parts).
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
  const spans = table.noSpans.slice();
  let rest = text.slice(start, end);
  let pos = start;
  for (const part of shape.parts) {
    const m = part.pattern.exec(rest);
    if (m === null) return pick(text, start, end, table, stopEarly);
    pos += (m[1] as string).length;
    const slots = part.slots;
    const lengths = part.keyLengths;
    for (let k = 0; k < slots.length; k++) {
      const value = m[k + 2];
      if (value === undefined) continue; // an optional field that is not there
      pos += (lengths[k] as number) + 1;
      const s = slots[k] as number;
      if (s >= 0) {
        const quoted = value.charCodeAt(0) === 34;
        spans[3 * s] = quoted ? pos + 1 : pos;
        spans[3 * s + 1] = quoted ? pos + value.length - 1 : pos + value.length;
        spans[3 * s + 2] = quoted ? SPAN_QUOTED : SPAN_BARE;
      }
      pos += value.length + 1;
    }
    rest = m[slots.length + 2] ?? '';
  }
  return { text, spans, gluedAt: -1 };
}
