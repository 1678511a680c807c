import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createReorderBuffer } from '../../src/analyzer/reorder-buffer.js';
import type { SshtrailEvent } from '../../src/events/index.js';
import { createLineParser } from '../../src/parsers/line-parser.js';

const LINE =
  '2024-03-01T00:00:17.339228+00:00 bastion-01 sshd-session[1878]: Accepted publickey for backup from 10.20.5.9 port 54983 ssh2: RSA SHA256:F0zSmb53ya1x+0XoNi9er4xKHycHrf47qZPx1+/1NaW';

function template(): SshtrailEvent {
  const out = createLineParser({ source: 'auth.log' }).parse(LINE);
  if (out.kind !== 'event') throw new Error('fixture line did not parse');
  return out.event;
}

const BASE = template();
const at = (time: number, line: number): SshtrailEvent => ({
  ...BASE,
  time,
  source: { ...BASE.source, line },
});

/** The specification, naively: hold everything, release by (time, arrival) below the watermark. */
function reference(times: readonly number[], skew: number, capacity: number): number[] {
  const out: number[] = [];
  let held: { time: number; line: number }[] = [];
  let newest = Number.MIN_SAFE_INTEGER;
  let released = Number.MIN_SAFE_INTEGER;
  const take = (): void => {
    const first = held[0];
    if (first === undefined) return;
    held = held.slice(1);
    if (first.time > released) released = first.time;
    out.push(first.line);
  };
  times.forEach((time, line) => {
    if (time < released) {
      out.push(line);
      return;
    }
    held.push({ time, line });
    held.sort((a, b) => a.time - b.time || a.line - b.line);
    newest = Math.max(newest, time);
    while (held.length > 0 && (held[0]?.time ?? 0) <= newest - skew) take();
    while (held.length > capacity) take();
  });
  while (held.length > 0) take();
  return out;
}

function run(times: readonly number[], skew: number, capacity: number, cut: number): number[] {
  const out: number[] = [];
  const release = (e: SshtrailEvent): void => {
    out.push(e.source.line);
  };
  let buffer = createReorderBuffer(skew, capacity);
  times.forEach((time, line) => {
    if (line === cut) {
      // Continue from a JSON snapshot, as restoreAnalyzer does.
      buffer = createReorderBuffer(skew, capacity, JSON.parse(JSON.stringify(buffer.state())));
    }
    buffer.push(at(time, line), release);
  });
  buffer.drain(release);
  return out;
}

describe('createReorderBuffer', () => {
  it('releases in (time, arrival) order within the window, late events at once, like the naive model', () => {
    const times = fc.array(
      fc.oneof(
        { weight: 4, arbitrary: fc.integer({ min: 0, max: 50 }) },
        { weight: 1, arbitrary: fc.integer({ min: -5000, max: 0 }) },
      ),
      { maxLength: 200 },
    );
    fc.assert(
      fc.property(
        times.map((steps) => {
          let t = 1_700_000_000_000;
          return steps.map((d) => {
            t += d;
            return t;
          });
        }),
        fc.integer({ min: 0, max: 3000 }),
        fc.integer({ min: 1, max: 40 }),
        fc.nat(220),
        (ts, skew, capacity, cut) => {
          expect(run(ts, skew, capacity, cut)).toEqual(reference(ts, skew, capacity));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('holds hundreds of events (its in-order ring grows and wraps) like the naive model', () => {
    const steps = fc.array(
      fc.oneof(
        { weight: 8, arbitrary: fc.integer({ min: 0, max: 4 }) },
        { weight: 1, arbitrary: fc.integer({ min: -300, max: 0 }) },
      ),
      { minLength: 100, maxLength: 700 },
    );
    fc.assert(
      fc.property(
        steps.map((ds) => {
          let t = 1_700_000_000_000;
          return ds.map((d) => {
            t += d;
            return t;
          });
        }),
        fc.integer({ min: 0, max: 2000 }),
        fc.integer({ min: 1, max: 500 }),
        fc.nat(720),
        (ts, skew, capacity, cut) => {
          expect(run(ts, skew, capacity, cut)).toEqual(reference(ts, skew, capacity));
        },
      ),
      { numRuns: 100 },
    );
  });

  it('puts events out of order by about the queue insertion bound (32 events) where the naive model does', () => {
    // Dense streams where an event falls back past 0 to 60 held events: both sides of the
    // bound between inserting into the queue and heaping, with the queue wrapping and growing.
    const back = fc.array(
      fc.oneof(
        { weight: 6, arbitrary: fc.constant(0) },
        { weight: 2, arbitrary: fc.integer({ min: 1, max: 60 }) },
      ),
      { minLength: 50, maxLength: 600 },
    );
    fc.assert(
      fc.property(
        back.map((falls) => {
          const times: number[] = [];
          let t = 1_700_000_000_000;
          for (const fall of falls) {
            t += 1;
            // Falling back by `fall` events' worth of time, ties included.
            times.push(fall === 0 ? t : t - fall);
          }
          return times;
        }),
        fc.integer({ min: 0, max: 120 }),
        fc.integer({ min: 1, max: 300 }),
        fc.nat(620),
        (ts, skew, capacity, cut) => {
          expect(run(ts, skew, capacity, cut)).toEqual(reference(ts, skew, capacity));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('counts late and overflowed events', () => {
    const buffer = createReorderBuffer(1000, 2);
    const out: number[] = [];
    const release = (e: SshtrailEvent): void => {
      out.push(e.source.line);
    };
    buffer.push(at(10_000, 1), release);
    buffer.push(at(10_500, 2), release);
    buffer.push(at(10_600, 3), release); // over capacity: line 1 leaves early
    buffer.push(at(12_000, 4), release); // watermark 11 000: lines 2 and 3 leave
    buffer.push(at(10_550, 5), release); // older than the released 10 600: late
    buffer.drain(release);
    expect(out).toEqual([1, 2, 3, 5, 4]);
    expect(buffer.overflowed).toBe(1);
    expect(buffer.late).toBe(1);
  });
});
