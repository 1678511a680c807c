import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { EndpointEvent } from '../../../src/events/endpoint.js';
import type { SshtrailEvent } from '../../../src/events/index.js';
import { createOsqueryParser } from '../../../src/parsers/osquery/index.js';
import { fixtureLines, run } from '../sysmon/helpers.js';

const lines = fixtureLines('osquery/bastion-results.log');

function eventsOf(text: readonly string[]): (SshtrailEvent | EndpointEvent)[] {
  return run(createOsqueryParser({ source: 'results.log' }), text).flatMap((o) =>
    o.kind === 'event' ? [o.event] : [],
  );
}

function line(n: number): string {
  const text = lines[n - 1];
  if (text === undefined) throw new Error(`fixture has no line ${n}`);
  return text;
}

describe('createOsqueryParser over a results log (agent hijack on a bastion)', () => {
  it('counts every line once, however many rows it held', () => {
    const parser = createOsqueryParser({ source: 'results.log' });
    const out = run(parser, lines);
    expect(out.filter((o) => o.kind === 'event')).toHaveLength(19);
    expect(parser.stats()).toEqual({
      source: 'results.log',
      lines: 18,
      events: 13,
      ignored: 3,
      unrecognized: 0,
      malformed: 2,
      reasons: { no_mapped_rows: 1, unmapped_osquery_table: 1, empty_result: 1, bad_json: 2 },
    });
  });

  it('maps a process_envs row with string numerics to env.snapshot naming the agent socket', () => {
    const [e] = eventsOf([line(1)]);
    expect(e).toEqual({
      kind: 'env.snapshot',
      time: 1710408060000,
      timeBasis: { year: 'line', zone: 'line' },
      host: 'bastion',
      program: 'osqueryd',
      pid: 5120,
      repeat: 1,
      source: { source: 'results.log', line: 1, text: line(1) },
      origin: 'osquery',
      query: 'pack_ssh-hijack_process_envs_ssh_auth_sock',
      action: 'added',
      variables: [{ key: 'SSH_AUTH_SOCK', value: '/tmp/ssh-AbCdEf1234/agent.4242' }],
      sshAuthSock: '/tmp/ssh-AbCdEf1234/agent.4242',
    });
  });

  it('gives one event per snapshot row, all citing the same line', () => {
    const es = eventsOf([line(2)]);
    expect(es.map((e) => [e.kind, e.pid, e.kind === 'env.snapshot' ? e.sshAuthSock : ''])).toEqual([
      ['env.snapshot', 4250, '/tmp/ssh-AbCdEf1234/agent.4242'],
      ['env.snapshot', 5120, '/tmp/ssh-AbCdEf1234/agent.4242'],
      ['env.snapshot', 3911, '/run/user/1001/keyring/ssh'],
    ]);
    expect(es.every((e) => e.source.line === 1 && e.time === 1710408120000)).toBe(true);
    expect(es.every((e) => e.kind === 'env.snapshot' && e.action === 'snapshot')).toBe(true);
  });

  it('maps an AF_UNIX socket_events connect to socket.connect with the socket path and auid', () => {
    const [e] = eventsOf([line(3)]);
    expect(e).toMatchObject({
      kind: 'socket.connect',
      family: 'unix',
      path: '/tmp/ssh-AbCdEf1234/agent.4242',
      address: undefined,
      port: undefined,
      pid: 5120,
      auid: 1001,
      exe: '/usr/bin/ssh',
      syscall: 'connect',
      success: true,
      initiated: true,
      serial: 88231,
      time: 1710408041000,
    });
  });

  it('maps an inet socket_events connect, an in-progress connect counting as success', () => {
    const [e] = eventsOf([line(4)]);
    expect(e).toMatchObject({
      kind: 'socket.connect',
      family: 'inet',
      path: undefined,
      address: '10.0.2.20',
      port: 22,
      protocol: '6',
      success: true,
    });
  });

  it('maps a process_events execve (logger_numerics) to process.exec and its env to env.snapshot', () => {
    const [exec, env] = eventsOf([line(5)]);
    expect(exec).toMatchObject({
      kind: 'process.exec',
      pid: 5120,
      ppid: 5011,
      uid: 0,
      euid: 0,
      auid: 1001,
      exe: '/usr/bin/ssh',
      cwd: '/root',
      argv: ['ssh', '-o', 'StrictHostKeyChecking=no', 'alice@db1'],
      argvTruncated: false,
      serial: 88230,
      endpoint: {
        origin: 'osquery',
        query: 'process_events',
        commandLine: 'ssh -o StrictHostKeyChecking=no alice@db1',
      },
    });
    expect(env).toMatchObject({
      kind: 'env.snapshot',
      pid: 5120,
      sshAuthSock: '/tmp/ssh-AbCdEf1234/agent.4242',
    });
    expect(env?.kind === 'env.snapshot' ? env.variables.map((v) => v.key) : []).toEqual([
      'SHELL',
      'SUDO_USER',
      'SSH_AUTH_SOCK',
      'PWD',
      'HOME',
    ]);
  });

  it('ignores fork rows of process_events', () => {
    const [o] = createOsqueryParser({ source: 'r' }).push(line(6));
    expect(o).toMatchObject({ kind: 'ignored', reason: 'no_mapped_rows' });
  });

  it('maps logged_in_users and last rows to login.record', () => {
    const users = eventsOf([line(7)]);
    expect(
      users.map((e) => (e.kind === 'login.record' ? [e.recordType, e.user, e.tty, e.address] : [])),
    ).toEqual([
      ['user_process', 'alice', 'pts/1', '10.0.1.5'],
      ['user_process', 'mallory', 'pts/2', '198.51.100.23'],
      ['login_process', 'LOGIN', 'tty1', undefined],
    ]);
    expect(users[1]).toMatchObject({
      origin: 'osquery_logged_in_users',
      pid: 5010,
      time: 1710407990000,
      typeCode: 7,
    });
    const [login, logout] = eventsOf([line(8), line(9)]);
    expect(login).toMatchObject({
      origin: 'osquery_last',
      recordType: 'user_process',
      user: 'mallory',
      pid: 5010,
    });
    expect(logout).toMatchObject({
      recordType: 'dead_process',
      typeCode: 8,
      tty: 'pts/1',
      user: undefined,
    });
  });

  it('maps authorized_keys and user_ssh_keys rows to ssh.key_inventory', () => {
    const [authorized, own] = eventsOf([line(10), line(11)]);
    expect(authorized).toMatchObject({
      kind: 'ssh.key_inventory',
      table: 'authorized_keys',
      action: 'added',
      uid: 1000,
      path: '/home/alice/.ssh/authorized_keys',
      keyType: 'ssh-ed25519',
      options: 'from="198.51.100.23",no-pty',
      comment: 'backup@host',
    });
    expect(own).toMatchObject({
      table: 'user_ssh_keys',
      uid: 0,
      path: '/root/.ssh/id_ed25519',
      encrypted: false,
      keyLength: 256,
    });
  });

  it('maps ssh_configs rows to ssh.config with the option split into name and value', () => {
    const [added, removed] = eventsOf([line(12), line(13)]);
    expect(added).toMatchObject({
      kind: 'ssh.config',
      action: 'added',
      name: 'controlpath',
      value: '/tmp/.x/%r@%h:%p',
      block: 'host *',
      file: '/home/alice/.ssh/config',
      uid: 1000,
    });
    expect(removed).toMatchObject({ action: 'removed', value: '~/.ssh/cm-%r@%h:%p' });
  });

  it('finds the table of a neutrally named batch query by its columns', () => {
    const es = eventsOf([line(15)]);
    expect(
      es.map((e) => (e.kind === 'env.snapshot' ? [e.action, e.pid, e.sshAuthSock] : [])),
    ).toEqual([
      ['added', 6001, '/home/alice/.ssh/agent/s.Xk2fQ9.sshd.Wm3nPq8rT1'],
      ['removed', 5120, '/tmp/ssh-AbCdEf1234/agent.4242'],
    ]);
  });

  it('continues identically after snapshot and restore at any line', () => {
    const whole = run(createOsqueryParser({ source: 'r' }), lines);
    for (let k = 0; k <= lines.length; k++) {
      const first = createOsqueryParser({ source: 'r' });
      const head = lines.slice(0, k).flatMap((l) => first.push(l));
      const state = JSON.parse(JSON.stringify(first.snapshot()));
      const second = createOsqueryParser({ source: 'r', state });
      expect([...head, ...run(second, lines.slice(k))]).toEqual(whole);
      expect(second.stats()).toEqual(createOsqueryParserStats(lines));
    }
  });
});

