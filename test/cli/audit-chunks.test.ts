import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';

// `parse` reads a named audit file in chunks and stdin line by line: the same text must give
// the same events and accounting either way, whatever its line ends.

const ROOT = path.resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(path.join(tmpdir(), 'sshtrail-cli-chunks-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function parse(args: readonly string[], input?: Buffer): { stdout: string; stderr: string } {
  const run = spawnSync(
    process.execPath,
    ['--import', 'tsx', 'src/cli/main.ts', 'parse', '--format', 'auditd', '--stats', ...args],
    { cwd: ROOT, encoding: 'utf8', input, timeout: 60_000 },
  );
  expect(run.status).toBe(0);
  return { stdout: run.stdout, stderr: run.stderr };
}

describe('sshtrail parse of an audit file (chunks) and of stdin (lines)', () => {
  const lines = readFileSync(path.join(ROOT, 'test/fixtures/lab/audit.log'), 'utf8')
    .split('\n')
    .filter((l) => l.length > 0);
  // LF, CRLF and CR CR LF ends, and a last line with none.
  const text = lines.map((l, i) => l + ['\n', '\r\n', '\r\r\n'][i % 3]).join('') + lines[0];

  it('gives the same JSONL and --stats for the file, its gzip and stdin', () => {
    const file = path.join(dir, 'audit.log');
    writeFileSync(file, text);
    writeFileSync(`${file}.gz`, gzipSync(text));
    const named = (out: string, name: string) => out.replaceAll(JSON.stringify(name), '"-"');
    const fromStdin = parse(['-'], Buffer.from(text));
    expect(fromStdin.stdout.split('\n').length).toBeGreaterThan(5);
    for (const f of [file, `${file}.gz`]) {
      const got = parse([f]);
      expect(named(got.stdout, f)).toBe(fromStdin.stdout);
      expect(named(got.stderr, f)).toBe(fromStdin.stderr);
    }
  });
});
