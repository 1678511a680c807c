import type { TimeBasis } from '../../events/provenance.js';
import { daysInMonth, utcEpoch } from '../../time/calendar.js';
import {
  isValidTimeZone,
  type WallClockConverter,
  wallClockConverter,
  zonedWallTime,
} from '../../time/zoned-time.js';
import type { EnvelopeResult, MalformedReason } from '../outcome.js';
import {
  BASIS,
  type EnvelopeScratch,
  envelopeResult,
  envelopeScratch,
  malformed,
  scratchMessage,
} from './envelope.js';
import type { EnvelopeOptions } from './envelope-options.js';
import { createHeaderReader } from './header.js';
import { readRfc5424Fields } from './rfc5424.js';
import { digitAt, flatCopy, fourDigitsAt, isWeekdayAt, sameTextAt, twoDigitsAt } from './scan.js';
import {
  BAD_TIMESTAMP,
  readIsoSecondsAt,
  readIsoTimestamp,
  readRfc3164Timestamp,
  timestampFields,
} from './timestamp-fields.js';
import { createYearTracker, type YearState } from './year-tracker.js';

/**
 * A stateful envelope parser: call it with each line of one source, in order.
 */
export interface EnvelopeParser {
  /** Splits a line into its envelope and message; never throws. */
  (text: string): EnvelopeResult;
  /** The year-inference state, for a checkpoint (pass it back as `yearState`). */
  yearState(): YearState;
}

/**
 * Creates an envelope parser for one input source: a function that splits a log line
 * into time, host, program, pid and message. It reads
 *
 * - RFC3164 `Mmm dd HH:MM:SS host prog[pid]: msg` (day space-, zero- or un-padded, host
 *   optional; tags `prog[pid]:`, `prog:`, `[prog]`, `prog(pam_unix)[pid]:` kept verbatim;
 *   an optional `<PRI>`; a busybox `auth.info` before the tag and a Solaris
 *   `[ID 800047 auth.notice]` after it are stripped; OpenWrt `Www Mmm dd HH:MM:SS YYYY`);
 * - RFC3339/ISO-8601 `2015-04-16T18:02:50.321974+00:00 host prog[pid]: msg`, with or
 *   without fraction and zone (`Z`, `+hh:mm`, `+hhmm`), and the
 *   `2020-03-23 06:47:42.801612-0700  host` variant;
 * - RFC5424 `<PRI>1 TIMESTAMP HOST APP PROCID MSGID SD MSG`, structured data included;
 * - epoch-seconds lines `1124012400 [sshd] msg`;
 * - rsyslog `message repeated N times: [ msg]`, unwrapped into `msg` with `repeat: N`.
 *
 * Anything else gives `{ ok: false, reason }` (`empty_line`, `no_timestamp`,
 * `bad_timestamp` for impossible dates such as Feb 30, `bad_header`); the parser never
 * throws on input. It is stateful only for the year of year-less timestamps (December to
 * January rollover, re-anchoring on lines with a year), so use one per source, in order.
 *
 * @param options - Year, time zone and reference time for year-less / zone-less lines.
 * @returns A total line parser.
 * @throws RangeError when `options.timezone` is not a valid IANA zone, `options.year` is
 *   not an integer in 1-9999 or `options.referenceTime` is not finite (programmer errors).
 * @example
 * ```ts
 * const parse = createEnvelopeParser({ year: 2024, timezone: 'Europe/Berlin' });
 * const r = parse('Mar  5 10:00:00 web1 sshd[812]: Accepted publickey for alice from 10.0.0.5 port 50000 ssh2');
 * if (r.ok) console.log(r.envelope.program, r.envelope.pid, new Date(r.envelope.time).toISOString());
 * // sshd 812 2024-03-05T09:00:00.000Z
 * ```
 */
export function createEnvelopeParser(options: EnvelopeOptions = {}): EnvelopeParser {
  const scanner = createEnvelopeScanner(options);
  const s = scanner.scratch;
  const parseEnvelope = (text: string): EnvelopeResult => {
    const failure = scanner.scan(text);
    if (failure !== undefined) return malformed(failure);
    const message = scratchMessage(text, s);
    return envelopeResult(s.time, s.timeBasis, s.host, s.program, s.pid, s.repeat, message);
  };
  return Object.assign(parseEnvelope, { yearState: scanner.yearState });
}

