import { chmodSync, chownSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { HOSTS, LAB_PREFIX, MALLORY_PASSWORD, USERS } from './config.js';
import { run } from './exec.js';
import { hostDir } from './hosts.js';
import { type LabState, saveState } from './state.js';

/** A lab account's ids. */
export interface Account {
  readonly name: string;
  readonly uid: number;
  readonly gid: number;
}

/** The keys a run generated: fingerprints are what sshd logs on `Accepted publickey`. */
export interface LabKeys {
  /** alice's key (only on the workstation, loaded in her agent). */
  readonly alice: string;
  /** bob's workstation key. */
  readonly bobWs: string;
  /** bob's own key on the bastion (used for his ControlMaster to db1). */
  readonly bobBastion: string;
  /** root's key on the outside machine. */
  readonly rootExt: string;
}

/** Creates alice, bob and mallory (marked with the lab prefix in GECOS, no home on the machine). */
export async function createUsers(state: LabState): Promise<ReadonlyMap<string, Account>> {
  const accounts = new Map<string, Account>();
  for (const name of USERS) {
    await run('useradd', [
      '-M',
      '-U',
      '-d',
      `/home/${name}`,
      '-s',
      '/bin/bash',
      '-c',
      LAB_PREFIX,
      name,
    ]);
    state.users.push(name);
    saveState(state);
    const id = await run('id', ['-u', name]);
    const gid = await run('id', ['-g', name]);
    accounts.set(name, { name, uid: Number(id.stdout.trim()), gid: Number(gid.stdout.trim()) });
  }
  await run('chpasswd', [], { input: `mallory:${MALLORY_PASSWORD}\n` });
  return accounts;
}

function account(accounts: ReadonlyMap<string, Account>, name: string): Account {
  if (name === 'root') return { name, uid: 0, gid: 0 };
  const a = accounts.get(name);
  if (a === undefined) throw new Error(`no lab account ${name}`);
  return a;
}

/** The ssh client config every lab user gets: host aliases, no host-key prompts. */
function clientConfig(): string {
  const aliases = HOSTS.filter((h) => h.role === 'server').flatMap((h) => [
    `Host ${h.name}`,
    `  HostName ${h.ip}`,
  ]);
  return [
    ...aliases,
    'Host *',
    '  StrictHostKeyChecking no',
    '  UserKnownHostsFile /dev/null',
    '  LogLevel ERROR',
    '',
  ].join('\n');
}

function homeOf(labDir: string, host: string, user: string): string {
  return join(hostDir(labDir, host), user === 'root' ? 'root' : `home/${user}`);
}

/** Makes `~/.ssh` of a user on a host, with the client config, owned by the user. */
function sshDir(labDir: string, host: string, who: Account): string {
  const home = homeOf(labDir, host, who.name);
  const dir = join(home, '.ssh');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'config'), clientConfig());
  for (const p of [home, dir, join(dir, 'config')]) chownSync(p, who.uid, who.gid);
  chmodSync(home, 0o750);
  chmodSync(dir, 0o700);
  chmodSync(join(dir, 'config'), 0o600);
  return dir;
}

async function keygen(dir: string, who: Account, comment: string): Promise<string> {
  const file = join(dir, 'id_ed25519');
  await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', comment, '-f', file]);
  chownSync(file, who.uid, who.gid);
  chownSync(`${file}.pub`, who.uid, who.gid);
  const fp = await run('ssh-keygen', ['-l', '-E', 'sha256', '-f', `${file}.pub`]);
  const fingerprint = fp.stdout.split(' ')[1];
  if (fingerprint === undefined) throw new Error(`no fingerprint for ${file}`);
  return fingerprint;
}

function authorize(labDir: string, host: string, who: Account, pubKeys: readonly string[]): void {
  const dir = sshDir(labDir, host, who);
  const file = join(dir, 'authorized_keys');
  writeFileSync(file, pubKeys.join(''));
  chownSync(file, who.uid, who.gid);
  chmodSync(file, 0o600);
}

/**
 * Gives every user a home on every host, generates the keys and authorizes them:
 * alice's workstation key on all servers; bob's workstation key on bastion and app1 and his
 * bastion key on db1; root's outside key on the bastion. mallory only has a password.
 */
export async function provisionHomes(
  labDir: string,
  accounts: ReadonlyMap<string, Account>,
): Promise<LabKeys> {
  const alice = account(accounts, 'alice');
  const bob = account(accounts, 'bob');
  const mallory = account(accounts, 'mallory');
  const root = account(accounts, 'root');
  for (const h of HOSTS) for (const who of [alice, bob, mallory, root]) sshDir(labDir, h.name, who);
  const aliceFp = await keygen(sshDir(labDir, 'ws', alice), alice, 'alice@ws');
  const bobWsFp = await keygen(sshDir(labDir, 'ws', bob), bob, 'bob@ws');
  const bobBastionFp = await keygen(sshDir(labDir, 'bastion', bob), bob, 'bob@bastion');
  const rootFp = await keygen(sshDir(labDir, 'ext', root), root, 'root@ext');
  const pub = (host: string, who: Account): string =>
    readFileSync(join(homeOf(labDir, host, who.name), '.ssh', 'id_ed25519.pub'), 'utf8');
  for (const host of ['bastion', 'app1', 'db1']) authorize(labDir, host, alice, [pub('ws', alice)]);
  authorize(labDir, 'bastion', bob, [pub('ws', bob)]);
  authorize(labDir, 'app1', bob, [pub('ws', bob)]);
  authorize(labDir, 'db1', bob, [pub('bastion', bob)]);
  authorize(labDir, 'bastion', root, [pub('ext', root)]);
  const sudoers = join(hostDir(labDir, 'bastion'), 'sudoers.d', 'lab');
  writeFileSync(sudoers, 'alice ALL=(ALL) NOPASSWD: ALL\n');
  chmodSync(sudoers, 0o440);
  return { alice: aliceFp, bobWs: bobWsFp, bobBastion: bobBastionFp, rootExt: rootFp };
}
