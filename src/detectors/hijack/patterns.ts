/**
 * A `/proc/<pid>/environ` path (the environment of another process: where `SSH_AUTH_SOCK` is
 * read from). Group 1 is the pid. Anchored, linear.
 *
 * @example
 * ```ts
 * PROC_ENVIRON_PATH.exec('/proc/15790/environ')?.[1]; // '15790'
 * ```
 */
export const PROC_ENVIRON_PATH: RegExp = /^\/proc\/(\d{1,10})\/environ$/;

/**
 * The file name of an OpenSSH private key (`id_rsa`, `id_ed25519`, `id_ecdsa_sk`...; not the
 * `.pub` half). Anchored, linear.
 *
 * @example
 * ```ts
 * PRIVATE_KEY_NAME.test('id_ed25519'); // true
 * PRIVATE_KEY_NAME.test('id_ed25519.pub'); // false
 * ```
 */
export const PRIVATE_KEY_NAME: RegExp = /^id_[a-z0-9]{2,16}(?:_sk)?$/;
