import { canonicalIp, dottedQuadAt, dottedQuadBefore } from '../../ip.js';
import type { HotContext } from './hot-context.js';
import { bulk, literalAt, portIn, visibleEnd } from './text-at.js';

/** @internal ` from `, as compared by {@link literalAt}. */
export const L_FROM = bulk(' from ');

/** @internal ` port `, as compared by {@link literalAt}. */
export const L_PORT = bulk(' port ');

/** @internal ` ssh1`, as compared by {@link literalAt}. */
export const L_SSH1 = bulk(' ssh1');
/** @internal ` ssh2`, as compared by {@link literalAt}. */
export const L_SSH2 = bulk(' ssh2');

/**
 * `visibleEnd(text, i, limit)` for a peer address token, leaving
 * `canonicalIp(text.slice(i, end))` in `h.ip`. A strict dotted quad is read in place (no
 * slice, no memo lookup). Otherwise the token up to the next space is looked up first: when
 * it is its own canonical IP it is visible ASCII (digits, hex, `.`, `:`, and a `%` zone of
 * `[0-9a-z]`), so the visible run ends exactly there, and the character-by-character scan
 * (the costlier part on sliced line strings) is skipped.
 *
 * @internal
 */
export function peerTokenEnd(h: HotContext, i: number, limit: number): number {
  const text = h.text;
  // A strict dotted quad followed by a space or the limit is the whole token, and its own
  // canonical IP.
  const quad = dottedQuadAt(text, i, limit);
  if (quad !== undefined) {
    const end = i + quad.length;
    if (end === limit || text.charCodeAt(end) === 32) {
      h.ip = quad;
      return end;
    }
  }
  let space = text.indexOf(' ', i);
  if (space < 0 || space > limit) space = limit;
  let ip: string | undefined;
  if (space > i) {
    const raw = text.slice(i, space);
    ip = canonicalIp(raw);
    if (ip === raw) {
      h.ip = ip;
      return space;
    }
  }
  const end = visibleEnd(text, i, limit);
  h.ip = end === space ? ip : end === i ? undefined : canonicalIp(text.slice(i, end));
  return end;
}

/**
 * `digitsEnd(text, i, limit)` for a port, leaving `portIn(text, i, end)` in `h.port`: the
 * digits are read once.
 *
 * @internal
 */
export function peerPortEnd(h: HotContext, i: number, limit: number): number {
  const text = h.text;
  let j = i;
  let value = 0;
  while (j < limit) {
    const c = text.charCodeAt(j);
    if (c < 48 || c > 57) break;
    if (j - i < 5) value = value * 10 + c - 48;
    j++;
  }
  h.port = j === i || j - i > 5 || value > 65535 ? undefined : value;
  return j;
}

/**
 * Reads an optional ` port N` at `j`, as the sshd patterns' `(?: port (\d+))?`: the index after
 * it with the port (or `undefined` when out of range) in `h.port`; `j` itself with
 * `h.port` undefined when there is no ` port `; -1 when ` port ` has no digits.
 *
 * @internal
 */
export function optionalPortEnd(h: HotContext, j: number, end: number): number {
  if (!literalAt(h.text, j, L_PORT, end)) {
    h.port = undefined;
    return j;
  }
  const digits = peerPortEnd(h, j + 6, end);
  return digits === j + 6 ? -1 : digits;
}

/**
 * Reads sshd's peer tail `A[ port N]` (then ` ssh1|ssh2` when `ssh`) that ends the text at
 * `end`, from the RIGHT, for a strict dotted quad `A` no lower than `floor`: its start, with
 * the address in `h.ip` and the port (as {@link peerPortEnd} reads it) in `h.port`; -1 for
 * any other tail. No text before `A` is read: the caller checks what precedes it, and then
 * knows the LAST ` from ` / ` port ` of the line without searching for it.
 *
 * @internal
 */
export function quadTailStart(h: HotContext, floor: number, end: number, ssh: boolean): number {
  const text = h.text;
  let j = end;
  if (ssh && (literalAt(text, j - 5, L_SSH2, j) || literalAt(text, j - 5, L_SSH1, j))) j -= 5;
  let digits = j;
  while (digits > floor) {
    const c = text.charCodeAt(digits - 1);
    if (c < 48 || c > 57) break;
    digits--;
  }
  let quadEnd = j;
  let port: number | undefined;
  if (digits < j && digits - 6 >= floor && literalAt(text, digits - 6, L_PORT, digits)) {
    port = portIn(text, digits, j);
    quadEnd = digits - 6;
  }
  const quad = dottedQuadBefore(text, quadEnd, floor);
  if (quad === undefined) return -1;
  h.ip = quad;
  h.port = port;
  return quadEnd - quad.length;
}
