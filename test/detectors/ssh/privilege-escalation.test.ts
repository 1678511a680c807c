import { describe, expect, it } from 'vitest';
import { privilegeEscalation } from '../../../src/detectors/index.js';
import { learn, run, summary } from '../harness.js';
import { exampleConfig } from './config.js';

const detectors = () => [privilegeEscalation()];

describe('privilegeEscalation', () => {
  it('a routine sudo from the office is nothing, a routine root shell is low, a root shell from a new address at night is high', () => {
    const config = exampleConfig();
    const baselines = learn(['long-session.log'], config);
    const { findings } = run(['privilege-escalation.log'], {
      detectors: detectors(),
      config,
      baselines,
    });
    expect(summary(findings)).toEqual([
      'low alice@db1 from 198.51.100.7',
      'high alice@db1 from 203.0.113.9',
    ]);
    const high = findings[1];
    expect(high?.explanation).toContain('ran sudo as root: /bin/bash');
    expect(high?.explanation).toContain('is new for alice');
    expect(high?.explanation).toContain('outside alice');
    expect(high?.evidence.at(-1)?.text).toContain('COMMAND=/bin/bash');
    expect(high?.techniques).toEqual(['T1548.003']);
  });

  it('a direct root login after a brute force is high', () => {
    const { findings } = run(['brute-force.log'], { detectors: detectors() });
    expect(summary(findings)).toEqual(['high root@bastion from 203.0.113.77']);
    expect(findings[0]?.explanation).toContain('12 failed logins preceded it');
  });

  it('reports a refused sudo (not in sudoers) at medium', () => {
    const lines = [
      'Mar 12 09:00:00 db1 sshd[100]: Accepted password for mallory from 198.51.100.9 port 1 ssh2',
      'Mar 12 09:00:00 db1 sshd[100]: pam_unix(sshd:session): session opened for user mallory(uid=1005) by (uid=0)',
      'Mar 12 09:01:00 db1 sudo[300]:  mallory : user NOT in sudoers ; TTY=pts/0 ; PWD=/home/mallory ; USER=root ; COMMAND=/bin/cat /etc/shadow',
    ];
    const { findings } = run([{ source: 'a.log', lines }], { detectors: detectors() });
    expect(summary(findings)).toEqual(['medium mallory@db1 from 198.51.100.9']);
    expect(findings[0]?.title).toContain('Refused');
  });

  it('reportRootShells: false silences routine root shells, not anomalous ones', () => {
    const { findings } = run(['privilege-escalation.log'], {
      detectors: [privilegeEscalation({ reportRootShells: false })],
      config: exampleConfig(),
    });
    // Without a baseline only the configured hours speak: 02:16 Berlin is outside them.
    expect(summary(findings)).toEqual(['high alice@db1 from 203.0.113.9']);
    expect(findings[0]?.explanation).toContain('wed 02:15 Europe/Berlin');
  });
});
