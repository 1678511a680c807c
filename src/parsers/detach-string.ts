/**
 * Returns a copy of `text` that shares no memory with the string it was cut from.
 *
 * V8 represents `slice`/`substring` results of 13 or more characters as views into their
 * parent, so a user name or a log line cut from a 256 KiB read chunk keeps that whole chunk
 * alive for as long as it is retained. Long-lived state (open sessions, caches, pending audit
 * events) stores detached copies so that memory follows the state, not the input size.
 *
 * @param text - Any string.
 * @returns The same characters in a string of its own.
 * @example
 * ```ts
 * const user = detachString(line.slice(40, 60)); // no longer pins `line`'s chunk
 * ```
 * @internal
 */
export function detachString(text: string): string {
  // The concatenation is flattened into a fresh string by `slice`; the result is then at
  // most a view of that fresh copy (one character longer), never of `text`'s parent.
  return text.length === 0 ? '' : ` ${text}`.slice(1);
}
