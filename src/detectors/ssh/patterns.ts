/**
 * A sudo command that starts a shell or switches user: `-i`, `-s`, `su`, or a shell binary
 * (`/bin/bash`, `zsh -l`...). Anchored at the start, linear.
 *
 * @example
 * ```ts
 * ROOT_SHELL_COMMAND.test('/usr/bin/su -'); // true
 * ```
 */
export const ROOT_SHELL_COMMAND: RegExp =
  /^(?:\S*\/)?(?:su|bash|sh|zsh|dash|ksh|fish|tcsh|csh)(?:\s|$)|^(?:\S*\/)?(?:sudo\s+)?-[is](?:\s|$)/;
