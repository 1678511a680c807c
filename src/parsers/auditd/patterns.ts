/**
 * Kernel record bodies exactly as the kernel writes them: one space between fields, fixed
 * key order, every value either `"..."` or a run of characters that holds no space, tab,
 * quote, brace, `=`, `,` or parenthesis. On such a body the field scanner provably reads
 * the same values as these captures (see canonical.ts), so a native match replaces a
 * character-by-character scan; anything else falls back to the scanner.
 *
 * Long shapes are cut into parts (the last capture of a part is the rest of the body, read
 * by the next part) so each pattern stays small enough for recheck. Every quantified
 * class is followed by a character it cannot hold: linear time (recheck in
 * test/parsers/auditd/patterns.test.ts).
 */

/** An unquoted value. */
const V = `[^ \\t"'{}=,()]+`;
/** A double-quoted value. */
const Q = `"[^"]*"`;

/** `SYSCALL`, first part: `arch=` to `items=` (optional `per=`). */
export const SYSCALL_HEAD = new RegExp(
  `^( *)arch=(${V}) syscall=(${V})(?: per=(${V}))? success=(${V}) exit=(${V}) a0=(${V}) a1=(${V}) a2=(${V}) a3=(${V}) items=(${V}) ([^]*)$`,
);

/** `SYSCALL`, second part: `ppid=` to `fsgid=`. */
export const SYSCALL_IDS = new RegExp(
  `^( *)ppid=(${V}) pid=(${V}) auid=(${V}) uid=(${V}) gid=(${V}) euid=(${V}) suid=(${V}) fsuid=(${V}) egid=(${V}) sgid=(${V}) fsgid=(${V}) ([^]*)$`,
);

/** `SYSCALL`, last part: `tty=` to `key=` (optional `subj=`). */
export const SYSCALL_TAIL = new RegExp(
  `^( *)tty=(${V}|\\(none\\)) ses=(${V}) comm=(${Q}|${V}) exe=(${Q}|${V})(?: subj=(${V}))? key=(${Q}|${V}|\\(null\\))$`,
);

/** `PATH`, first part: `item=` to `dev=`. */
export const PATH_HEAD = new RegExp(
  `^( *)item=(${V}) name=(${Q}|${V}|\\(null\\)) inode=(${V}) dev=(${V}) ([^]*)$`,
);

/** `PATH`, last part: `mode=` to `nametype=` (optional `obj=`); what follows is not read. */
export const PATH_TAIL = new RegExp(
  `^( *)mode=(${V}) ouid=(${V}) ogid=(${V}) rdev=(${V})(?: obj=(${V}))? nametype=(${V})(?:[ \\t][^]*)?$`,
);

/** `SOCKADDR`: `saddr=` first; what follows is not read. */
export const SOCKADDR_BODY = new RegExp(`^( *)saddr=(${V})(?:[ \\t][^]*)?$`);
