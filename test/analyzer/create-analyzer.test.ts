import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createAnalyzer, restoreAnalyzer } from '../../src/analyzer/create-analyzer.js';
import type { SshSession } from '../../src/model/index.js';
import { cutText } from '../arbitraries/cut-text.js';

const SAMPLE = readFileSync(new URL('../../examples/data/auth.log', import.meta.url), 'utf8');
const LINES = SAMPLE.split('\n').filter((l) => l.length > 0);
const INPUT = { source: 'auth.log' };

/** Every session the analyzer reported, latest version per id, as JSON. */
function collect(analyzer: ReturnType<typeof createAnalyzer>): () => string[] {
  const latest = new Map<string, SshSession>();
  const keep = (s: SshSession): void => {
    latest.set(s.id, s);
  };
  analyzer.on('session:open', keep);
  analyzer.on('session:update', keep);
  analyzer.on('session:close', keep);
  return () => [...latest.values()].map((s) => JSON.stringify(s)).sort();
}

describe('createAnalyzer', () => {
  it('reconstructs the sample session and emits typed events in time order', () => {
    const analyzer = createAnalyzer();
    const times: number[] = [];
    analyzer.on('event', (e) => times.push(e.time));
    const closed: SshSession[] = [];
    analyzer.on('session:close', (s) => closed.push(s));
    for (const line of LINES) analyzer.pushLine(line, INPUT);
    analyzer.flush();
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(closed).toHaveLength(1);
    expect(closed[0]).toMatchObject({
      user: 'alice',
      host: 'bastion',
      sourceIp: '198.51.100.23',
      authMethod: 'publickey',
      logindSessionId: '31',
      tty: 'pts/0',
    });
    expect(closed[0]?.privilegeChanges.map((p) => p.command)).toEqual([
      '/usr/bin/systemctl restart nginx',
    ]);
  });

  it('reports lines that are not events through the line event', () => {
    const analyzer = createAnalyzer();
    const misses: string[] = [];
    analyzer.on('line', (m) => misses.push(m.reason));
    for (const line of LINES) analyzer.pushLine(line, INPUT);
    expect(misses).toEqual(['irrelevant_service', 'irrelevant_service']);
    expect(analyzer.stats()[0]).toMatchObject({ lines: LINES.length, ignored: 2 });
  });

  it('gives the same sessions however the text is chunked', () => {
    const whole = createAnalyzer();
    const expected = collect(whole);
    whole.write(SAMPLE, INPUT);
    whole.end(INPUT);
    whole.flush();
    fc.assert(
      fc.property(fc.array(fc.nat(), { maxLength: 30 }), (cuts) => {
        const analyzer = createAnalyzer();
        const got = collect(analyzer);
        for (const piece of cutText(SAMPLE, cuts)) analyzer.write(piece, INPUT);
        analyzer.end(INPUT);
        analyzer.flush();
        expect(got()).toEqual(expected());
      }),
      { numRuns: 50 },
    );
  });

  it('continues from a JSON snapshot taken anywhere, mid-line included', () => {
    const whole = createAnalyzer();
    const expected = collect(whole);
    whole.write(SAMPLE, INPUT);
    whole.end(INPUT);
    whole.flush();
    fc.assert(
      fc.property(fc.integer({ min: 0, max: SAMPLE.length }), (cut) => {
        const first = createAnalyzer();
        const seen = new Map<string, string>();
        const track = (a: ReturnType<typeof createAnalyzer>): void => {
          for (const name of ['session:open', 'session:update', 'session:close'] as const) {
            a.on(name, (s) => seen.set(s.id, JSON.stringify(s)));
          }
        };
        track(first);
        first.write(SAMPLE.slice(0, cut), INPUT);
        const saved = JSON.parse(JSON.stringify(first.snapshot()));
        const second = restoreAnalyzer(saved);
        track(second);
        second.write(SAMPLE.slice(cut), INPUT);
        second.end(INPUT);
        second.flush();
        expect([...seen.values()].sort()).toEqual(expected());
        expect(second.stats()).toEqual(whole.stats());
      }),
      { numRuns: 40 },
    );
  });

  it('refuses what is not an analyzer snapshot, naming the analyzer', () => {
    const tracker = createAnalyzer().snapshot().sessions;
    for (const bad of [{}, null, { format: 'sshtrail.analyzer', version: 2 }, tracker]) {
      expect(() => restoreAnalyzer(bad as never)).toThrow(
        'not a version 1 analyzer snapshot (from Analyzer.snapshot())',
      );
    }
  });

  it('merges two sources that are slightly out of order within the skew window', () => {
    const analyzer = createAnalyzer({ skewMs: 5000 });
    const order: number[] = [];
    analyzer.on('event', (e) => order.push(e.time));
    analyzer.pushLine('2024-03-04T09:00:03Z web1 sshd[1]: Server listening on 0.0.0.0 port 22.', {
      source: 'a',
    });
    analyzer.pushLine('2024-03-04T09:00:01Z web2 sshd[1]: Server listening on 0.0.0.0 port 22.', {
      source: 'b',
    });
    analyzer.flush();
    expect(order).toEqual([Date.UTC(2024, 2, 4, 9, 0, 1), Date.UTC(2024, 2, 4, 9, 0, 3)]);
  });

  it('processes events later than the skew window and says so in a diagnostic', () => {
    const analyzer = createAnalyzer({ skewMs: 0 });
    const diagnostics: string[] = [];
    analyzer.on('diagnostic', (d) => diagnostics.push(d.code));
    let events = 0;
    analyzer.on('event', () => events++);
    analyzer.pushLine(
      '2024-03-04T10:00:00Z h sshd[1]: Server listening on 0.0.0.0 port 22.',
      INPUT,
    );
    analyzer.pushLine(
      '2024-03-04T09:00:00Z h sshd[1]: Server listening on 0.0.0.0 port 22.',
      INPUT,
    );
    analyzer.flush();
    expect(events).toBe(2);
    expect(diagnostics).toContain('late_events');
  });

  it('accepts async iterables of lines and events brought by the caller', async () => {
    const analyzer = createAnalyzer();
    const opened: string[] = [];
    analyzer.on('session:open', (s) => opened.push(s.user ?? ''));
    async function* lines(): AsyncIterable<string> {
      yield* LINES;
    }
    await analyzer.consume(lines(), INPUT);
    analyzer.flush();
    expect(opened).toEqual(['alice']);
    expect(analyzer.sessions.recentSessions('alice')).toHaveLength(1);
  });

  it('gives the same sessions and stats from line batches of any size as from lines', async () => {
    const byLine = createAnalyzer({ year: 2024, timezone: 'UTC' });
    const expected = collect(byLine);
    await byLine.consume(LINES, INPUT);
    byLine.flush();
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat(LINES.length), { maxLength: 8 }), async (cuts) => {
        const batched = createAnalyzer({ year: 2024, timezone: 'UTC' });
        const actual = collect(batched);
        const points = [...new Set([0, ...cuts, LINES.length])].sort((a, b) => a - b);
        async function* batches(): AsyncIterable<readonly string[]> {
          for (let i = 1; i < points.length; i++) {
            yield LINES.slice(points[i - 1], points[i]);
          }
        }
        await batched.consumeBatches(batches(), INPUT);
        batched.flush();
        expect(actual()).toEqual(expected());
        expect(batched.stats()).toEqual(byLine.stats());
      }),
      { numRuns: 25 },
    );
    expect(expected().length).toBeGreaterThan(0);
  });

  it('supports on, once and off like an EventEmitter', () => {
    const analyzer = createAnalyzer();
    let count = 0;
    const listener = (): void => {
      count++;
    };
    analyzer.once('event', listener);
    analyzer.pushLine(LINES[0] ?? '', INPUT);
    analyzer.pushLine(LINES[3] ?? '', INPUT);
    analyzer.flush();
    expect(count).toBe(1);
    analyzer.on('event', listener);
    analyzer.off('event', listener);
    expect(analyzer.listenerCount('event')).toBe(0);
  });

  it('rejects invalid options as a programmer error', () => {
    expect(() => createAnalyzer({ skewMs: -1 })).toThrow(RangeError);
    expect(() => createAnalyzer({ timezone: 'Mars/Olympus' })).toThrow(RangeError);
  });
});
