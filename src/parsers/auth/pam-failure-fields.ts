/**
 * The key=value tail of pam_unix's failure messages:
 * `logname=L uid=U euid=E tty=T ruser=R rhost=H[  user=X]`.
 *
 * @internal
 * @module
 */

/** Values read from a failure tail; empty values are `undefined`. @internal */
export interface PamFailureFields {
  /** `tty=` value. */
  readonly tty: string | undefined;
  /** `ruser=` value (client-controlled for ftp daemons). */
  readonly ruser: string | undefined;
  /** `rhost=` value as logged. */
  readonly rhost: string | undefined;
  /** `user=` value (the rest of the line). */
  readonly user: string | undefined;
}

const EMPTY: PamFailureFields = {
  tty: undefined,
  ruser: undefined,
  rhost: undefined,
  user: undefined,
};

/**
 * Reads the failure tail that starts at `from` in `text`.
 *
 * The keys come in a fixed order. `logname`, `uid`, `euid` and `tty` are written by the
 * system, so the first occurrence of each is taken. `ruser` and `user` may be chosen by the
 * client and can contain ` rhost=`, so `rhost` is the first ` rhost=H` whose single-token
 * value is followed by the end of the text or by whitespace and `user=` (the rule fail2ban's
 * pam-generic filter uses); `user` is everything after that `user=`. A forged
 * `ruser=x rhost=A  user=y rhost=B` stays ambiguous on the page and resolves to `A`.
 *
 * @param text - The message.
 * @param from - Offset of the tail (just after `failure(s);`).
 * @returns The fields; every one `undefined` when the tail does not parse.
 * @internal
 */
export function readPamFailureFields(text: string, from: number): PamFailureFields {
  const ttyAt = text.indexOf('tty=', from);
  const ruserKey = text.indexOf(' ruser=', ttyAt === -1 ? from : ttyAt);
  if (ruserKey === -1) return EMPTY;
  const tty = ttyAt === -1 ? undefined : nonEmpty(text.slice(ttyAt + 4, ruserKey));
  const ruserAt = ruserKey + 7;
  let key = text.indexOf(' rhost=', ruserKey);
  while (key !== -1) {
    const valueAt = key + 7;
    let end = text.indexOf(' ', valueAt);
    if (end === -1) end = text.length;
    let next = end;
    while (next < text.length && (text.charCodeAt(next) === 32 || text.charCodeAt(next) === 9)) {
      next += 1;
    }
    if (next === text.length) {
      return {
        tty,
        ruser: nonEmpty(text.slice(ruserAt, key)),
        rhost: nonEmpty(text.slice(valueAt, end)),
        user: undefined,
      };
    }
    if (next > end && text.startsWith('user=', next)) {
      return {
        tty,
        ruser: nonEmpty(text.slice(ruserAt, key)),
        rhost: nonEmpty(text.slice(valueAt, end)),
        user: nonEmpty(text.slice(next + 5)),
      };
    }
    key = text.indexOf(' rhost=', valueAt);
  }
  return { tty, ruser: nonEmpty(text.slice(ruserAt)), rhost: undefined, user: undefined };
}

function nonEmpty(value: string): string | undefined {
  return value.length === 0 ? undefined : value;
}
