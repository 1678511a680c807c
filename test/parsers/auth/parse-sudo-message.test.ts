import { describe, expect, it } from 'vitest';
import type { SudoEvent } from '../../../src/events/auth.js';
import { parseSudoMessage } from '../../../src/parsers/auth/parse-sudo-message.js';
import type { MessageResult } from '../../../src/parsers/outcome.js';
import { context } from '../../helpers/context.js';

const ctx = context({ program: 'sudo', pid: undefined });

function sudo(result: MessageResult): SudoEvent {
  if (result.kind !== 'priv.sudo')
    throw new Error(`expected priv.sudo, got ${JSON.stringify(result)}`);
  return result;
}

describe('parseSudoMessage', () => {
  it('reads an allowed command with every field (elastic test-auth.log:5)', () => {
    expect(
      parseSudoMessage(
        'vagrant : TTY=pts/0 ; PWD=/home/vagrant ; USER=root ; COMMAND=/bin/ls',
        ctx,
      ),
    ).toStrictEqual({
      kind: 'priv.sudo',
      time: ctx.time,
      timeBasis: ctx.timeBasis,
      host: ctx.host,
      program: 'sudo',
      pid: undefined,
      repeat: 1,
      source: ctx.source,
      user: 'vagrant',
      outcome: 'allowed',
      attempts: undefined,
      error: undefined,
      tty: 'pts/0',
      cwd: '/home/vagrant',
      runAs: 'root',
      runAsGroup: undefined,
      command: '/bin/ls',
    });
  });

  it('removes the left padding of the user (wazuh sudo.ini, `sudo:     dcid :`)', () => {
    const r = sudo(
      parseSudoMessage(
        '    dcid : TTY=pts/4 ; PWD=/home/dcid ; USER=root ; COMMAND=/usr/bin/tail /var/log/snort/alert.fast',
        ctx,
      ),
    );
    expect([r.user, r.tty, r.command]).toStrictEqual([
      'dcid',
      'pts/4',
      '/usr/bin/tail /var/log/snort/alert.fast',
    ]);
  });

  it('skips TSID and keeps the command (wazuh sudo.ini, rheltest)', () => {
    const r = sudo(
      parseSudoMessage(
        'cplummer : TTY=pts/2 ; PWD=/home/cplummer1 ; USER=root ; TSID=0000UM ; COMMAND=/bin/bash',
        ctx,
      ),
    );
    expect([r.user, r.runAs, r.command]).toStrictEqual(['cplummer', 'root', '/bin/bash']);
  });

  it('reads the no-tty form (elastic test-sudo-no-tty.log:1)', () => {
    const r = sudo(
      parseSudoMessage('alice : PWD=/home/alice ; USER=root ; COMMAND=/usr/bin/id', ctx),
    );
    expect([r.user, r.tty, r.cwd, r.runAs, r.command]).toStrictEqual([
      'alice',
      undefined,
      '/home/alice',
      'root',
      '/usr/bin/id',
    ]);
  });

  it('reads GROUP= and ENV=, and keeps ` ; ` and ` : ` inside COMMAND', () => {
    const r = sudo(
      parseSudoMessage(
        'alice : TTY=pts/0 ; PWD=/home/alice ; USER=root ; GROUP=wheel ; ENV=LANG=C ; COMMAND=/bin/sh -c echo a ; echo b : c',
        ctx,
      ),
    );
    expect([r.runAsGroup, r.command]).toStrictEqual(['wheel', '/bin/sh -c echo a ; echo b : c']);
  });

  it('reads `user NOT in sudoers` (elastic test-auth.log:8)', () => {
    const r = sudo(
      parseSudoMessage(
        '     tsg : user NOT in sudoers ; TTY=pts/1 ; PWD=/home/vagrant ; USER=root ; COMMAND=/bin/ls',
        ctx,
      ),
    );
    expect([r.user, r.outcome, r.error, r.command]).toStrictEqual([
      'tsg',
      'not_in_sudoers',
      'user NOT in sudoers',
      '/bin/ls',
    ]);
  });

  it.each([
    [
      '    mike : 1 incorrect password attempt ; TTY=pts/0 ; PWD=/root ; USER=root ; COMMAND=/bin/ls',
      1,
    ],
    [
      '    mike : 3 incorrect password attempts ; TTY=pts/0 ; PWD=/root ; USER=root ; COMMAND=/bin/ls',
      3,
    ],
  ])('reads wrong passwords (wazuh sudo.ini): %s', (message, attempts) => {
    const r = sudo(parseSudoMessage(message, ctx));
    expect([r.user, r.outcome, r.attempts, r.tty]).toStrictEqual([
      'mike',
      'bad_password',
      attempts,
      'pts/0',
    ]);
  });

  it.each([
    [
      'alice : command not allowed ; TTY=pts/0 ; PWD=/ ; USER=root ; COMMAND=/bin/sh',
      'not_allowed',
    ],
    [
      'alice : user NOT authorized on host ; TTY=pts/0 ; PWD=/ ; USER=root ; COMMAND=/bin/sh',
      'not_allowed',
    ],
    ['alice : a password is required ; TTY=pts/0 ; PWD=/ ; USER=root ; COMMAND=/bin/sh', 'error'],
  ])('maps the error of %s', (message, outcome) => {
    const r = sudo(parseSudoMessage(message, ctx));
    expect([r.outcome, r.runAs, r.command]).toStrictEqual([outcome, 'root', '/bin/sh']);
  });

  it('keeps a directory name containing ` ; ` in cwd', () => {
    const r = sudo(
      parseSudoMessage('alice : TTY=pts/0 ; PWD=/tmp/a ; b ; USER=root ; COMMAND=/bin/id', ctx),
    );
    expect([r.cwd, r.runAs, r.command]).toStrictEqual(['/tmp/a ; b', 'root', '/bin/id']);
  });

  it('splits the user on the first ` : ` only', () => {
    const r = sudo(
      parseSudoMessage('alice : TTY=pts/0 ; PWD=/ ; USER=root ; COMMAND=/bin/echo bob : x', ctx),
    );
    expect([r.user, r.command]).toStrictEqual(['alice', '/bin/echo bob : x']);
  });

  it('ignores `problem with defaults entries`', () => {
    expect(
      parseSudoMessage('    root : problem with defaults entries ; TTY=unknown ; PWD=/ ;', ctx),
    ).toStrictEqual({ kind: 'ignored', reason: 'sudo_config_problem' });
  });

  it('ignores diagnostics without `user : `', () => {
    expect(
      parseSudoMessage('unable to resolve host server01: Name or service not known', ctx),
    ).toStrictEqual({ kind: 'ignored', reason: 'sudo_diagnostic' });
  });

  it('returns unrecognized for `user : text` without fields', () => {
    expect(parseSudoMessage('alice : something else', ctx)).toStrictEqual({
      kind: 'unrecognized',
      reason: 'unknown_sudo_message',
    });
  });

  it('hands pam_ messages to the PAM parser (elastic test-auth.log:12)', () => {
    const r = parseSudoMessage(
      'pam_unix(sudo:auth): authentication failure; logname=bob uid=1117 euid=0 tty=/dev/pts/1 ruser=alice rhost= user=root',
      ctx,
    );
    expect(r.kind).toBe('pam.auth');
  });
});
