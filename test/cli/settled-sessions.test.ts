import { describe, expect, it } from 'vitest';
import { createSettledSessions } from '../../src/cli/settled-sessions.js';
import type { SshSession } from '../../src/index.js';
import { sessionOf } from '../model/join/session-builder.js';

const T = Date.UTC(2024, 5, 1, 12);

function session(id: string, state: 'open' | 'closed', evidence: number): SshSession {
  const base = sessionOf({
    id,
    host: 'web1',
    startTime: T,
    endTime: state === 'closed' ? T + 1 : undefined,
  });
  return {
    ...base,
    state,
    evidence: Array.from({ length: evidence }, (_, i) => ({
      source: 'auth.log',
      line: i + 1,
      text: `l${i}`,
    })),
  };
}

describe('createSettledSessions', () => {
  it('holds a closed session through its grace window and gives its last form once', () => {
    const settled = createSettledSessions(60_000);
    settled.update(session('a', 'open', 2));
    settled.close(session('a', 'closed', 3), T);
    settled.update(session('a', 'closed', 4)); // a late pam close
    expect(settled.settle(T + 60_000)).toEqual([]);
    expect(settled.settle(T + 60_001).map((s) => s.evidence.length)).toEqual([4]);
    // Written: a line later still cannot bring it back.
    settled.update(session('a', 'closed', 5));
    expect(settled.rest()).toEqual([]);
  });

  it('settles in close order and leaves open sessions to the end', () => {
    const settled = createSettledSessions(10);
    settled.update(session('open', 'open', 1));
    settled.close(session('b', 'closed', 1), T);
    settled.close(session('c', 'closed', 1), T + 5);
    expect(settled.settle(T + 12).map((s) => s.id)).toEqual(['b']);
    expect(settled.rest().map((s) => s.id)).toEqual(['c', 'open']);
  });
});
