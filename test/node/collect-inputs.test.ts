import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  collectInputs,
  compareRotated,
  describeFsError,
  groupRotated,
} from '../../src/node/collect-inputs.js';

describe('compareRotated', () => {
  it('orders numbered rotation oldest first, gzip or not', () => {
    const files = ['auth.log', 'auth.log.10.gz', 'auth.log.2.gz', 'auth.log.1', 'auth.log.3.gz'];
    expect([...files].sort(compareRotated)).toEqual([
      'auth.log.10.gz',
      'auth.log.3.gz',
      'auth.log.2.gz',
      'auth.log.1',
      'auth.log',
    ]);
  });

  it('orders dated rotation (secure-YYYYMMDD) oldest first, the live file last', () => {
    const files = ['secure', 'secure-20240310.gz', 'secure-20240225', 'secure-20240303'];
    expect([...files].sort(compareRotated)).toEqual([
      'secure-20240225',
      'secure-20240303',
      'secure-20240310.gz',
      'secure',
    ]);
  });
});

describe('groupRotated', () => {
  it('groups auth.log, messages and syslog sets separately, each oldest first', () => {
    const sets = groupRotated([
      '/var/log/auth.log',
      '/var/log/auth.log.1',
      '/var/log/messages-20240303',
      '/var/log/messages',
      '/var/log/syslog.2.gz',
      '/var/log/syslog',
      '/var/log/syslog.1',
      '/other/auth.log',
    ]);
    expect(sets).toEqual([
      ['/var/log/auth.log.1', '/var/log/auth.log'],
      ['/var/log/messages-20240303', '/var/log/messages'],
      ['/var/log/syslog.2.gz', '/var/log/syslog.1', '/var/log/syslog'],
      ['/other/auth.log'],
    ]);
  });

  it('does not take a version-like name for a rotation', () => {
    expect(groupRotated(['app-1.2.log', 'x.log-2024'])).toEqual([['app-1.2.log'], ['x.log-2024']]);
  });
});

describe('collectInputs', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'sshtrail-collect-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  for (const f of [
    'auth.log',
    'auth.log.1',
    'auth.log.2.gz',
    '.hidden',
    'web1/secure',
    'web1/secure-20240301',
  ]) {
    mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
    writeFileSync(path.join(dir, f), '');
  }

  it('walks directories recursively, skips hidden entries, keeps rotated order and stdin', async () => {
    const files = await collectInputs([dir, '-']);
    expect(files.at(-1)).toBe('-');
    expect(files.slice(0, -1).map((f) => path.relative(dir, f))).toEqual([
      'auth.log.2.gz',
      'auth.log.1',
      'auth.log',
      path.join('web1', 'secure-20240301'),
      path.join('web1', 'secure'),
    ]);
  });

  it('fails with one line naming the path', async () => {
    await expect(collectInputs([path.join(dir, 'nope')])).rejects.toThrow(
      `cannot read ${path.join(dir, 'nope')}: no such file or directory`,
    );
  });
});

describe('describeFsError', () => {
  it.each([
    ['ENOENT', 'no such file or directory'],
    ['EACCES', 'permission denied'],
    ['EISDIR', 'is a directory'],
  ])('describes %s', (code, text) => {
    expect(describeFsError(Object.assign(new Error('x\ny'), { code }))).toBe(text);
  });
});
