/**
 * Kernel record bodies exactly as the kernel writes them: one space between fields, fixed
 * key order, every value either `"..."` or a run of characters that holds no space, tab,
 * quote, brace, `=`, `,`, parenthesis or `0x1d`. On such a body the field scanner provably
 * reads the same values as the patterns' captures (`SYSCALL`, `PATH`) or a walk over the
 * shape (`SOCKADDR`; see canonical.ts), so a native match replaces a character-by-character
 * scan; anything else falls back to the scanner.
 *
 * The patterns are sticky: each reads one part of a body at `lastIndex` and the next part
 * starts where it stopped (long shapes are cut so each pattern stays small enough for
 * recheck). Where a value must end (a space, a tab, `0x1d` or the end) is checked by the
 * caller. Every quantified class is followed by a character it cannot hold: linear time
 * (recheck in test/parsers/auditd/patterns.test.ts).
 */

/** An unquoted value. */
const V = `[^ \\t"'{}=,()\\x1d]+`;
/** A double-quoted value. */
const Q = `"[^"\\x1d]*"`;
/** A double-quoted value, its inside captured. */
const QC = `"([^"\\x1d]*)"`;

/**
 * `SYSCALL`, first part: leading spaces, `arch=` to `items=` (optional `per=`), one space.
 * Captures `arch`, `syscall`, `success`, `exit`, `a0`, `a1`, `a2`.
 */
export const SYSCALL_HEAD = new RegExp(
  ` *arch=(${V}) syscall=(${V})(?: per=${V})? success=(${V}) exit=(${V}) a0=(${V}) a1=(${V}) a2=(${V}) a3=${V} items=${V} `,
  'y',
);

/**
 * `SYSCALL`, second part: `ppid=` to `fsgid=`, one space. Captures `ppid`, `pid`, `auid`,
 * `uid`, `euid`.
 */
export const SYSCALL_IDS = new RegExp(
  `ppid=(${V}) pid=(${V}) auid=(${V}) uid=(${V}) gid=${V} euid=(${V}) suid=${V} fsuid=${V} egid=${V} sgid=${V} fsgid=${V} `,
  'y',
);

/**
 * `SYSCALL`, last part: `tty=` to `key=` (optional `subj=`); must end the body. Captures
 * `tty`, `ses`, then `comm`, `exe` and `key` each as quoted (inside) or unquoted.
 */
export const SYSCALL_TAIL = new RegExp(
  `tty=(${V}|\\(none\\)) ses=(${V}) comm=(?:${QC}|(${V})) exe=(?:${QC}|(${V}))(?: subj=${V})? key=(?:${QC}|(${V}|\\(null\\)))`,
  'y',
);

/**
 * `PATH`: leading spaces, `item=` to `nametype=` (optional `obj=`); the rest is not read.
 * Captures `item`, `name` as quoted (inside) or unquoted, `inode`, `mode`, `ouid`, `ogid`,
 * `nametype`.
 */
export const PATH_BODY = new RegExp(
  ` *item=(${V}) name=(?:${QC}|(${V}|\\(null\\))) inode=(${V}) dev=${V} mode=(${V}) ouid=(${V}) ogid=(${V}) rdev=${V}(?: obj=${V})? nametype=(${V})`,
  'y',
);

/** `SOCKADDR`: leading spaces and `saddr=`; the rest is not read. */
export const SOCKADDR_BODY = new RegExp(` *saddr=${V}`, 'y');

/** An `EXECVE` body: `argc=` then `aN=` arguments, quoted or not (no `aN[i]`/`aN_len`). */
export const EXECVE_BODY = new RegExp(` *argc=[0-9]+(?: a[0-9]+=(?:${Q}|${V}))*`, 'y');

/**
 * Audit hex encoding: pairs of hex digits (`isAuditHex` checks it ends the value). Used for
 * long values, where one native match beats a character loop.
 */
export const HEX_PAIRS = /(?:[0-9A-Fa-f]{2})+/y;
