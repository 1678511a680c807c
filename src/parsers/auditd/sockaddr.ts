import type { SocketFamily } from '../../events/host.js';
import { canonicalIp } from '../../ip.js';
import { byteAt, hexSpanToText, hexToBytes, isAuditHex, utf8 } from './hex.js';

/**
 * A decoded `struct sockaddr` from a `SOCKADDR` record.
 *
 * @example
 * ```ts
 * const s: DecodedSockaddr = { family: 'inet', path: undefined, address: '10.0.0.1', port: 22 };
 * ```
 */
export interface DecodedSockaddr {
  /** Address family. */
  readonly family: SocketFamily;
  /** AF_UNIX path (abstract names as `@name`), `undefined` for an unnamed socket. */
  readonly path: string | undefined;
  /** Canonical IP for AF_INET/AF_INET6. */
  readonly address: string | undefined;
  /** Port for AF_INET/AF_INET6. */
  readonly port: number | undefined;
}

const NONE: DecodedSockaddr = {
  family: 'other',
  path: undefined,
  address: undefined,
  port: undefined,
};
const INET: DecodedSockaddr = { ...NONE, family: 'inet' };

/**
 * Decodes the hex `saddr=` of a `SOCKADDR` record. `sa_family` is read in either byte
 * order (big-endian hosts write `0002`); an AF_UNIX path stops at its first NUL (the
 * kernel logs stack garbage after it); an abstract name (leading NUL) becomes `@name`.
 * Never throws: anything unreadable is `{ family: 'other' }`.
 *
 * @param hex - The `saddr` value.
 * @returns The decoded address.
 * @example
 * ```ts
 * decodeSockaddr('02000016C0A80001').address; // '192.168.0.1'
 * decodeSockaddr('01002F746D702F78').path;    // '/tmp/x'
 * ```
 */
export function decodeSockaddr(hex: string): DecodedSockaddr {
  if (hex.length < 4 || !isAuditHex(hex)) return NONE;
  // A named AF_UNIX socket (the common case) needs only the bytes up to the path's NUL.
  if (hex.startsWith('0100') && !hex.startsWith('00', 4)) return namedUnix(hex);
  const b0 = byteAt(hex, 0);
  const b1 = byteAt(hex, 2);
  const bigEndian = b0 === 0 && b1 !== 0;
  const family = bigEndian ? b1 : b0 | (b1 << 8);
  // AF_INET reads its eight bytes in place (no byte array).
  if (family === 2) {
    if (hex.length < 16) return INET;
    const ip = `${byteAt(hex, 8)}.${byteAt(hex, 10)}.${byteAt(hex, 12)}.${byteAt(hex, 14)}`;
    return {
      family: 'inet',
      path: undefined,
      address: canonicalIp(ip),
      port: (byteAt(hex, 4) << 8) | byteAt(hex, 6),
    };
  }
  const b = hexToBytes(hex);
  if (family === 1) return unix(b);
  if (family === 10) {
    if (b.length < 24) return { ...NONE, family: 'inet6' };
    const groups: string[] = [];
    for (let i = 8; i < 24; i += 2)
      groups.push((((b[i] ?? 0) << 8) | (b[i + 1] ?? 0)).toString(16));
    let text = groups.join(':');
    if (b.length >= 28) {
      const s = bigEndian
        ? ((b[24] ?? 0) << 24) | ((b[25] ?? 0) << 16) | ((b[26] ?? 0) << 8) | (b[27] ?? 0)
        : (b[24] ?? 0) | ((b[25] ?? 0) << 8) | ((b[26] ?? 0) << 16) | ((b[27] ?? 0) << 24);
      if (s !== 0) text += `%${s >>> 0}`;
    }
    return { family: 'inet6', path: undefined, address: canonicalIp(text), port: port(b) };
  }
  return NONE;
}

/** `unix()` for a little-endian AF_UNIX address whose path does not start with NUL. */
function namedUnix(hex: string): DecodedSockaddr {
  if (hex.length < 6) return { ...NONE, family: 'unix' };
  // The first NUL byte: a "00" at an even offset.
  let end = hex.length;
  let from = 4;
  for (;;) {
    const at = hex.indexOf('00', from);
    if (at < 0) break;
    if (at % 2 === 0) {
      end = at;
      break;
    }
    from = at + 1;
  }
  return { family: 'unix', path: hexSpanToText(hex, 4, end), address: undefined, port: undefined };
}

function port(b: Uint8Array): number {
  return ((b[2] ?? 0) << 8) | (b[3] ?? 0);
}

function unix(b: Uint8Array): DecodedSockaddr {
  if (b.length <= 2) return { ...NONE, family: 'unix' };
  if (b[2] === 0) {
    let end = b.length;
    while (end > 3 && b[end - 1] === 0) end--;
    return { ...NONE, family: 'unix', path: `@${utf8(b, 3, end)}` };
  }
  let end = 2;
  while (end < b.length && b[end] !== 0) end++;
  return { ...NONE, family: 'unix', path: utf8(b, 2, end) };
}
