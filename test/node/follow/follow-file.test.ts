import {
  appendFileSync,
  mkdtempSync,
  renameSync,
  rmSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type FollowNotice, followLines } from '../../../src/node/follow/follow-file.js';

const LINE = (n: number): string =>
  `Mar  4 09:0${n}:11 bastion sshd[22${n}0]: Connection closed by 198.51.100.${n} port 5151${n}`;

/** One scripted step: acts on the file when its condition holds, and says whether it did. */
type Step = (lines: string[]) => boolean;

/** Collects lines from a follow while running the steps in order, then aborts; fails after 10 s. */
async function collect(
  file: string,
  steps: readonly Step[],
  notices: FollowNotice[],
  options: { fromEnd?: boolean } = {},
): Promise<string[]> {
  const stop = new AbortController();
  const lines: string[] = [];
  let step = 0;
  const advance = (): void => {
    while (step < steps.length && steps[step]?.(lines) === true) step++;
    if (step >= steps.length) stop.abort();
  };
  const timer = setTimeout(() => stop.abort(), 10_000);
  // The first step runs once the follower is waiting at the end of the file.
  setTimeout(advance, 100);
  for await (const batch of followLines(file, {
    signal: stop.signal,
    pollMs: 20,
    onNotice: (n) => notices.push(n),
    ...options,
  })) {
    lines.push(...batch);
    advance();
  }
  clearTimeout(timer);
  return lines;
}

describe('followLines', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'sshtrail-follow-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads what is there, then new lines, across a rename-and-create rotation', async () => {
    const file = path.join(dir, 'auth.log');
    writeFileSync(file, `${LINE(1)}\n`);
    const notices: FollowNotice[] = [];
    const lines = await collect(
      file,
      [
        (l) => {
          if (l.length < 1) return false;
          appendFileSync(file, `${LINE(2)}\n${LINE(3).slice(0, 20)}`);
          return true;
        },
        (l) => {
          if (l.length < 2) return false;
          // logrotate: the old file gets the end of its last line, is renamed, a new one appears.
          appendFileSync(file, `${LINE(3).slice(20)}\n`);
          renameSync(file, `${file}.1`);
          writeFileSync(file, `${LINE(4)}\n`);
          return true;
        },
        (l) => l.length >= 4,
      ],
      notices,
    );
    expect(lines).toEqual([LINE(1), LINE(2), LINE(3), LINE(4)]);
    expect(notices.map((n) => n.kind)).toEqual(['opened', 'rotated', 'opened']);
  });

  it('starts over when the file is truncated (copytruncate)', async () => {
    const file = path.join(dir, 'secure');
    writeFileSync(file, `${LINE(1)}\n${LINE(2)}\n`);
    const notices: FollowNotice[] = [];
    const lines = await collect(
      file,
      [
        (l) => {
          if (l.length < 2) return false;
          truncateSync(file, 0);
          return true;
        },
        () => {
          if (!notices.some((n) => n.kind === 'truncated')) return false;
          appendFileSync(file, `${LINE(5)}\n`);
          return true;
        },
        (l) => l.length >= 3,
      ],
      notices,
    );
    expect(lines).toEqual([LINE(1), LINE(2), LINE(5)]);
    expect(notices.map((n) => n.kind)).toEqual(['opened', 'truncated']);
  });

  it('waits for a file that does not exist yet, and can start at the end', async () => {
    const file = path.join(dir, 'later.log');
    const notices: FollowNotice[] = [];
    const lines = await collect(
      file,
      [
        () => {
          writeFileSync(file, `${LINE(6)}\n`);
          return true;
        },
        (l) => l.length >= 1,
      ],
      notices,
    );
    expect(lines).toEqual([LINE(6)]);
    expect(notices.map((n) => n.kind)).toEqual(['missing', 'opened']);

    const notices2: FollowNotice[] = [];
    const tail = await collect(
      file,
      [
        () => {
          appendFileSync(file, `${LINE(7)}\n`);
          return true;
        },
        (l) => l.length >= 1,
      ],
      notices2,
      { fromEnd: true },
    );
    expect(tail).toEqual([LINE(7)]);
  });

  it('stops on abort and emits the last unterminated line', async () => {
    const file = path.join(dir, 'partial.log');
    writeFileSync(file, `${LINE(1)}\n${LINE(2)}`);
    const stop = new AbortController();
    const lines: string[] = [];
    setTimeout(() => stop.abort(), 200);
    for await (const batch of followLines(file, { signal: stop.signal, pollMs: 20 }))
      lines.push(...batch);
    expect(lines).toEqual([LINE(1), LINE(2)]);
  });
});