function createOsqueryParserStats(text: readonly string[]) {
  const p = createOsqueryParser({ source: 'r' });
  run(p, text);
  return p.stats();
}

describe('createOsqueryParser edge cases', () => {
  it('reads calendarTime when unixTime is absent, and decorations hostname', () => {
    const [o] = createOsqueryParser({ source: 'r' }).push(
      '{"name":"last","calendarTime":"Mon Jan  8 14:51:55 2018 UTC","decorations":{"hostname":"web7"},"columns":{"username":"bob","tty":"pts/0","pid":"77","type":"7","host":"203.0.113.9"},"action":"added"}',
    );
    expect(o).toMatchObject({
      kind: 'event',
      event: {
        kind: 'login.record',
        host: 'web7',
        time: Date.UTC(2018, 0, 8, 14, 51, 55),
        address: '203.0.113.9',
      },
    });
  });

  it('marks argv truncated when cmdline_size exceeds the logged command line', () => {
    const [o] = createOsqueryParser({ source: 'r' }).push(
      '{"name":"process_events","unixTime":"1","columns":{"pid":"1","cmdline":"ssh -i","cmdline_size":"4096","auid":"4294967295","syscall":"execve"},"action":"added"}',
    );
    expect(o).toMatchObject({ kind: 'event', event: { argvTruncated: true, auid: undefined } });
  });

  it('reports non-result JSON as unrecognized and non-JSON as malformed', () => {
    const p = createOsqueryParser({ source: 'r', maxLineLength: 50 });
    expect(p.push('{"hostIdentifier":"h","severity":0}')[0]).toMatchObject({
      kind: 'unrecognized',
      reason: 'not_osquery_result',
    });
    expect(p.push('[1,2]')[0]).toMatchObject({ kind: 'malformed', reason: 'bad_json' });
    expect(p.push('   ')[0]).toMatchObject({ kind: 'malformed', reason: 'empty_line' });
    expect(p.push(`{"snapshot":[${'{},'.repeat(30)}{}]}`)[0]).toMatchObject({
      kind: 'malformed',
      reason: 'line_too_long',
    });
  });

  it('never throws and counts each line once on arbitrary JSON and text', () => {
    const row = fc.dictionary(
      fc.constantFrom(
        'pid',
        'key',
        'value',
        'family',
        'action',
        'socket',
        'cmdline',
        'auid',
        'type',
        'user',
        'tty',
        'username',
        'option',
        'ssh_config_file',
        'key_file',
        'key_type',
        'path',
        'time',
        'env',
      ),
      fc.oneof(fc.string(), fc.integer(), fc.constant(null), fc.boolean(), fc.double()),
    );
    const result = fc.record(
      {
        name: fc.oneof(fc.string(), fc.constantFrom('process_envs', 'socket_events', 'last', 'x')),
        unixTime: fc.oneof(fc.string(), fc.integer(), fc.double()),
        columns: row,
        snapshot: fc.oneof(fc.array(row), row),
        diffResults: fc.record(
          { added: fc.array(row), removed: fc.anything() },
          { requiredKeys: [] },
        ),
        action: fc.string(),
      },
      { requiredKeys: [] },
    );
    const text = fc.oneof(
      result.map((r) => JSON.stringify(r)),
      fc.string(),
      fc.json(),
    );
    fc.assert(
      fc.property(fc.array(text, { maxLength: 8 }), (ls) => {
        const p = createOsqueryParser({ source: 'r' });
        run(p, ls);
        expect(p.stats().lines).toBe(ls.length);
      }),
    );
  });
});
