/**
 * Splits a Sysmon for Linux `CommandLine` into arguments. Sysmon joins the process's argv
 * with single spaces and does not quote, so splitting on runs of spaces and tabs is the
 * faithful inverse except for arguments that themselves contained spaces; the raw command
 * line is kept beside `argv` for that reason. Linear in the length of the text.
 *
 * @param commandLine - The command line as logged (entities already decoded).
 * @returns The arguments, empty for an empty or blank command line.
 * @example
 * ```ts
 * splitCommandLine('ssh -A  alice@db1'); // ['ssh', '-A', 'alice@db1']
 * ```
 */
export function splitCommandLine(commandLine: string): readonly string[] {
  const argv: string[] = [];
  let start = -1;
  for (let i = 0; i <= commandLine.length; i++) {
    const c = i < commandLine.length ? commandLine.charCodeAt(i) : 32;
    const blank = c === 32 || c === 9;
    if (blank) {
      if (start >= 0) argv.push(commandLine.slice(start, i));
      start = -1;
    } else if (start < 0) {
      start = i;
    }
  }
  return argv;
}
