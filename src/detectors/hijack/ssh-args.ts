/**
 * What an ssh client command line asks for (plain data).
 *
 * @internal
 */
export interface SshArgs {
  /** Single-letter flags given (`A`, `M`, `N`, `f`...). */
  readonly flags: readonly string[];
  /** `-o Key=Value` / `-oKey Value` options, keys lower-cased. */
  readonly options: Readonly<Record<string, string>>;
  /** `-S path` or `-o ControlPath=path` (`none` dropped). */
  readonly controlPath: string | undefined;
  /** `-O cmd` (check, forward, exit, stop, proxy...). */
  readonly controlCommand: string | undefined;
  /** `-M` or ControlMaster yes/auto/ask/autoask. */
  readonly master: boolean;
  /** The first operand (`user@host` or `host`). */
  readonly destination: string | undefined;
}

const ARG_LETTERS = 'bcDeEFiIJlLmOopPQRSwWB';
const MAX_ARGS = 256;

/** @internal Parses an ssh/scp/sftp argv (argv[0] is the program). */
export function parseSshArgs(argv: readonly string[]): SshArgs {
  const flags: string[] = [];
  const options: Record<string, string> = {};
  let controlPath: string | undefined;
  let controlCommand: string | undefined;
  let destination: string | undefined;
  const n = Math.min(argv.length, MAX_ARGS);
  const option = (text: string): void => {
    const eq = text.indexOf('=');
    const sp = text.indexOf(' ');
    const cut = eq < 0 ? sp : sp < 0 ? eq : Math.min(eq, sp);
    if (cut <= 0) return;
    const k = text.slice(0, cut).toLowerCase();
    if (Object.hasOwn(options, k)) return;
    options[k] = text.slice(cut + 1).trim();
  };
  for (let i = 1; i < n; i += 1) {
    const a = argv[i] ?? '';
    if (a === '--') {
      destination ??= argv[i + 1];
      break;
    }
    if (a.length < 2 || a[0] !== '-') {
      destination ??= a;
      if (destination === a) break;
      continue;
    }
    for (let j = 1; j < a.length; j += 1) {
      const letter = a[j] ?? '';
      if (!ARG_LETTERS.includes(letter)) {
        flags.push(letter);
        continue;
      }
      flags.push(letter);
      let value = a.slice(j + 1);
      if (value === '') {
        value = argv[i + 1] ?? '';
        i += 1;
      }
      if (letter === 'o') option(value);
      else if (letter === 'S') controlPath = value;
      else if (letter === 'O') controlCommand = value;
      break;
    }
  }
  const cp = options.controlpath;
  if (controlPath === undefined && cp !== undefined) controlPath = cp;
  if (controlPath === 'none') controlPath = undefined;
  const cm = options.controlmaster?.toLowerCase();
  const master =
    flags.includes('M') || cm === 'yes' || cm === 'auto' || cm === 'ask' || cm === 'autoask';
  return { flags, options, controlPath, controlCommand, master, destination };
}
