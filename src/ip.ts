import ipaddr from 'ipaddr.js';
import { detachString } from './parsers/detach-string.js';

// Two generations of memoised answers: when the current one is full it becomes the previous
// one, so a working set a little above the limit does not thrash (a full clear did).
const GENERATION_LIMIT = 8192;
let current = new Map<string, string | null>();
let previous = new Map<string, string | null>();

/**
 * Parses an IP address strictly and returns its canonical text: IPv4 dotted quad,
 * IPv6 in RFC 5952 form, IPv4-mapped IPv6 turned into IPv4, a `%scope` zone kept.
 * Returns `undefined` for anything else (host names, `192.030.0.6`, garbage).
 *
 * This is the only module that imports ipaddr.js, so its types never leak into ours.
 *
 * @param text - The address as logged.
 * @returns The canonical address, or `undefined` when `text` is not a strict IP address.
 * @example
 * ```ts
 * canonicalIp('::ffff:10.0.0.1'); // '10.0.0.1'
 * canonicalIp('2001:DB8::0:1');   // '2001:db8::1'
 * canonicalIp('example.com');     // undefined
 * ```
 */
export function canonicalIp(text: string): string | undefined {
  // Bounded memoisation: brute-force logs repeat a few addresses millions of times. Keys and
  // values are detached copies, so the cache never pins the log chunk `text` was cut from,
  // and neither does a session or baseline that keeps the returned address.
  const hit = current.get(text);
  if (hit !== undefined) return hit ?? undefined;
  const old = previous.get(text);
  const value = old !== undefined ? (old ?? undefined) : parse(text);
  if (current.size >= GENERATION_LIMIT) {
    previous = current;
    current = new Map();
  }
  const key = value === text ? value : detachString(text);
  current.set(key, value ?? null);
  return value;
}

// Strict dotted quads read in place (see dottedQuadAt), by their 32-bit value in a
// direct-mapped table: no slice, no string hash. A slot holds the last quad that hashed to
// it; a strict quad's text is a function of its value, so a hit is the canonical text.
const QUAD_SLOTS = 4096;
const quadKeys = new Int32Array(QUAD_SLOTS);
const quadTexts: (string | undefined)[] = new Array<string | undefined>(QUAD_SLOTS).fill(undefined);

/**
 * The strict dotted quad (what {@link canonicalIp} returns unchanged) made of the run of
 * digits and dots at `from` in `text`, up to `limit`, or `undefined` when that run is not
 * one. The quad ends at `from + result.length`, where the caller checks what follows.
 *
 * @param text - The line.
 * @param from - Where the address starts.
 * @param limit - Where reading stops.
 * @returns The canonical (detached) address, or `undefined`.
 * @example
 * ```ts
 * dottedQuadAt('from 10.0.0.5 port 22', 5, 21); // '10.0.0.5'
 * ```
 * @internal
 */
export function dottedQuadAt(text: string, from: number, limit: number): string | undefined {
  let value = 0;
  let part = 0;
  let digits = 0;
  let dots = 0;
  let i = from;
  for (; i < limit; i++) {
    const c = text.charCodeAt(i);
    if (c === 46) {
      if (digits === 0 || dots === 3) return undefined;
      value = value * 256 + part;
      dots++;
      part = 0;
      digits = 0;
    } else {
      const d = c - 48;
      if (d < 0 || d > 9) break;
      // No fourth digit, no leading zero, nothing above 255.
      if (digits === 3 || (digits === 1 && part === 0)) return undefined;
      part = part * 10 + d;
      if (part > 255) return undefined;
      digits++;
    }
  }
  if (dots !== 3 || digits === 0) return undefined;
  return quadText(value * 256 + part, text, from, i);
}

/**
 * {@link dottedQuadAt} read from the right: the strict dotted quad made of the run of digits
 * and dots that ends at `to` (not reading below `floor`), or `undefined`. It starts at
 * `to - result.length`, where the caller checks what precedes it.
 *
 * @param text - The line.
 * @param to - Where the address ends (exclusive).
 * @param floor - Where reading stops.
 * @returns The canonical (detached) address, or `undefined`.
 * @example
 * ```ts
 * dottedQuadBefore('from 10.0.0.5 port 22', 13, 0); // '10.0.0.5'
 * ```
 * @internal
 */
