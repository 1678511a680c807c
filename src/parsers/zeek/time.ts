import { ZEEK_EPOCH_SECONDS, ZEEK_ISO_TIME } from './patterns.js';

/** Epoch numbers above this are taken as milliseconds (`JSON::TS_MILLIS`), below as seconds. */
const MILLIS_THRESHOLD = 1e11;

/**
 * Reads a Zeek `time` value in any of its written forms: TSV epoch seconds (`1521911799.739898`),
 * a JSON number (epoch seconds, or integer milliseconds with `JSON::TS_MILLIS`: numbers above
 * 1e11 are taken as milliseconds), or an ISO-8601 string (`2018-03-24T17:16:39.739898Z`, a zone
 * offset allowed, UTC when absent). Microseconds are kept as milliseconds decimals, computed the
 * same way for every form, so one record written as TSV and as JSON gets the same time.
 *
 * @param value - The raw value (string or number).
 * @returns Epoch milliseconds, or `undefined` when the value is not a Zeek time.
 * @example
 * ```ts
 * parseZeekTime('1521911799.739898');           // 1521911799739.898
 * parseZeekTime('2018-03-24T17:16:39.739898Z'); // 1521911799739.898
 * parseZeekTime('XXXXXXXXXX.XXXXXX');           // undefined (btest mask)
 * ```
 */
export function parseZeekTime(value: unknown): number | undefined {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return undefined;
    const micros = Math.abs(value) > MILLIS_THRESHOLD ? value * 1000 : value * 1e6;
    return Math.round(micros) / 1000;
  }
  if (typeof value !== 'string' || value.length === 0 || value.length > 40) return undefined;
  if (ZEEK_EPOCH_SECONDS.test(value)) return Math.round(Number(value) * 1e6) / 1000;
  const m = ZEEK_ISO_TIME.exec(value);
  if (m === null) return undefined;
  const [, y, mo, d, h, mi, s, fraction, zone] = m;
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) {
    return undefined;
  }
  const seconds = Date.UTC(Number(y), month - 1, day, hour, minute, second) / 1000;
  const micros = fraction === undefined ? 0 : Number(fraction.padEnd(6, '0').slice(0, 6));
  return (Math.round(seconds * 1e6) + micros - offsetMinutes(zone) * 60e6) / 1000;
}

function offsetMinutes(zone: string | undefined): number {
  if (zone === undefined || zone === 'Z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4)));
}
