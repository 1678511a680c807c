/**
 * A bounded string-keyed cache of recently used values: for pure functions of a record's
 * text that logs repeat often (the same `saddr=`, the same `EXECVE` arguments), so a repeat
 * costs one map probe instead of a decode.
 *
 * Two generations of at most `limit` entries each: a miss is stored in the young one; a
 * hit in the old one moves to the young one; when the young one is full it becomes the
 * old one (the old one is dropped). So memory stays bounded whatever the input (at most
 * `2 * limit` entries), and values used again within about `limit` misses stay.
 *
 * @internal
 */
export interface RecentCache<V> {
  /**
   * The value stored for `key`, or `undefined`.
   *
   * @example
   * ```ts
   * cache.get('02000016C0A80001');
   * ```
   */
  readonly get: (key: string) => V | undefined;
  /**
   * Stores `value` for `key`.
   *
   * @example
   * ```ts
   * cache.set('02000016C0A80001', decoded);
   * ```
   */
  readonly set: (key: string, value: V) => void;
}

/**
 * Makes a {@link RecentCache}.
 *
 * @param limit - Entries per generation (at least 1).
 * @returns An empty cache.
 * @example
 * ```ts
 * const cache = recentCache<number>(256);
 * cache.set('a', 1);
 * cache.get('a'); // 1
 * ```
 * @internal
 */
export function recentCache<V>(limit: number): RecentCache<V> {
  const max = Math.max(1, Math.floor(limit));
  let young = new Map<string, V>();
  let old = new Map<string, V>();
  const set = (key: string, value: V): void => {
    if (young.size >= max) {
      old = young;
      young = new Map();
    }
    young.set(key, value);
  };
  const get = (key: string): V | undefined => {
    const hit = young.get(key);
    if (hit !== undefined) return hit;
    const aged = old.get(key);
    if (aged !== undefined) {
      old.delete(key);
      set(key, aged);
    }
    return aged;
  };
  return { get, set };
}
