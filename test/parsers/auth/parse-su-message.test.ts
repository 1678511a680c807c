import { describe, expect, it } from 'vitest';
import { parseSuMessage } from '../../../src/parsers/auth/parse-su-message.js';
import { context } from '../../helpers/context.js';

const ctx = context({ program: 'su', pid: 234 });

describe('parseSuMessage', () => {
  it('reads a util-linux success with every base field', () => {
    expect(parseSuMessage('(to root) alice on pts/0', ctx)).toStrictEqual({
      kind: 'priv.su',
      time: ctx.time,
      timeBasis: ctx.timeBasis,
      host: ctx.host,
      program: 'su',
      pid: 234,
      repeat: 1,
      source: ctx.source,
      outcome: 'success',
      user: 'alice',
      target: 'root',
      tty: 'pts/0',
    });
  });

  it.each([
    ['FAILED SU (to root) alice on pts/0', 'failure', 'alice', 'root', 'pts/0'],
    ['(to postgres) bob on none', 'success', 'bob', 'postgres', undefined],
    ['Successful su for root by alice', 'success', 'alice', 'root', undefined],
    ['FAILED su for root by alice', 'failure', 'alice', 'root', undefined],
    ['+ pts/0 alice:root', 'success', 'alice', 'root', 'pts/0'],
    ['- pts/0 alice:root', 'failure', 'alice', 'root', 'pts/0'],
    ['+ ??? alice:root', 'success', 'alice', 'root', undefined],
    // wazuh su.ini
    ['BAD SU ger to fwmaster on /dev/ttyp0', 'failure', 'ger', 'fwmaster', 'ttyp0'],
    ['dcid to root on /dev/ttyp1', 'success', 'dcid', 'root', 'ttyp1'],
    ['failed: ttyq4 changing from ldap to root', 'failure', 'ldap', 'root', 'ttyq4'],
  ])('reads %s', (message, outcome, user, target, tty) => {
    const r = parseSuMessage(message, ctx);
    expect(r.kind === 'priv.su' ? [r.outcome, r.user, r.target, r.tty] : r).toStrictEqual([
      outcome,
      user,
      target,
      tty,
    ]);
  });

  it('hands pam_ messages to the PAM parser', () => {
    const r = parseSuMessage(
      'pam_unix(su:session): session opened for user root(uid=0) by alice(uid=1000)',
      ctx,
    );
    expect(r.kind === 'pam.session' ? [r.service, r.byUser] : r).toStrictEqual(['su', 'alice']);
  });

  it.each(['FAILED SU', '(to root)', 'Successful su for root', 'x', 'alice to root'])(
    'returns unrecognized for %s',
    (message) => {
      expect(parseSuMessage(message, ctx)).toStrictEqual({
        kind: 'unrecognized',
        reason: 'unknown_su_message',
      });
    },
  );
});
