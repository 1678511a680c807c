import { describe, expect, it } from 'vitest';
import type { MessageResult } from '../../../src/parsers/outcome.js';
import { parseSshdMessage } from '../../../src/parsers/sshd/index.js';
import { context } from '../../helpers/context.js';
import { corpusLines, HAVE_CORPUS } from './corpus.js';

/** What each loghub OpenSSH_2k template (OpenSSH_2k.log_templates.csv) must parse to. */
const TEMPLATES: Readonly<Record<string, string>> = {
  E1: 'ssh.auth/success', // Accepted password for <*> from <*> port <*> ssh2
  E2: 'ssh.disconnect/closed', // Connection closed by <*> [preauth]
  E3: 'ssh.protocol/no_identification', // Did not receive identification string from <*>
  E4: 'ssh.disconnect/disconnecting', // Disconnecting: Too many authentication failures for admin [preauth]
  E5: 'ssh.disconnect/disconnecting', // Disconnecting: Too many authentication failures for root [preauth]
  E6: 'ssh.disconnect/received_disconnect', // error: Received disconnect from <*>: <*>: com.jcraft...Auth fail [preauth]
  E7: 'ssh.disconnect/received_disconnect', // error: Received disconnect ...: No more user authentication methods available. [preauth]
  E8: 'ssh.auth/failure', // Failed none for invalid user <*> from <*> port <*> ssh2
  E9: 'ssh.auth/failure', // Failed password for <*> from <*> port <*> ssh2
  E10: 'ssh.auth/failure', // Failed password for invalid user <*> from <*> port <*> ssh2
  E11: 'ssh.disconnect/reset', // fatal: Write failed: Connection reset by peer [preauth]
  E12: 'ssh.auth/invalid_user', // input_userauth_request: invalid user <*> [preauth]
  E13: 'ssh.auth/invalid_user', // Invalid user <*> from <*>
  E14: 'ssh.auth/failure', // message repeated <*> times: [ Failed password for root from <*> port <*>] (unwrapped)
  E15: 'pam', // PAM <*> more authentication failure; ... (libpam: the PAM parser's)
  E16: 'pam',
  E17: 'pam',
  E18: 'pam', // PAM service(sshd) ignoring max retries; <*> > <*>
  E19: 'pam', // pam_unix(sshd:auth): authentication failure; ...
  E20: 'pam',
  E21: 'pam', // pam_unix(sshd:auth): check pass; user unknown
  E22: 'pam', // pam_unix(sshd:session): session closed for user <*>
  E23: 'pam', // pam_unix(sshd:session): session opened for user <*> by (uid=<*>)
  E24: 'ssh.disconnect/received_disconnect', // Received disconnect from <*>: <*>: Bye Bye [preauth]
  E25: 'ssh.disconnect/received_disconnect', // ... Closed due to user request. [preauth]
  E26: 'ssh.disconnect/received_disconnect', // ... disconnected by user
  E27: 'ssh.protocol/dns_mismatch', // reverse mapping checking getaddrinfo ... POSSIBLE BREAK-IN ATTEMPT!
};

/** Splits one CSV row (RFC 4180 quoting). */
function csvRow(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      cells.push(cell);
      cell = '';
    } else cell += ch;
  }
  cells.push(cell);
  return cells;
}

function label(result: MessageResult): string {
  switch (result.kind) {
    case 'ssh.auth':
      return `ssh.auth/${result.outcome}`;
    case 'ssh.disconnect':
      return `ssh.disconnect/${result.reason}`;
    case 'ssh.protocol':
      return `ssh.protocol/${result.issue}`;
    case 'unrecognized':
    case 'ignored':
      return result.reason === 'not_sshd_message' ? 'pam' : `${result.kind}/${result.reason}`;
    default:
      return result.kind;
  }
}

const REPEATED = /^message repeated \d+ times: \[ ?(.*)\]$/;

describe.skipIf(!HAVE_CORPUS)('loghub OpenSSH_2k (../shared/corpora/sshd/loghub)', () => {
  it('gives every one of the 2000 rows the kind its template stands for', () => {
    const rows = corpusLines('loghub/OpenSSH_2k.log_structured.csv')
      .slice(1)
      .filter((l) => l.length > 0)
      .map(csvRow);
    expect(rows).toHaveLength(2000);
    const disagreements: string[] = [];
    const perTemplate = new Map<string, number>();
    for (const row of rows) {
      const [lineId, , , , , , content = '', eventId = ''] = row;
      const expected = TEMPLATES[eventId];
      const message = REPEATED.exec(content)?.[1] ?? content;
      const got = label(parseSshdMessage(message, context()));
      perTemplate.set(eventId, (perTemplate.get(eventId) ?? 0) + 1);
      if (got !== expected)
        disagreements.push(`row ${lineId} ${eventId}: ${got} != ${expected}: ${content}`);
    }
    expect(disagreements).toEqual([]);
    expect([...perTemplate.keys()].sort()).toEqual(Object.keys(TEMPLATES).sort());
  });

  it('takes the peer of every sshd row from the row itself', () => {
    const rows = corpusLines('loghub/OpenSSH_2k.log_structured.csv')
      .slice(1)
      .filter((l) => l.length > 0)
      .map(csvRow);
    for (const row of rows) {
      const content = row[6] ?? '';
      const result = parseSshdMessage(REPEATED.exec(content)?.[1] ?? content, context());
      if ('sourceIp' in result && result.sourceIp !== undefined) {
        expect(content).toContain(result.sourceIp);
      }
    }
  });
});
