/** @internal uid <-> account name per host, learned from login records. */
export interface UserDirectory {
  learn(host: string | undefined, uid: number, user: string): void;
  userOf(host: string | undefined, uid: number): string | undefined;
  uidOf(host: string | undefined, user: string): number | undefined;
  /** Every host's uid/name pairs in learning order (for snapshots). */
  dump(): readonly (readonly [string, readonly (readonly [number, string])[]])[];
  /** Re-learns {@link UserDirectory.dump} output. */
  load(data: readonly (readonly [string, readonly (readonly [number, string])[]])[]): void;
}

const ANONYMOUS = '\u0000';

/**
 * Creates a bounded uid/name directory (per host; `root` is uid 0 everywhere).
 *
 * @param maxEntries - Most names kept per host.
 * @returns The directory.
 * @example
 * ```ts
 * const users = createUserDirectory(4096);
 * users.learn('web1', 1000, 'alice');
 * ```
 * @internal
 */
export function createUserDirectory(maxEntries: number): UserDirectory {
  const hosts = new Map<string, { byUid: Map<number, string>; byName: Map<string, number> }>();
  return {
    dump() {
      return [...hosts].map(([k, h]) => [k, [...h.byUid]] as const);
    },
    load(data) {
      for (const [k, pairs] of data) {
        for (const [uid, user] of pairs) this.learn(k === ANONYMOUS ? undefined : k, uid, user);
      }
    },
    learn(host, uid, user) {
      if (user === '' || user === '(unknown)' || uid < 0 || uid >= 4294967295) return;
      const k = host === undefined ? ANONYMOUS : host;
      let h = hosts.get(k);
      if (h === undefined) {
        h = { byUid: new Map(), byName: new Map() };
        hosts.set(k, h);
      }
      h.byUid.delete(uid);
      h.byUid.set(uid, user);
      h.byName.delete(user);
      h.byName.set(user, uid);
      while (h.byUid.size > maxEntries) {
        const first = h.byUid.keys().next();
        if (first.done === true) break;
        h.byUid.delete(first.value);
      }
      while (h.byName.size > maxEntries) {
        const first = h.byName.keys().next();
        if (first.done === true) break;
        h.byName.delete(first.value);
      }
    },
    userOf(host, uid) {
      if (uid === 0) return 'root';
      return hosts.get(host === undefined ? ANONYMOUS : host)?.byUid.get(uid);
    },
    uidOf(host, user) {
      if (user === 'root') return 0;
      return hosts.get(host === undefined ? ANONYMOUS : host)?.byName.get(user);
    },
  };
}