export function dottedQuadBefore(text: string, to: number, floor: number): string | undefined {
  let value = 0;
  let scale = 1;
  let part = 0;
  let weight = 1;
  let digits = 0;
  let lead = 0;
  let dots = 0;
  let i = to;
  for (; i > floor; i--) {
    const c = text.charCodeAt(i - 1);
    if (c === 46) {
      if (digits === 0 || dots === 3 || (digits > 1 && lead === 0)) return undefined;
      value += part * scale;
      scale *= 256;
      dots++;
      part = 0;
      weight = 1;
      digits = 0;
    } else {
      const d = c - 48;
      if (d < 0 || d > 9) break;
      // No fourth digit, nothing above 255; `lead` is the leftmost digit read so far.
      if (digits === 3) return undefined;
      part += d * weight;
      if (part > 255) return undefined;
      weight *= 10;
      lead = d;
      digits++;
    }
  }
  if (dots !== 3 || digits === 0 || (digits > 1 && lead === 0)) return undefined;
  return quadText(value + part * scale, text, i, to);
}

/** The text of the strict quad of `value` found at `from`..`to` in `text`, from the table. */
function quadText(value: number, text: string, from: number, to: number): string {
  const slot = (Math.imul(value, 0x9e3779b1) >>> 20) & (QUAD_SLOTS - 1);
  const known = quadTexts[slot];
  if (known !== undefined && quadKeys[slot] === (value | 0)) return known;
  const quad = detachString(text.slice(from, to));
  quadKeys[slot] = value | 0;
  quadTexts[slot] = quad;
  return quad;
}

/**
 * `canonicalIp(text.slice(from, to))`, without the slice and the memo lookup when the range
 * is a strict dotted quad.
 *
 * @param text - The line.
 * @param from - Where the address starts.
 * @param to - Where it ends (exclusive).
 * @returns The canonical address, or `undefined`.
 * @example
 * ```ts
 * canonicalIpAt('from 10.0.0.5 port 22', 5, 13); // '10.0.0.5'
 * ```
 * @internal
 */
export function canonicalIpAt(text: string, from: number, to: number): string | undefined {
  const quad = dottedQuadAt(text, from, to);
  return quad !== undefined && from + quad.length === to ? quad : canonicalIp(text.slice(from, to));
}

function parse(text: string): string | undefined {
  // Strict dotted quads (the common case) are already canonical: no ipaddr.js round trip.
  if (isStrictDottedQuad(text)) return detachString(text);
  return parseStrict(text);
}

/** `0`-`255` four times, dot-separated, no leading zeros: what isValidFourPartDecimal accepts. */
function isStrictDottedQuad(text: string): boolean {
  const length = text.length;
  if (length < 7 || length > 15) return false;
  let parts = 0;
  let i = 0;
  while (i < length) {
    const start = i;
    let value = 0;
    while (i < length) {
      const d = text.charCodeAt(i) - 48;
      if (d < 0 || d > 9) break;
      value = value * 10 + d;
      i++;
    }
    const digits = i - start;
    if (digits === 0 || digits > 3 || value > 255) return false;
    if (digits > 1 && text.charCodeAt(start) === 48) return false;
    parts++;
    if (i === length) break;
    if (text.charCodeAt(i) !== 46 || parts === 4) return false;
    i++;
  }
  return parts === 4 && text.charCodeAt(length - 1) !== 46;
}

function parseStrict(text: string): string | undefined {
  if (text.length === 0 || text.length > 64) return undefined;
  if (text.includes(':')) {
    if (!ipaddr.IPv6.isValid(text)) return undefined;
    const v6 = ipaddr.IPv6.parse(text);
    if (v6.isIPv4MappedAddress()) return v6.toIPv4Address().toString();
    return v6.toRFC5952String();
  }
  if (!ipaddr.IPv4.isValidFourPartDecimal(text)) return undefined;
  return ipaddr.IPv4.parse(text).toString();
}

/**
 * Tells whether `ip` lies in `cidr` (`10.0.0.0/8`, `2001:db8::/32`, or a single address).
 * IPv4-mapped IPv6 addresses match their IPv4 networks. Never throws: malformed input
 * simply does not match.
 *
 * @param ip - An address (any form {@link canonicalIp} accepts).
 * @param cidr - A network in CIDR notation, or a bare address.
 * @returns True when the address is inside the network.
 * @example
 * ```ts
 * ipInCidr('10.1.2.3', '10.0.0.0/8'); // true
 * ```
 */
export function ipInCidr(ip: string, cidr: string): boolean {
  const address = canonicalIp(ip);
  if (address === undefined) return false;
  try {
    const slash = cidr.indexOf('/');
    const range =
      slash === -1
        ? ipaddr.parseCIDR(`${cidr}/${cidr.includes(':') ? 128 : 32}`)
        : ipaddr.parseCIDR(cidr);
    const parsed = ipaddr.parse(address.split('%')[0] ?? address);
    if (parsed.kind() !== range[0].kind()) return false;
    return parsed.match(range);
  } catch {
    return false;
  }
}