/**
 * An envelope parser that fills one scratch record in place instead of allocating a result:
 * the line parser's way in (it reads the message as a range of the line).
 *
 * @internal
 */
export interface EnvelopeScanner {
  /** Scans a line into `scratch`; returns why it is malformed, or `undefined`. Never throws. */
  scan(text: string): MalformedReason | undefined;
  /** The fields of the line scanned last. */
  readonly scratch: EnvelopeScratch;
  /** The year-inference state, for a checkpoint. */
  yearState(): YearState;
}

/**
 * Creates an {@link EnvelopeScanner}: what {@link createEnvelopeParser} does, without the
 * result objects.
 *
 * @internal
 */
export function createEnvelopeScanner(options: EnvelopeOptions = {}): EnvelopeScanner {
  const { year: fixedYear, timezone, referenceTime } = options;
  if (
    fixedYear !== undefined &&
    !(Number.isInteger(fixedYear) && fixedYear >= 1 && fixedYear <= 9999)
  ) {
    throw new RangeError(`year must be an integer in 1-9999, got ${String(fixedYear)}`);
  }
  if (timezone !== undefined && !isValidTimeZone(timezone)) {
    throw new RangeError(`timezone must be a valid IANA time zone name, got ${String(timezone)}`);
  }
  if (referenceTime !== undefined && !Number.isFinite(referenceTime)) {
    throw new RangeError(
      `referenceTime must be finite epoch milliseconds, got ${String(referenceTime)}`,
    );
  }

  const toEpoch: WallClockConverter =
    timezone === undefined ? utcEpoch : wallClockConverter(timezone);
  const zoned = timezone !== undefined;
  const basisYearless: TimeBasis =
    fixedYear !== undefined
      ? zoned
        ? BASIS.optionOption
        : BASIS.optionUtc
      : zoned
        ? BASIS.inferredOption
        : BASIS.inferredUtc;
  const basisZoneless: TimeBasis = zoned ? BASIS.lineOption : BASIS.lineUtc;

  const years = createYearTracker(() => {
    const reference = referenceTime ?? Date.now();
    const w = zoned ? zonedWallTime(reference, timezone) : zonedWallTime(reference, 'UTC');
    return [w.year, w.month, w.day, w.hour, w.minute, w.second];
  }, options.yearState);
  const header = createHeaderReader();
  const fields = timestampFields();
  const out = envelopeScratch();

  // The `Mmm dd HH:MM` part of the last cacheable RFC3164 line (a flat copy), its length and the epoch
  // of that minute: consecutive lines share their minute, so most lines only read seconds.
  let cachedMinuteText = '';
  let cachedLength = 0;
  let cachedMinute = 0;
  let cachedGeneration = -1;

  function sameMinute(text: string, start: number): boolean {
    if (cachedLength === 0 || cachedGeneration !== years.generation) return false;
    return sameTextAt(text, start, cachedMinuteText);
  }

  function rfc3164(text: string, start: number, withYear: boolean): MalformedReason | undefined {
    if (!withYear && sameMinute(text, start)) {
      const j = start + cachedLength;
      const second = twoDigitsAt(text, j + 1);
      if (
        text.charCodeAt(j) === 58 &&
        second >= 0 &&
        second <= 59 &&
        text.charCodeAt(j + 3) === 32
      ) {
        return header.read(text, j + 3, cachedMinute + second * 1000, basisYearless, out);
      }
    }
    let end = readRfc3164Timestamp(text, start, fields);
    if (end < 0) return end === BAD_TIMESTAMP ? 'bad_timestamp' : 'no_timestamp';
    const { month, day } = fields;
    let year: number;
    let basis = basisYearless;
    if (withYear) {
      // OpenWrt logread: `Www Mmm dd HH:MM:SS YYYY`
      year = text.charCodeAt(end) === 32 ? fourDigitsAt(text, end + 1) : -1;
      if (year <= 0) return 'bad_timestamp';
      end += 5;
      basis = basisZoneless;
      if (fixedYear === undefined) years.anchor(year, month);
    } else {
      year = fixedYear ?? years.yearFor(month, day, fields.hour, fields.minute, fields.second);
    }
    if (day > daysInMonth(year, month)) return 'bad_timestamp';
    if (text.charCodeAt(end) !== 32) {
      return end >= text.length ? 'bad_header' : 'bad_timestamp';
    }
    const { hour, minute, second, millisecond } = fields;
    const time = toEpoch(year, month, day, hour, minute, second, millisecond);
    if (
      !withYear &&
      millisecond === 0 &&
      second <= 59 &&
      (fixedYear !== undefined || year === years.current)
    ) {
      cachedLength = end - start - 3;
      cachedMinuteText = flatCopy(text.slice(start, start + cachedLength));
      cachedMinute = time - second * 1000;
      cachedGeneration = years.generation;
    }
    return header.read(text, end, time, basis, out);
  }

  /** Epoch of the ISO fields just read (with zone, or in the option zone / UTC). */
  function isoTime(): number {
    const f = fields;
    const local = f.offsetMinutes;
    if (Number.isNaN(local)) {
      return toEpoch(f.year, f.month, f.day, f.hour, f.minute, f.second, f.millisecond);
    }
    return (
      utcEpoch(f.year, f.month, f.day, f.hour, f.minute, f.second, f.millisecond) - local * 60_000
    );
  }

  // The `YYYY-MM-DDTHH:MM` of the last two ISO minutes seen (flat copies), their year, month
  // and UTC epoch (validated then): consecutive lines share their minute, and the lines of
  // hosts whose clocks straddle a minute boundary alternate between two, so most lines only
  // read the seconds, fraction and zone. Slot 0 is the most recent.
  const isoMinuteText = ['', ''];
  const isoYear = [0, 0];
  const isoMonth = [0, 0];
  const isoMinute = [Number.NaN, Number.NaN];
  // Output of readIso (avoids a tuple per line).
  let isoTimeValue = 0;

  /** The slot whose minute `text` has at `start`, or -1. */
  function isoMinuteSlot(text: string, start: number): number {
    if (Number.isNaN(isoMinute[0] as number)) return -1;
    const minute = text.slice(start, start + 16);
    if (minute === isoMinuteText[0]) return 0;
    return minute === isoMinuteText[1] && !Number.isNaN(isoMinute[1] as number) ? 1 : -1;
  }

  /** Reads an ISO timestamp at `start` (epoch into isoTimeValue); returns its end or a code. */
  function readIso(text: string, start: number): number {
    const slot = isoMinuteSlot(text, start);
    if (slot >= 0) {
      const end = readIsoSecondsAt(text, start + 16, fields);
      if (end < 0) return end;
      const offset = fields.offsetMinutes;
      if (!Number.isNaN(offset) || !zoned) {
        if (slot === 1) swapIsoSlots();
        fields.year = isoYear[0] as number;
        fields.month = isoMonth[0] as number;
        const local = Number.isNaN(offset) ? 0 : offset;
        isoTimeValue =
          (isoMinute[0] as number) + fields.second * 1000 + fields.millisecond - local * 60_000;
        return end;
      }
    }
    const end = readIsoTimestamp(text, start, fields);
    if (end < 0) return end;
    if (slot !== 0) {
      // A new minute (or the other slot's, read in full for its zone): it becomes slot 0.
      swapIsoSlots();
      isoMinuteText[0] =
        slot === 1 ? (isoMinuteText[0] as string) : flatCopy(text.slice(start, start + 16));
    }
    isoYear[0] = fields.year;
    isoMonth[0] = fields.month;
    isoMinute[0] = utcEpoch(
      fields.year,
      fields.month,
      fields.day,
      fields.hour,
      fields.minute,
      0,
      0,
    );
    isoTimeValue = isoTime();
    return end;
  }

  function swapIsoSlots(): void {
    const text = isoMinuteText[0] as string;
    isoMinuteText[0] = isoMinuteText[1] as string;
    isoMinuteText[1] = text;
    const year = isoYear[0] as number;
    isoYear[0] = isoYear[1] as number;
    isoYear[1] = year;
    const month = isoMonth[0] as number;
    isoMonth[0] = isoMonth[1] as number;
    isoMonth[1] = month;
    const minute = isoMinute[0] as number;
    isoMinute[0] = isoMinute[1] as number;
    isoMinute[1] = minute;
  }

  function iso(text: string, start: number): MalformedReason | undefined {
    const end = readIso(text, start);
    if (end < 0) return end === BAD_TIMESTAMP ? 'bad_timestamp' : 'no_timestamp';
    if (end >= text.length) return 'bad_header';
    if (text.charCodeAt(end) !== 32) return 'bad_timestamp';
    if (fixedYear === undefined) years.anchor(fields.year, fields.month);
    const basis = Number.isNaN(fields.offsetMinutes) ? basisZoneless : BASIS.lineLine;
    return header.read(text, end, isoTimeValue, basis, out);
  }

  function epochSeconds(text: string, start: number): MalformedReason | undefined {
    let i = start;
    let seconds = 0;
    for (let d = digitAt(text, i); d >= 0 && i - start < 12; d = digitAt(text, ++i)) {
      seconds = seconds * 10 + d;
    }
    const digits = i - start;
    if (digits < 9 || digits > 11) return 'no_timestamp';
    let ms = 0;
    if (text.charCodeAt(i) === 46) {
      let scale = 100;
      const fractionStart = ++i;
      for (let d = digitAt(text, i); d >= 0 && i - fractionStart < 9; d = digitAt(text, ++i)) {
        ms += d * scale;
        scale /= 10;
      }
      if (i === fractionStart) return 'bad_timestamp';
      ms = Math.floor(ms);
    }
    if (text.charCodeAt(i) !== 32) return i >= text.length ? 'bad_header' : 'no_timestamp';
    return header.read(text, i, seconds * 1000 + ms, BASIS.lineLine, out);
  }

  function dispatch(text: string, start: number): MalformedReason | undefined {
    const c = text.charCodeAt(start);
    if (c >= 65 && c <= 90) {
      const c4 = text.charCodeAt(start + 4);
      if (c4 >= 65 && c4 <= 90 && isWeekdayAt(text, start) && text.charCodeAt(start + 3) === 32) {
        return rfc3164(text, start + 4, true);
      }
      return rfc3164(text, start, false);
    }
    if (c >= 48 && c <= 57) {
      const c4 = text.charCodeAt(start + 4);
      return c4 === 45 || c4 === 47 ? iso(text, start) : epochSeconds(text, start);
    }
    return 'no_timestamp';
  }

  function rfc5424(text: string, start: number): MalformedReason | undefined {
    if (text.charCodeAt(start) === 45) return 'no_timestamp';
    const end = readIsoTimestamp(text, start, fields);
    if (end < 0) return end === BAD_TIMESTAMP ? 'bad_timestamp' : 'no_timestamp';
    if (text.charCodeAt(end) !== 32) {
      return end >= text.length ? 'bad_header' : 'bad_timestamp';
    }
    if (fixedYear === undefined) years.anchor(fields.year, fields.month);
    const basis = Number.isNaN(fields.offsetMinutes) ? basisZoneless : BASIS.lineLine;
    return readRfc5424Fields(text, end + 1, isoTime(), basis, out);
  }

  const scan = (text: string): MalformedReason | undefined => {
    const length = text.length;
    if (length === 0) return 'empty_line';
    const c = text.charCodeAt(0);
    if (c === 60) {
      // `<PRI>`: 1-3 digits.
      let i = 1;
      while (i <= 3 && digitAt(text, i) >= 0) i++;
      if (i === 1 || text.charCodeAt(i) !== 62) return 'bad_header';
      i++;
      if (text.charCodeAt(i) === 49 && text.charCodeAt(i + 1) === 32) return rfc5424(text, i + 2);
      return dispatch(text, i);
    }
    if (c === 32 || c === 9 || c === 13) {
      return text.trim().length === 0 ? 'empty_line' : 'no_timestamp';
    }
    return dispatch(text, 0);
  };
  return { scan, scratch: out, yearState: () => years.state() };
}
