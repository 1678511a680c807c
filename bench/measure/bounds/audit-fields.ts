/**
 * The unchecked field readers of the audit bounds. Fields are searched in the order the
 * kernel writes them, each from where the last one was found (one pass over the line, as a
 * reader that tokenizes once makes); digits are parsed in a loop; quoted values are
 * sliced. Nothing is validated: a line without the shape yields garbage, never a throw.
 */

// Where the next search starts: set by `seek`, moved past each field found.
let cursor = 0;

/**
 * Starts the next search at `at` (a record's body, or 0 for a whole line).
 *
 * @param at - an index into the line about to be read
 * @example
 * ```ts
 * seek(0);
 * numberOf('type=LOGIN msg=audit(1.000:5): pid=9', ' pid='); // 9
 * ```
 */
export function seek(at: number): void {
  cursor = at;
}

/**
 * Where the last field found (or the last value read) ends.
 *
 * @returns the cursor
 * @example
 * ```ts
 * seek(0);
 * find('a=1 b=2', ' b=');
 * here(); // 6
 * ```
 */
export function here(): number {
  return cursor;
}

/**
 * The unsigned decimal at `i` (0 when there are no digits).
 *
 * @param text - the line
 * @param i - where the digits start
 * @returns their value
 * @example
 * ```ts
 * digitsAt('pid=42 ', 4); // 42
 * ```
 */
export function digitsAt(text: string, i: number): number {
  let n = 0;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) break;
    n = n * 10 + c - 48;
  }
  return n;
}

/**
 * Where `name` (e.g. ` pid=`) ends, searched from the cursor, or -1 when it is not there
 * (the cursor then stays where it was, so a missing field costs the next one nothing).
 *
 * @param text - the line
 * @param name - the field name with its leading space and `=`
 * @returns where its value starts, or -1
 * @example
 * ```ts
 * seek(0);
 * find('a=1 b=2', ' b='); // 6
 * ```
 */
export function find(text: string, name: string): number {
  const at = text.indexOf(name, cursor);
  if (at === -1) return -1;
  cursor = at + name.length;
  return cursor;
}

/**
 * The unsigned decimal after `name`, or undefined when the field is not there.
 *
 * @param text - the line
 * @param name - the field name (` pid=`)
 * @returns its value
 * @example
 * ```ts
 * seek(0);
 * numberOf('x pid=9', ' pid='); // 9
 * ```
 */
export function numberOf(text: string, name: string): number | undefined {
  const at = find(text, name);
  return at === -1 ? undefined : digitsAt(text, at);
}

/**
 * An id after `name`, as the product reports ids: the unset id 4294967295 is undefined.
 *
 * @param text - the line
 * @param name - the field name (` auid=`)
 * @returns the id, or undefined when absent or unset
 * @example
 * ```ts
 * seek(0);
 * idOf('x auid=4294967295', ' auid='); // undefined
 * ```
 */
export function idOf(text: string, name: string): number | undefined {
  const n = numberOf(text, name);
  return n === 4294967295 ? undefined : n;
}

/**
 * The signed decimal after `name` (`exit=-115`).
 *
 * @param text - the line
 * @param name - the field name (` exit=`)
 * @returns its value, or undefined when absent
 * @example
 * ```ts
 * seek(0);
 * signedOf('x exit=-115', ' exit='); // -115
 * ```
 */
export function signedOf(text: string, name: string): number | undefined {
  const at = find(text, name);
  if (at === -1) return undefined;
  return text.charCodeAt(at) === 45 ? -digitsAt(text, at + 1) : digitsAt(text, at);
}

/**
 * The octal number after `name` (`mode=0100755`).
 *
 * @param text - the line
 * @param name - the field name (` mode=`)
 * @returns its value, or undefined when absent
 * @example
 * ```ts
 * seek(0);
 * octalOf('x mode=0140666', ' mode='); // 0o140666
 * ```
 */
export function octalOf(text: string, name: string): number | undefined {
  let i = find(text, name);
  if (i === -1) return undefined;
  let n = 0;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 55) break;
    n = n * 8 + c - 48;
  }
  return n;
}

/**
 * The value after `name` as written: inside its quotes, else up to the next space (no
 * decoding, no special values: what bound-audit-events reads).
 *
 * @param text - the line
 * @param name - the field name (` exe=`)
 * @returns the value, or undefined when absent
 * @example
 * ```ts
 * seek(0);
 * textOf('x exe="/bin/sh" y', ' exe='); // '/bin/sh'
 * ```
 */
