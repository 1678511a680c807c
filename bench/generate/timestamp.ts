/**
 * Syslog timestamp writers for the two styles an auth.log uses: rsyslog's high-precision
 * RFC3339 (`2024-03-01T12:00:00.123456+00:00`) and the traditional RFC3164
 * (`Mar  1 12:00:00`, no year, no zone). The per-second part is cached.
 */

/** Which timestamp a host writes. */
export type TimestampStyle = 'iso' | 'rfc3164';

/** Formats a time (microseconds since the epoch) as a syslog timestamp. */
export type TimestampFormatter = (timeUs: number) => string;

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function offsetSuffix(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${pad2(Math.floor(abs / 60))}:${pad2(abs % 60)}`;
}

/**
 * Creates a formatter for one host's style and UTC offset (RFC3164 has no zone: the
 * local wall-clock time is written).
 *
 * @param style - `iso` or `rfc3164`
 * @param utcOffsetMinutes - the host's offset from UTC, in minutes
 * @returns a formatter of microsecond times
 * @example
 * ```ts
 * createTimestampFormatter('rfc3164', 0)(Date.UTC(2024, 2, 1, 12) * 1000); // 'Mar  1 12:00:00'
 * ```
 */
export function createTimestampFormatter(
  style: TimestampStyle,
  utcOffsetMinutes: number,
): TimestampFormatter {
  const offsetMs = utcOffsetMinutes * 60_000;
  const suffix = offsetSuffix(utcOffsetMinutes);
  let cachedSecond = Number.NaN;
  let cachedPrefix = '';
  const prefixFor = (second: number): string => {
    if (second !== cachedSecond) {
      const d = new Date(second * 1000 + offsetMs);
      const hms = `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}`;
      cachedPrefix =
        style === 'iso'
          ? `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}T${hms}`
          : `${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${hms}`;
      cachedSecond = second;
    }
    return cachedPrefix;
  };
  if (style === 'rfc3164') return (timeUs) => prefixFor(Math.floor(timeUs / 1e6));
  return (timeUs) => {
    const second = Math.floor(timeUs / 1e6);
    const micros = String(timeUs - second * 1e6).padStart(6, '0');
    return `${prefixFor(second)}.${micros}${suffix}`;
  };
}
