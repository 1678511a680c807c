import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readUtmpFile } from '../../src/node/read-utmp.js';
import { file, utmpRecord } from '../parsers/utmp/records.js';

describe('readUtmpFile', () => {
  it('reads a wtmp file from disk with the path as the source', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sshtrail-utmp-'));
    const wtmp = path.join(dir, 'wtmp');
    writeFileSync(
      wtmp,
      file(
        utmpRecord({
          type: 7,
          pid: 4242,
          line: 'pts/1',
          user: 'alice',
          host: '10.0.1.5',
          seconds: 1_710_407_523,
          address: [10, 0, 1, 5],
        }),
        utmpRecord({ type: 8, pid: 4242, line: 'pts/1', seconds: 1_710_408_500 }),
        new Uint8Array(10),
      ),
    );
    const r = await readUtmpFile(wtmp, { kind: 'wtmp', host: 'bastion' });
    expect(r.events.map((e) => [e.recordType, e.user, e.address, e.source.source, e.host])).toEqual(
      [
        ['user_process', 'alice', '10.0.1.5', wtmp, 'bastion'],
        ['dead_process', undefined, undefined, wtmp, 'bastion'],
      ],
    );
    expect(r.issues.map((i) => i.code)).toEqual(['partial_record']);
  });

  it('rejects on I/O errors', async () => {
    await expect(readUtmpFile('/nonexistent/sshtrail/wtmp', { kind: 'wtmp' })).rejects.toThrow(
      /ENOENT/,
    );
  });
});
