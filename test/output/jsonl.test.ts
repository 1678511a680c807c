import { describe, expect, it } from 'vitest';
import { toJsonLine, toJsonl, toJsonlRecord } from '../../src/output/jsonl.js';
import { buildCase } from '../../src/triage/build-case.js';
import { SCENARIOS } from '../fixtures/triage/scenarios.js';

const hijack = SCENARIOS[0];
if (hijack === undefined) throw new Error('fixture');
const [finding] = hijack.findings;
const [session] = hijack.sessions;
if (finding === undefined || session === undefined) throw new Error('fixture');
const kase = buildCase(hijack.findings, hijack.sessions);

describe('toJsonl', () => {
  it('writes one JSON object per line with the contract types', () => {
    const text = toJsonl([finding, kase, session]);
    expect(text.endsWith('\n')).toBe(true);
    const lines = text.split('\n').filter((l) => l !== '');
    expect(lines.map((l) => JSON.parse(l).type)).toEqual(['finding', 'case', 'session']);
    expect(toJsonl([])).toBe('');
  });

  it('keeps the finding contract field names and values', () => {
    const record = JSON.parse(toJsonLine(finding));
    expect(Object.keys(record).slice(0, 14)).toEqual([
      'type',
      'id',
      'detector',
      'title',
      'severity',
      'confidence',
      'techniques',
      'time',
      'host',
      'user',
      'sourceIp',
      'sessionIds',
      'evidence',
      'explanation',
    ]);
    expect(record.evidence[2]).toEqual({
      source: 'bastion/audit.log',
      line: 814,
      text: 'type=PATH msg=audit(1709544298.117:9921): item=0 name="/tmp/ssh-Xy12AbCdEf/agent.2210" inode=131090 dev=00:1a mode=0140600 ouid=1001 ogid=1001 rdev=00:00 nametype=NORMAL',
    });
  });

  it('keeps the case contract fields, answers keyed by snake_case question', () => {
    const record = JSON.parse(toJsonLine(kase));
    for (const key of [
      'type',
      'id',
      'findings',
      'hosts',
      'users',
      'escalate',
      'reasons',
      'answers',
      'containment',
    ]) {
      expect(record).toHaveProperty(key);
    }
    expect(record.escalate).toBe(true);
    expect(record.answers.agent_forwarding.answer).toBe('yes');
    expect(record.containment[0]).toMatchObject({
      action: 'terminate_session',
      target: expect.any(String),
      why: expect.any(String),
    });
  });

  it('writes sessions as {"type":"session", ...session} with unlogged fields as null', () => {
    expect(toJsonlRecord(session)).toEqual({ type: 'session', ...session });
    const record = JSON.parse(toJsonLine(session));
    expect(record.type).toBe('session');
    expect(record.id).toBe(session.id);
    expect(record.sourceName).toBeNull();
    expect(record.pids).toEqual({ monitor: 2210, child: 2212, listener: null });
    const noHost = JSON.parse(toJsonLine({ ...finding, host: undefined }));
    expect(noHost.host).toBeNull();
  });

  it('keeps a hostile log line on one line and intact', () => {
    const text = 'Mar  4 09:00:00 h sshd[1]: Invalid user a\nb"}{"type":"case from 1.2.3.4 port 5';
    const line = toJsonLine({ ...finding, evidence: [{ source: 'x', line: 1, text }] });
    expect(line.includes('\n')).toBe(false);
    expect(JSON.parse(line).evidence[0].text).toBe(text);
  });
});
