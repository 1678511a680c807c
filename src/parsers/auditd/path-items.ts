import type { AuditPathItem } from '../../events/host.js';
import { detachString } from '../detach-string.js';
import { readPath } from './canonical.js';
import { type FieldValues, valueId, valueNumber, valueText } from './field-values.js';
import { parseRadix } from './fields.js';
import { PATH_KEYS } from './keys.js';
import type { AuditRecord } from './record.js';

const P = PATH_KEYS.slot;

/**
 * The last `PATH` body read at each of an event's first positions, with what it reads as.
 * Events of one kind repeat bodies at the same position: every dynamically linked
 * `execve` has the same interpreter record (`item=1 name="/lib64/ld-linux-x86-64.so.2"
 * ...`), 44% of the bench file's PATH records. A comparison (one slice, no hash) costs a
 * fraction of a read. A memo is replaced after {@link MEMO_PATIENCE} misses in a row, and a
 * position whose memo never hit rests (see {@link MEMO_REST_MIN}). Its body and strings
 * are copies: it pins no line (nor the read chunk behind it).
 */
interface PathMemo {
  readonly body: string;
  readonly item: number;
  readonly value: AuditPathItem;
  misses: number;
  hits: number;
}

/** Positions with a memo (exec events have two PATH records, file events one to four). */
const MEMO_POSITIONS = 4;
/** Misses in a row before a memo is replaced by the body read. */
const MEMO_PATIENCE = 16;
const MEMOS: (PathMemo | undefined)[] = new Array(MEMO_POSITIONS).fill(undefined);
/**
 * Where a memo never hit before it was replaced, its position is not probed for a while
 * (twice as long each time, up to {@link MEMO_REST_MAX}): a position whose bodies never
 * repeat costs neither comparisons nor copies.
 */
const MEMO_REST_MIN = 64;
const MEMO_REST_MAX = 16384;
const SKIPS: number[] = new Array(MEMO_POSITIONS).fill(0);
const RESTS: number[] = new Array(MEMO_POSITIONS).fill(MEMO_REST_MIN);

/**
 * The path items of an event's `PATH` records, in item order (records normally arrive in
 * it; else a stable sort by item, unnumbered ones last). Each read as {@link readPath}
 * reads it, or copied from the memo of an equal body at the same position (the same
 * values: a pure function of the body's text). Each event gets its own item objects.
 *
 * @param records - The event's `PATH` records, in arrival order.
 * @returns The items.
 * @example
 * ```ts
 * pathItems(parts.paths)[0]?.path; // '/usr/bin/curl'
 * ```
 * @internal
 */
export function pathItems(records: readonly AuditRecord[]): readonly AuditPathItem[] {
  if (records.length === 0) return [];
  // Sized once (no growth), and no wrapper per item.
  const values: AuditPathItem[] = new Array(records.length);
  let last = Number.NEGATIVE_INFINITY;
  let sorted = true;
  for (let i = 0; i < records.length; i++) {
    const r = records[i] as AuditRecord;
    const probe = i < MEMO_POSITIONS && !resting(i);
    const memo = probe ? MEMOS[i] : undefined;
    let item: number;
    if (
      memo !== undefined &&
      r.bodyEnd - r.bodyStart === memo.body.length &&
      // A slice and one comparison of flat text: startsWith at an offset costs far more.
      r.line.slice(r.bodyStart, r.bodyEnd) === memo.body
    ) {
      memo.misses = 0;
      memo.hits++;
      item = memo.item;
      const m = memo.value;
      values[i] = {
        path: m.path,
        inode: m.inode,
        mode: m.mode,
        ouid: m.ouid,
        ogid: m.ogid,
        nametype: m.nametype,
      };
    } else {
      const f = readPath(r.line, r.bodyStart, r.bodyEnd);
      item = itemOf(f);
      const value = itemValue(f);
      values[i] = value;
      if (probe && (memo === undefined || ++memo.misses >= MEMO_PATIENCE)) {
        if (memo !== undefined) rest(i, memo.hits === 0);
        MEMOS[i] = remembered(r, item, value);
      }
    }
    if (item < last) sorted = false;
    last = item;
  }
  // Records normally arrive in item order already; else a stable sort by item (the items
  // read again: rare).
  if (sorted) return values;
  const items = records.map((r) => itemOf(readPath(r.line, r.bodyStart, r.bodyEnd)));
  const order = values.map((_, i) => i);
  order.sort((a, b) => (items[a] as number) - (items[b] as number));
  return order.map((i) => values[i] as AuditPathItem);
}

/** Whether position `i` rests now (each call while resting counts towards its end). */
function resting(i: number): boolean {
  const left = SKIPS[i] as number;
  if (left === 0) return false;
  SKIPS[i] = left - 1;
  return true;
}

/** A memo at `i` is replaced: rest there when it never hit, else end the backoff. */
function rest(i: number, useless: boolean): void {
  if (!useless) {
    RESTS[i] = MEMO_REST_MIN;
    return;
  }
  const length = RESTS[i] as number;
  SKIPS[i] = length;
  RESTS[i] = Math.min(length * 2, MEMO_REST_MAX);
}

function itemValue(f: FieldValues): AuditPathItem {
  return {
    path: valueText(f, P.name, true),
    inode: valueNumber(f, P.inode),
    mode: parseRadix(valueText(f, P.mode, false), 8),
    ouid: valueId(f, P.ouid),
    ogid: valueId(f, P.ogid),
    nametype: valueText(f, P.nametype, false),
  };
}

/** A memo of `r`'s body: the body and the item's strings copied (see {@link PathMemo}). */
function remembered(r: AuditRecord, item: number, value: AuditPathItem): PathMemo {
  return {
    body: detachString(r.line.slice(r.bodyStart, r.bodyEnd)),
    item,
    value: {
      ...value,
      path: value.path === undefined ? undefined : detachString(value.path),
      nametype: value.nametype === undefined ? undefined : detachString(value.nametype),
    },
    misses: 0,
    hits: 0,
  };
}

/** A PATH record's item number (unnumbered ones last). */
function itemOf(f: FieldValues): number {
  return valueNumber(f, P.item) ?? Number.MAX_SAFE_INTEGER;
}
