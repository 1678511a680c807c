import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeAuditLog } from '../../bench/generate/write-audit-file.js';
import type { SshtrailEvent } from '../../src/events/index.js';
import { planInputs } from '../../src/node/plan-inputs.js';
import { readPlan } from '../../src/node/read-plan.js';
import type { SourceStats } from '../../src/parsers/source-stats.js';

// A rotated audit set, cut anywhere, must read as the whole log does: the same events (but for
// which file each evidence line cites) and every line counted once.

let dir: string;
let lines: string[];
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'sshtrail-rotation-'));
  writeAuditLog(join(dir, 'gen.log'), { seed: 11, lines: 3_000 });
  lines = readFileSync(join(dir, 'gen.log'), 'utf8').split('\n');
  lines.pop();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function read(
  set: string,
): Promise<{ events: SshtrailEvent[]; stats: SourceStats[]; files: number }> {
  const { plans } = await planInputs([set]);
  const events: SshtrailEvent[] = [];
  const stats: SourceStats[] = [];
  for (const plan of plans) {
    const reader = readPlan(plan);
    for await (const batch of reader.batches) events.push(...batch);
    stats.push(...reader.stats);
  }
  return { events, stats, files: plans.reduce((n, p) => n + p.files.length, 0) };
}

/** An event as read, without which file and line each evidence line came from. */
function content(e: SshtrailEvent): string {
  const evidence = 'evidence' in e ? e.evidence.map((p) => p.text) : undefined;
  return JSON.stringify({ ...e, source: e.source.text, evidence });
}

function total(stats: readonly SourceStats[], key: 'lines' | 'events' | 'ignored'): number {
  return stats.reduce((n, s) => n + s[key], 0);
}

describe('readPlan over a rotated audit set', () => {
  it('reads any cut of a log as the whole log', async () => {
    const wholeDir = join(dir, 'whole');
    mkdirSync(wholeDir);
    writeFileSync(join(wholeDir, 'audit.log'), `${lines.join('\n')}\n`);
    const whole = await read(wholeDir);
    expect(whole.events.length).toBeGreaterThan(300);
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.integer({ min: 1, max: lines.length - 1 }), {
          minLength: 1,
          maxLength: 3,
        }),
        async (cuts) => {
          const set = join(dir, `set${run++}`);
          mkdirSync(set);
          const bounds = [0, ...cuts.sort((a, b) => a - b), lines.length];
          const count = bounds.length - 1;
          for (let i = 0; i < count; i++) {
            // Oldest first: audit.log.N ... audit.log.1, then audit.log.
            const name = i === count - 1 ? 'audit.log' : `audit.log.${count - 1 - i}`;
            const part = lines.slice(bounds[i], bounds[i + 1]);
            writeFileSync(join(set, name), `${part.join('\n')}\n`);
          }
          const got = await read(set);
          expect(got.files).toBe(count);
          expect(got.events.map(content)).toEqual(whole.events.map(content));
          for (const key of ['lines', 'events', 'ignored'] as const) {
            expect(total(got.stats, key)).toBe(total(whole.stats, key));
          }
        },
      ),
      { numRuns: 12 },
    );
  });
});
