import { describe, expect, it } from 'vitest';
import { tableFromColumns, tableFromName } from '../../../src/parsers/osquery/table.js';

describe('tableFromName', () => {
  it.each([
    ['pack_incident-response_logged_in_users', 'logged_in_users'],
    ['pack_incident-response_last', 'last'],
    ['last', 'last'],
    ['Process_Events', 'process_events'],
    ['pack_ssh_process_envs_ssh_auth_sock', 'process_envs'],
    ['pack_ssh_authorized_keys', 'authorized_keys'],
    ['user_ssh_keys_all_users', 'user_ssh_keys'],
    ['ssh_configs', 'ssh_configs'],
    ['socket_events_unix', 'socket_events'],
    ['lastlog_report', undefined],
    ['blast_radius', undefined],
    ['osquery_info', undefined],
    [undefined, undefined],
  ])('%s names %s', (name, table) => {
    expect(tableFromName(name)).toBe(table);
  });
});

describe('tableFromColumns', () => {
  it.each([
    [
      {
        uid: '1000',
        block: 'host *',
        option: 'controlmaster auto',
        ssh_config_file: '/home/a/.ssh/config',
      },
      'ssh_configs',
    ],
    [
      { uid: '0', algorithm: 'ssh-rsa', key: 'AAAA', key_file: '/root/.ssh/authorized_keys' },
      'authorized_keys',
    ],
    [{ uid: '0', path: '/root/.ssh/id_rsa', key_type: 'ssh-rsa', encrypted: '0' }, 'user_ssh_keys'],
    [{ action: 'connect', family: '1', socket: '/tmp/ssh-x/agent.1', pid: '9' }, 'socket_events'],
    [{ pid: '9', cmdline: 'ssh db1', auid: '1000', path: '/usr/bin/ssh' }, 'process_events'],
    [{ pid: '9', key: 'SSH_AUTH_SOCK', value: '/tmp/ssh-x/agent.1' }, 'process_envs'],
    [{ username: 'bob', tty: 'pts/0', type: '7', pid: '1' }, 'last'],
    [{ user: 'bob', tty: 'pts/0', type: 'user', host: '' }, 'logged_in_users'],
    [{ pid: '1', name: 'bash', cmdline: 'bash' }, undefined],
  ])('%j comes from %s', (row, table) => {
    expect(tableFromColumns(row)).toBe(table);
  });
});
