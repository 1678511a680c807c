// Parse single auth.log lines into typed events.
// Run: npx tsx examples/01-parse-line.ts
import { createLineParser } from 'sshtrail';

const parser = createLineParser({ source: 'example', year: 2024, timezone: 'UTC' });

const lines = [
  'Mar  4 09:02:11 bastion sshd[2210]: Accepted publickey for alice from 198.51.100.23 port 51514 ssh2: ED25519 SHA256:Vq2Xo7tOe1t8pQ4b1b7kq0Q2c9kP8m3yQm5sJmGm0xA',
  // The user name is attacker-controlled: the real peer is the one at the end of the line.
  'Mar  4 09:11:02 bastion sshd[2290]: Invalid user x from 6.6.6.6 port 22 from 203.0.113.77 port 40022',
  'Mar  4 09:12:00 bastion kernel: [ 12.345] eth0: link up',
];

for (const line of lines) {
  const outcome = parser.parse(line);
  if (outcome.kind !== 'event') {
    console.log(`line ${outcome.source.line}: ${outcome.kind} (${outcome.reason})`);
    continue;
  }
  const event = outcome.event;
  if (event.kind === 'ssh.auth') {
    console.log(
      `line ${event.source.line}: ${event.outcome} for ${event.user} from ${event.sourceIp}`,
    );
  } else {
    console.log(`line ${event.source.line}: ${event.kind}`);
  }
}

const stats = parser.stats();
console.log(`${stats.lines} lines: ${stats.events} events, ${stats.ignored} ignored`);
