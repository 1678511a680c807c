/**
 * The analyzer itself emits `clock_offset` on its `diagnostic` event (the pipeline's check,
 * forwarded by createAnalyzer), once per host, for lines pushed through pushLine.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/analyzer/diagnostic.js';
import { createAnalyzer } from '../../src/index.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const DIR = 'test/fixtures/clock-offset/localtime/jump01';

function run(timezone?: string): Diagnostic[] {
  const analyzer = createAnalyzer({ year: 2026, ...(timezone === undefined ? {} : { timezone }) });
  const found: Diagnostic[] = [];
  analyzer.on('diagnostic', (d) => found.push(d));
  // The audit.log first: its records are an hour older than the shifted auth.log's lines.
  for (const [file, format] of [
    ['audit.log', 'auditd'],
    ['auth.log', 'syslog'],
  ] as const) {
    const input = { source: `${DIR}/${file}`, host: 'jump01', format };
    analyzer.write(readFileSync(path.join(ROOT, DIR, file), 'utf8'), input);
    analyzer.end(input);
  }
  analyzer.flush();
  return found.filter((d) => d.code === 'clock_offset');
}

describe('createAnalyzer: clock_offset', () => {
  it('emits one clock_offset for a Berlin-time auth.log read as UTC', () => {
    expect(run()).toMatchObject([{ code: 'clock_offset', host: 'jump01', offsetMinutes: 60 }]);
  });

  it('is quiet with the right timezone', () => {
    expect(run('Europe/Berlin')).toEqual([]);
  });
});