export function textOf(text: string, name: string): string | undefined {
  const start = find(text, name);
  if (start === -1) return undefined;
  if (text.charCodeAt(start) === 34) return text.slice(start + 1, text.indexOf('"', start + 1));
  const space = text.indexOf(' ', start);
  return text.slice(start, space === -1 ? text.length : space);
}

/**
 * The value after `name` as the product reports a string field: see {@link valueAt}.
 *
 * @param text - the line
 * @param name - the field name (` cwd=`)
 * @param encoded - whether the field may be hex encoded (exe, comm, key, name, cwd, acct)
 * @returns the value, or undefined when absent or one of the "no value" spellings
 * @example
 * ```ts
 * seek(0);
 * stringOf('x acct=616C696365 y', ' acct=', true); // 'alice'
 * ```
 */
export function stringOf(text: string, name: string, encoded: boolean): string | undefined {
  const start = find(text, name);
  return start === -1 ? undefined : valueAt(text, start, encoded);
}

/**
 * The value starting at `start`, leaving the cursor after it: quoted, it is sliced (`"?"`
 * is undefined); unquoted, it runs to the next space, and `?`, `(none)`, `(null)` and the
 * empty value are undefined, and an even-length run of hex digits is decoded when
 * `encoded` (audit writes only hex unquoted in those fields).
 *
 * @param text - the line
 * @param start - where the value starts (after `=`)
 * @param encoded - whether the field may be hex encoded
 * @returns the value, or undefined
 * @example
 * ```ts
 * valueAt('a0="ls" a1=2D6C', 12, true); // '-l'
 * ```
 */
export function valueAt(text: string, start: number, encoded: boolean): string | undefined {
  if (text.charCodeAt(start) === 34) {
    let close = text.indexOf('"', start + 1);
    if (close === -1) close = text.length;
    cursor = close + 1;
    return close === start + 2 && text.charCodeAt(start + 1) === 63
      ? undefined
      : text.slice(start + 1, close);
  }
  let end = text.indexOf(' ', start);
  if (end === -1) end = text.length;
  cursor = end;
  const first = text.charCodeAt(start);
  // `?`, `(none)`, `(null)` and the empty value: no hex value starts with either.
  if (end === start || first === 63 || first === 40) return undefined;
  return encoded && isHex(text, start, end) ? hexText(text, start, end) : text.slice(start, end);
}

/**
 * Whether `text[from, to)` is a non-empty, even-length run of hex digits.
 *
 * @param text - the line
 * @param from - where the run starts
 * @param to - where it ends
 * @returns true for audit hex
 * @example
 * ```ts
 * isHex('2F746D70', 0, 8); // true
 * ```
 */
export function isHex(text: string, from: number, to: number): boolean {
  if (to === from || (to - from) % 2 !== 0) return false;
  for (let i = from; i < to; i++) if (hexDigit(text.charCodeAt(i)) < 0) return false;
  return true;
}

/**
 * Hex pairs to text, one char per byte: right for ASCII, which is all the bounds decode.
 *
 * @param text - the line
 * @param from - where the hex starts
 * @param to - where it ends (an odd last digit is ignored)
 * @returns the decoded text
 * @example
 * ```ts
 * hexText('2F746D70', 0, 8); // '/tmp'
 * ```
 */
export function hexText(text: string, from: number, to: number): string {
  let out = '';
  for (let i = from; i + 1 < to; i += 2) out += String.fromCharCode(byteAt(text, i));
  return out;
}

/**
 * The byte written as two hex digits at `i` (a bad digit counts as 0).
 *
 * @param text - the line
 * @param i - where the pair starts
 * @returns the byte
 * @example
 * ```ts
 * byteAt('0A', 0); // 10
 * ```
 */
export function byteAt(text: string, i: number): number {
  const hi = hexDigit(text.charCodeAt(i));
  const lo = hexDigit(text.charCodeAt(i + 1));
  return (Math.max(hi, 0) << 4) | Math.max(lo, 0);
}

function hexDigit(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 65 && c <= 70) return c - 55;
  if (c >= 97 && c <= 102) return c - 87;
  return -1;
}

/**
 * `SECONDS.MILLIS:SERIAL` as epoch milliseconds (digits either side of the dot).
 *
 * @param key - the event id
 * @returns its time
 * @example
 * ```ts
 * timeOf('1709251200.011:7'); // 1709251200011
 * ```
 */
export function timeOf(key: string): number {
  const dot = key.indexOf('.');
  return digitsAt(key, 0) * 1000 + digitsAt(key, dot + 1);
}
