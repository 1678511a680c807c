/** Progress of a long read, drawn on a terminal. */
export interface Progress {
  /** Counts lines and UTF-16 units (about bytes) read. */
  add(lines: number, units: number): void;
  /** Clears the bar. */
  finish(): void;
}

/** Where and whether to draw. */
export interface ProgressOptions {
  /** Total bytes expected (sum of file sizes; 0 when unknown). */
  readonly total: number;
  /** Draw at all (stderr is a TTY and not `--quiet`). */
  readonly enabled: boolean;
  /** The terminal. */
  readonly write: (text: string) => void;
  /** Clock, ms. */
  readonly now?: () => number;
  /** Nothing is drawn before this much time has passed, ms (short work shows no bar). */
  readonly delayMs?: number;
}

const REDRAW_MS = 100;

/**
 * A progress bar for stderr: bytes read of the total, lines per second and time left, redrawn
 * at most ten times a second, only once the work has taken more than `delayMs`, and cleared at
 * the end.
 */
export function createProgress(options: ProgressOptions): Progress {
  const now = options.now ?? Date.now;
  const start = now();
  const delay = options.delayMs ?? 1000;
  let lines = 0;
  let units = 0;
  let last = 0;
  let drawn = false;
  if (!options.enabled) return { add() {}, finish() {} };
  return {
    add(l, u) {
      lines += l;
      units += u;
      const t = now();
      if (t - start < delay || t - last < REDRAW_MS) return;
      last = t;
      drawn = true;
      options.write(`\r\u001b[K${progressText(units, options.total, lines, (t - start) / 1000)}`);
    },
    finish() {
      if (drawn) options.write('\r\u001b[K');
    },
  };
}

/** The bar's text: `12.0 MB / 40.0 MB  30%  250k lines/s  ETA 0:05`. */
export function progressText(bytes: number, total: number, lines: number, seconds: number): string {
  const rate = seconds > 0 ? lines / seconds : 0;
  const parts = [`sshtrail: ${mb(bytes)}${total > 0 ? ` / ${mb(total)}` : ''}`];
  if (total > 0) {
    const fraction = Math.min(bytes / total, 0.99);
    parts.push(`${Math.floor(fraction * 100)}%`);
    parts.push(`${count(rate)} lines/s`);
    const eta = bytes > 0 ? (seconds * (total - Math.min(bytes, total))) / bytes : 0;
    parts.push(`ETA ${clock(eta)}`);
  } else {
    parts.push(`${count(rate)} lines/s`);
  }
  return parts.join('  ');
}

function mb(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}

function count(n: number): string {
  if (n >= 1e6) return `${(n / 1e6).toFixed(1)}M`;
  if (n >= 1e3) return `${Math.round(n / 1e3)}k`;
  return String(Math.round(n));
}

function clock(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const m = Math.floor(s / 60);
  return `${m}:${String(s % 60).padStart(2, '0')}`;
}
