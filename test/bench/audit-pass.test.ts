import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeAuditLog } from '../../bench/generate/write-audit-file.js';
import type { CreateAuditAssembler } from '../../bench/measure/api.js';
import { auditPass, lineUnits } from '../../bench/measure/audit.js';
import { readLineBatches } from '../../src/node/read-lines.js';
import { readTextChunks } from '../../src/node/read-text-chunks.js';
import { createAuditAssembler } from '../../src/parsers/auditd/index.js';

describe('auditPass', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sshtrail-bench-pass-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const create: CreateAuditAssembler = createAuditAssembler;

  it('gives the same lines, checksum, results and stats pushed by chunk or by line', async () => {
    const path = join(dir, 'audit.log');
    writeAuditLog(path, { seed: 3, lines: 30_000 });
    // Lines the generator never writes: CRLF, empty, non-ASCII, a comment, no final newline.
    appendFileSync(path, 'type=EOE msg=audit(1.000:9):\r\n\n# é\r\ntype=USER_LOGIN msg=audit(');
    const byLine = await auditPass(create, readLineBatches, path);
    const byChunk = await auditPass(create, readLineBatches, path, readTextChunks);
    expect(byLine.lines).toBe(30_004);
    expect(byChunk).toEqual(byLine);
  });

  it('counts a chunk’s line units without terminators', () => {
    expect(lineUnits('ab\r\nc\n', 2)).toBe(3);
    expect(lineUnits('a\r\r\n\r', 2)).toBe(2);
    expect(lineUnits('\n', 1)).toBe(0);
  });
});
