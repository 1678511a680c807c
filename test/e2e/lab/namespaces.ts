import { HOSTS, netnsName, SWITCH_NETNS } from './config.js';
import { run } from './exec.js';
import { type LabState, saveState } from './state.js';

/**
 * Builds the lab network: one namespace per host and a switch namespace holding a bridge, each
 * host joined to it by a veth pair created directly inside the namespaces. Nothing is added to
 * the machine's own network namespace, and the lab addresses exist only inside the lab.
 */
export async function createNetwork(state: LabState): Promise<void> {
  await addNetns(state, SWITCH_NETNS);
  await ipIn(SWITCH_NETNS, ['link', 'add', 'br0', 'type', 'bridge']);
  await ipIn(SWITCH_NETNS, ['link', 'set', 'br0', 'up']);
  await ipIn(SWITCH_NETNS, ['link', 'set', 'lo', 'up']);
  for (const [i, host] of HOSTS.entries()) {
    const ns = netnsName(host.name);
    await addNetns(state, ns);
    const port = `p${i}`;
    await ipIn(SWITCH_NETNS, [
      'link',
      'add',
      port,
      'type',
      'veth',
      'peer',
      'name',
      'eth0',
      'netns',
      ns,
    ]);
    await ipIn(SWITCH_NETNS, ['link', 'set', port, 'master', 'br0']);
    await ipIn(SWITCH_NETNS, ['link', 'set', port, 'up']);
    await ipIn(ns, ['link', 'set', 'lo', 'up']);
    await ipIn(ns, ['addr', 'add', `${host.ip}/24`, 'dev', 'eth0']);
    await ipIn(ns, ['link', 'set', 'eth0', 'up']);
  }
}

async function addNetns(state: LabState, name: string): Promise<void> {
  await run('ip', ['netns', 'add', name]);
  state.netns.push(name);
  saveState(state);
}

function ipIn(ns: string, args: readonly string[]): Promise<unknown> {
  return run('ip', ['-n', ns, ...args]);
}
