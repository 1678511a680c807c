import { readFileSync } from 'node:fs';
import type { LineOutcome } from '../../../src/parsers/outcome.js';
import type { SourceParser } from '../../../src/parsers/source-parser.js';

/** Reads a fixture under test/fixtures as lines (without the final empty line). */
export function fixtureLines(rel: string): string[] {
  const text = readFileSync(new URL(`../../fixtures/${rel}`, import.meta.url), 'utf8');
  return text.split('\n').slice(0, -1);
}

/** Pushes every line and returns all outcomes, flush included. */
export function run(parser: SourceParser, lines: readonly string[]): LineOutcome[] {
  const out: LineOutcome[] = [];
  for (const line of lines) out.push(...parser.push(line));
  out.push(...parser.flush());
  return out;
}
