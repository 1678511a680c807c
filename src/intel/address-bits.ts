/**
 * Numeric forms of canonical addresses for prefix bucketing (no parsing rules of our own:
 * inputs are already canonical from `canonicalIp`).
 */

/** @internal The 32-bit value of a canonical IPv4 address, or `undefined`. */
export function ipv4Value(address: string): number | undefined {
  const parts = address.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0;
  for (const part of parts) {
    const n = Number(part);
    if (!Number.isInteger(n) || n < 0 || n > 255) return undefined;
    value = value * 256 + n;
  }
  return value;
}

/** @internal The 128-bit value of a canonical IPv6 address (scope removed), or `undefined`. */
export function ipv6Value(address: string): bigint | undefined {
  const bare = address.split('%')[0] ?? address;
  const halves = bare.split('::');
  if (halves.length > 2) return undefined;
  const groups = (s: string): string[] => (s.length === 0 ? [] : s.split(':'));
  const head = groups(halves[0] ?? '');
  const tail = halves.length === 2 ? groups(halves[1] ?? '') : [];
  const expand = (gs: string[]): string[] => {
    const last = gs[gs.length - 1];
    if (last === undefined || !last.includes('.')) return gs;
    const v4 = ipv4Value(last);
    if (v4 === undefined) return gs;
    return [...gs.slice(0, -1), (v4 >>> 16).toString(16), (v4 & 0xffff).toString(16)];
  };
  const h = halves.length === 2 ? head : expand(head);
  const t = expand(tail);
  const missing = 8 - h.length - t.length;
  if (missing < 0 || (halves.length === 1 && missing !== 0)) return undefined;
  let value = 0n;
  for (const g of [...h, ...new Array<string>(missing).fill('0'), ...t]) {
    const n = Number.parseInt(g, 16);
    if (!Number.isInteger(n) || n < 0 || n > 0xffff) return undefined;
    value = (value << 16n) | BigInt(n);
  }
  return value;
}

/** @internal The bucket key of an address value under a prefix length. */
export function prefixKey(family: 4 | 6, value: number | bigint, prefix: number): string {
  if (family === 4) {
    const v = Number(value);
    return prefix === 0 ? '0' : Math.floor(v / 2 ** (32 - prefix)).toString(16);
  }
  const v = BigInt(value);
  return prefix === 0 ? '0' : (v >> BigInt(128 - prefix)).toString(16);
}
