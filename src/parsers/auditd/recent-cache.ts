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
 * A miss costs more than the decode it stands for (hashing and copying the key), so the
 * cache also says whether probing is {@link RecentCache.worth | worth it}: when fewer than
 * two thirds of a window of probes hit, it rests (the caller decodes directly) for a
 * while, twice as long after each poor window in a row, then probes again.
 *
 * @internal
 */
export interface RecentCache<V> {
  /**
   * Whether to probe now: `false` while resting after poor hit rates (then the caller
   * neither gets nor sets). Each call while resting counts towards the rest's end.
   *
   * @example
   * ```ts
   * if (cache.worth()) cache.get('02000016C0A80001');
   * ```
   */
  readonly worth: () => boolean;
  /**
   * The value stored for `key`, or `undefined`. Counts towards the hit rate.
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
 * Probes per hit-rate judgement of a {@link RecentCache}.
 *
 * @example
 * ```ts
 * for (let i = 0; i < RECENT_WINDOW; i++) cache.get(`miss${i}`); // then cache.worth() is false
 * ```
 * @internal
 */
export const RECENT_WINDOW = 128;

/**
 * Calls a {@link RecentCache} rests after its first poor window (doubling up to
 * {@link RECENT_REST_MAX} while windows stay poor).
 *
 * @example
 * ```ts
 * for (let i = 0; i < RECENT_REST_MIN; i++) cache.worth(); // false each time
 * ```
 * @internal
 */
export const RECENT_REST_MIN = 256;

/**
 * The longest rest of a {@link RecentCache}, in calls.
 *
 * @example
 * ```ts
 * RECENT_REST_MAX; // 16384
 * ```
 * @internal
 */
export const RECENT_REST_MAX = 16384;

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
  let probes = 0;
  let hits = 0;
  let rest = 0;
  let restLength = RECENT_REST_MIN;
  const worth = (): boolean => {
    if (rest === 0) return true;
    rest--;
    return false;
  };
  const judge = (): void => {
    // Below two thirds a miss's cost outweighs what hits save (measured: ~1 us vs ~0.35 us).
    if (hits * 3 < probes * 2) {
      rest = restLength;
      restLength = Math.min(restLength * 2, RECENT_REST_MAX);
    } else {
      restLength = RECENT_REST_MIN;
    }
    probes = 0;
    hits = 0;
  };
  const set = (key: string, value: V): void => {
    if (young.size >= max) {
      old = young;
      young = new Map();
    }
    young.set(key, value);
  };
  const get = (key: string): V | undefined => {
    let value = young.get(key);
    if (value === undefined) {
      value = old.get(key);
      if (value !== undefined) {
        old.delete(key);
        set(key, value);
      }
    }
    if (value !== undefined) hits++;
    if (++probes === RECENT_WINDOW) judge();
    return value;
  };
  return { worth, get, set };
}
