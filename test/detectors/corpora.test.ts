import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDetectors } from '../../src/detectors/index.js';
import { run } from './harness.js';

const root = path.resolve(process.cwd(), '../shared/corpora/sshd');
const exists = existsSync(root);

function files(dir: string): string[] {
  const out: string[] = [];
  for (const f of readdirSync(dir)) {
    const p = path.join(dir, f);
    if (statSync(p).isDirectory()) out.push(...files(p));
    else if (p.endsWith('.log')) out.push(p);
  }
  return out.sort();
}

function scan(file: string) {
  const lines = readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l !== '');
  return run([{ source: file, lines }], { detectors: createDetectors() });
}

describe.skipIf(!exists)(
  'auth detectors over the shared sshd corpora (skipped: ../shared/corpora absent)',
  () => {
    it('flag only concurrent logins from two addresses across every corpus file, and never throw', () => {
      const flagged: string[] = [];
      for (const file of files(root)) {
        for (const f of scan(file).findings)
          flagged.push(`${path.relative(root, file)} ${f.detector} ${f.user}`);
      }
      // The impossible-travel pair (two addresses 3 s apart), and the Elastic sample where
      // vagrant's unended session from 10.0.2.2 is still active (a sudo 5 min earlier) when
      // vagrant logs in from 192.168.33.1.
      expect(flagged).toEqual([
        'crowdsec-hub/sshd-impossible-travel/sshd-success-logs.log ssh.concurrent_sessions vagrant',
        'elastic-beats/test.log ssh.concurrent_sessions vagrant',
        'elastic-integrations/test-auth.log ssh.concurrent_sessions vagrant',
      ]);
    });

    it('the impossible-travel finding cites both accepted logins', () => {
      const file = path.join(root, 'crowdsec-hub/sshd-impossible-travel/sshd-success-logs.log');
      const [f] = scan(file).findings;
      expect(f?.evidence.map((e) => e.line)).toEqual([1, 2]);
      expect(f?.explanation).toContain('1.2.3.4');
      expect(f?.explanation).toContain('9.8.8.8');
    });

    it('stay quiet on 2000 lines of loghub brute force with no success from the guessing sources', () => {
      const r = scan(path.join(root, 'loghub/OpenSSH_2k.log'));
      expect(r.sessions).toHaveLength(1);
      expect(r.findings).toEqual([]);
    });
  },
);
