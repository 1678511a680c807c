// Map findings to ECS 9.4 alert documents, ready for Elasticsearch's _bulk API.
// Run: npx tsx examples/06-ecs-output.ts > alerts.ndjson
//      curl -H 'Content-Type: application/x-ndjson' --data-binary @alerts.ndjson \
//        "$ELASTIC_URL/sshtrail-alerts/_bulk"
import { type Finding, toEcs } from 'sshtrail';

// Findings as a detector (or your own code) emits them, citing the log lines behind them.
const findings: Finding[] = [
  {
    type: 'finding',
    id: 'ssh.agent_socket_hijack-7f3a9c01',
    detector: 'ssh.agent_socket_hijack',
    title: "Process used another user's SSH agent socket",
    severity: 'critical',
    confidence: 0.95,
    techniques: ['T1563.001'],
    time: '2024-03-04T09:24:58.000Z',
    host: 'bastion',
    user: 'mallory',
    sourceIp: '203.0.113.77',
    sessionIds: ['bastion/2301/1709544005000', 'bastion/2210/1709542931000'],
    evidence: [
      {
        source: '/var/log/audit/audit.log',
        line: 814,
        text: 'type=PATH msg=audit(1709544298.117:9921): item=0 name="/tmp/ssh-Xy12AbCdEf/agent.2210" inode=131090 dev=00:1a mode=0140600 ouid=1001 ogid=1001 rdev=00:00 nametype=NORMAL',
      },
    ],
    explanation:
      "ssh (pid 2391, uid 0, login user mallory) connected to alice's forwarded agent socket /tmp/ssh-Xy12AbCdEf/agent.2210 on bastion.",
  },
];

for (const finding of findings) {
  // `_id` = the finding id: re-sending the same finding updates the alert instead of duplicating it.
  console.log(JSON.stringify({ index: { _id: finding.id } }));
  console.log(JSON.stringify(toEcs(finding)));
}
