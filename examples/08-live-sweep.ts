// Sweep this host for SSH agent hijacking: who uses whose agent and ControlMaster sockets.
// Run: sudo npx tsx examples/08-live-sweep.ts   (without root it still runs, with partial results)
import { sweepHost } from 'sshtrail/node';

if (process.platform !== 'linux') {
  console.log(`The sweep reads /proc, so it runs on Linux only (this is ${process.platform}).`);
} else {
  const { findings, inventory } = await sweepHost();
  const who = inventory.root ? 'as root' : 'not as root: only your own processes are visible';
  console.log(`${inventory.host}: ${inventory.processes} processes looked at (${who})`);

  for (const socket of inventory.agentSockets) {
    const owner = socket.owner ?? (socket.ownerUid === undefined ? '?' : `uid ${socket.ownerUid}`);
    const users = socket.usedBy.map((p) => `${p.name}[${p.pid}]`).join(', ') || 'nobody';
    console.log(`  ${socket.kind} ${socket.path} (owner ${owner}), used by ${users}`);
  }
  for (const sshd of inventory.sshdProcesses) {
    console.log(
      `  ${sshd.program}[${sshd.pid}] ${sshd.user}${sshd.tty ? `@${sshd.tty}` : ` (${sshd.role})`}`,
    );
  }
  for (const login of inventory.logins ?? []) {
    console.log(
      `  logged in: ${login.user ?? '?'} on ${login.tty ?? '?'} from ${login.remoteHost || 'local'}`,
    );
  }
  for (const finding of findings) {
    console.log(`[${finding.severity}] ${finding.detector}: ${finding.explanation}`);
    for (const e of finding.evidence) console.log(`    ${e.source}:${e.line} ${e.text}`);
  }
  for (const note of inventory.notes) console.log(`note: ${note}`);
  console.log(`${findings.length} finding(s)`);
}
