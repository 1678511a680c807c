import { describe, expect, it } from 'vitest';
import { parseLogindMessage } from '../../../src/parsers/auth/parse-logind-message.js';
import { context } from '../../helpers/context.js';

const ctx = context({ program: 'systemd-logind', pid: 612 });

describe('parseLogindMessage', () => {
  it('reads `New session N of user U.` with every base field', () => {
    expect(parseLogindMessage('New session 12 of user alice.', ctx)).toStrictEqual({
      kind: 'logind.session',
      time: ctx.time,
      timeBasis: ctx.timeBasis,
      host: ctx.host,
      program: 'systemd-logind',
      pid: 612,
      repeat: 1,
      source: ctx.source,
      action: 'new',
      sessionId: '12',
      user: 'alice',
      leaderPid: undefined,
    });
  });

  it.each([
    ['New session c1 of user bob.', 'new', 'c1', 'bob'],
    ["New session '7' of user 'carol' with class 'user' and type 'tty'.", 'new', '7', 'carol'],
    ['Session 12 logged out. Waiting for processes to exit.', 'logged_out', '12', undefined],
    ['Removed session 12.', 'removed', '12', undefined],
    ['Removed session c1.', 'removed', 'c1', undefined],
  ])('reads %s', (message, action, sessionId, user) => {
    const r = parseLogindMessage(message, ctx);
    expect(r.kind === 'logind.session' ? [r.action, r.sessionId, r.user] : r).toStrictEqual([
      action,
      sessionId,
      user,
    ]);
  });

  it.each([
    'Watching system buttons on /dev/input/event0 (Power Button)',
    'New seat seat0.',
    'Power key pressed short.',
    'System is powering down.',
  ])('ignores %s', (message) => {
    expect(parseLogindMessage(message, ctx)).toStrictEqual({
      kind: 'ignored',
      reason: 'logind_other',
    });
  });

  it.each(['New session of user alice.', 'New session 1 2 of user alice.', 'Removed session .'])(
    'returns unrecognized for the malformed session line %s',
    (message) => {
      expect(parseLogindMessage(message, ctx)).toStrictEqual({
        kind: 'unrecognized',
        reason: 'unknown_logind_session_message',
      });
    },
  );
});
