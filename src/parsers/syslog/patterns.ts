/**
 * Regular expressions of the syslog envelope parser. Each one is anchored, bounded and
 * linear-time (checked by recheck in the test suite); each runs only after a cheap
 * `startsWith`/character test selected it, never on every line.
 *
 * @module
 */

/**
 * The Solaris message-id block sshd's syslog inserts after the program tag:
 * `[ID 800047 auth.notice] `. Tested on the message text.
 *
 * @example
 * ```ts
 * SOLARIS_MESSAGE_ID.exec('[ID 800047 auth.info] Failed none for root')?.[0]; // '[ID 800047 auth.info] '
 * ```
 */
export const SOLARIS_MESSAGE_ID: RegExp = /^\[ID \d{1,10} [a-z0-9-]{1,16}\.[a-z]{1,10}\] ?/;

/**
 * rsyslog's repeated-message wrapper `message repeated N times: [ <message>]`; group 1
 * is N. Tested on the message text; the wrapped message follows the match.
 *
 * @example
 * ```ts
 * REPEATED_MESSAGE.exec('message repeated 5 times: [ Failed password ...]')?.[1]; // '5'
 * ```
 */
export const REPEATED_MESSAGE: RegExp = /^message repeated (\d{1,9}) times: \[ ?/;

/**
 * A `facility.priority` token as busybox/OpenWrt syslogd insert before the program tag
 * (`auth.info`, `authpriv.notice`, `local7.debug`). Tested on one whitespace-free token.
 *
 * @example
 * ```ts
 * FACILITY_PRIORITY.test('authpriv.info'); // true
 * FACILITY_PRIORITY.test('srv.example');   // false
 * ```
 */
export const FACILITY_PRIORITY: RegExp =
  /^(?:kern|user|mail|daemon|auth|syslog|lpr|news|uucp|cron|authpriv|ftp|ntp|security|console|local[0-7])\.(?:emerg|panic|alert|crit|err|error|warn|warning|notice|info|debug|none)$/;
