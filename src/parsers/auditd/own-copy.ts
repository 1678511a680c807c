/**
 * A copy of `text` that shares no memory with it. A string sliced from a line keeps the
 * whole read chunk behind that line alive (64 KiB), so anything kept longer than an event
 * (a cache key or value) is copied first.
 *
 * @param text - The text.
 * @returns An equal string backed by its own characters.
 * @example
 * ```ts
 * const key = ownCopy(line.slice(10, 42));
 * ```
 * @internal
 */
export function ownCopy(text: string): string {
  // A concatenation is flattened into a new string when sliced: the slice's parent is that
  // copy (one character longer), not the line.
  return ` ${text}`.slice(1);
}
