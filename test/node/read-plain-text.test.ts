import { createReadStream, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { plainTextPieces } from '../../src/node/read-plain-text.js';

const KIB64 = 1 << 16;
const MIB = 1 << 20;

async function collect(pieces: AsyncIterable<string>): Promise<string[]> {
  const all: string[] = [];
  for await (const p of pieces) all.push(p);
  return all;
}

/** What the readers read before: a stream of 64 KiB reads decoded as `utf8`. */
function streamPieces(path: string): AsyncIterable<string> {
  return createReadStream(path, {
    highWaterMark: KIB64,
    encoding: 'utf8',
  }) as AsyncIterable<string>;
}

// Bytes that a window or read boundary may split: multi-byte characters, and invalid UTF-8
// (lone continuation bytes, truncated sequences, overlongs, surrogates, bytes never valid).
const tricky = fc.constantFrom(
  [0xc3, 0xa9],
  [0xe2, 0x82, 0xac],
  [0xf0, 0x9f, 0x98, 0x80],
  [0x80],
  [0xc3],
  [0xe2, 0x82],
  [0xf0, 0x9f, 0x98],
  [0xc0, 0xaf],
  [0xed, 0xa0, 0x80],
  [0xff],
  [0x0a],
  [0x0d, 0x0a],
);

/** A file of `size` ASCII bytes with tricky bytes written at the given offsets. */
const fileArb = fc
  .tuple(
    fc.constantFrom(0, 1, KIB64 - 1, KIB64, KIB64 + 1, MIB - 2, MIB, MIB + 3, 2 * MIB + KIB64 + 5),
    fc.array(fc.tuple(fc.integer({ min: -4, max: 4 }), fc.nat(40), tricky), { maxLength: 12 }),
  )
  .map(([size, marks]) => {
    const bytes = Buffer.alloc(size, 0x61);
    for (const [shift, boundary, seq] of marks) {
      // Near a 64 KiB boundary (every read boundary is one too), or anywhere when small.
      const at = boundary * KIB64 + shift;
      for (let i = 0; i < seq.length; i++) {
        const p = at + i;
        if (p >= 0 && p < size) bytes[p] = seq[i] as number;
      }
    }
    return bytes;
  });

describe('plainTextPieces', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sshtrail-plain-'));

  it('decodes exactly what a stream of 64 KiB utf8 reads decodes, piece for piece', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fileArb, async (bytes) => {
        const path = join(dir, `f${n++}.log`);
        writeFileSync(path, bytes);
        const pieces = await collect(plainTextPieces(path));
        expect(pieces).toEqual((await collect(streamPieces(path))).filter((p) => p.length > 0));
        expect(pieces.join('')).toBe(bytes.toString('utf8'));
        // A window's units, and a few the decoder held back from the one before.
        for (const p of pieces) expect(p.length).toBeLessThanOrEqual(KIB64 + 3);
      }),
      { numRuns: 40 },
    );
  });

  it('rejects a missing file as the stream did (ENOENT)', async () => {
    await expect(collect(plainTextPieces(join(dir, 'missing.log')))).rejects.toMatchObject({
      code: 'ENOENT',
    });
  });

  it('can be left early (the file is closed, nothing more is read)', async () => {
    const path = join(dir, 'big.log');
    writeFileSync(path, Buffer.alloc(3 * MIB, 0x62));
    let seen = 0;
    for await (const p of plainTextPieces(path)) {
      seen += p.length;
      break;
    }
    expect(seen).toBe(KIB64);
  });
});
