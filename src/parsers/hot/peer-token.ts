import { canonicalIp, dottedQuadAt } from '../../ip.js';
import type { HotContext } from './hot-context.js';
import { bulk, literalAt, visibleEnd } from './text-at.js';

/** @internal ` port `, as compared by {@link literalAt}. */
export const L_PORT = bulk(' port ');

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
