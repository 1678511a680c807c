/**
 * A duration such as `30s`, `10m`, `2h`, `1d` or `500ms`.
 *
 * @example
 * ```ts
 * DURATION.exec('10m')?.slice(1); // ['10', 'm']
 * ```
 */
export const DURATION: RegExp = /^(\d{1,9})(ms|s|m|h|d)$/;

/**
 * A detector id: dotted lower-case words (`ssh.brute_force_success`, `acme.rule_1`).
 *
 * @example
 * ```ts
 * DETECTOR_ID.test('acme.root_sudo'); // true
 * ```
 */
export const DETECTOR_ID: RegExp = /^[a-z0-9_]+(?:\.[a-z0-9_]+)+$/;
