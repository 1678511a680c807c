import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { SessionChange } from '../../src/model/index.js';
import { openSessionTracker } from '../../src/model/session-tracker.js';
import { parseLines } from './parse-lines.js';

// Muting `update` changes leaves every other change, the views and the snapshot as they were.
const dir = new URL('../fixtures/detectors/', import.meta.url).pathname;
const logs = readdirSync(dir).filter((f) => f.endsWith('.log'));

function run(muted: boolean, file: string) {
  const events = parseLines(readFileSync(`${dir}${file}`, 'utf8').split('\n'), file);
  // A short grace window and history, so closed-session updates and evictions happen.
  const { tracker, muteUpdates } = openSessionTracker({ closeGraceMs: 5_000, historyPerUser: 2 });
  muteUpdates(muted);
  const changes: SessionChange[] = [];
  for (const event of events) changes.push(...tracker.push(event));
  const views = {
    open: tracker.openSessions(),
    recent: ['alice', 'bob', 'root', 'deploy'].map((u) => tracker.recentSessions(u)),
    evictions: tracker.evictions(),
    size: tracker.size(),
  };
  changes.push(...tracker.flush());
  return { changes, views, snapshot: tracker.snapshot() };
}

describe('openSessionTracker with muted updates', () => {
  it.each(logs)('%s: the same changes but updates, views and snapshot', (file) => {
    const loud = run(false, file);
    const quiet = run(true, file);
    const pushed = loud.changes.length - loud.changes.filter((c) => c.kind === 'update').length;
    expect(quiet.changes.filter((c) => c.kind !== 'update')).toEqual(
      loud.changes.filter((c) => c.kind !== 'update'),
    );
    // Only the final flush reports updates (open sessions at the end of input).
    expect(quiet.changes.length).toBeLessThanOrEqual(loud.changes.length);
    expect(quiet.changes.length).toBeGreaterThanOrEqual(pushed);
    expect(quiet.views).toEqual(loud.views);
    expect(quiet.snapshot).toEqual(loud.snapshot);
  });
});
