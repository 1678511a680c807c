import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAnalyzer } from '../../src/analyzer/create-analyzer.js';
import { parseConfig } from '../../src/config/index.js';
import type { Case, SshtrailEvent } from '../../src/index.js';
import { mergeByTime, planInputs, readPlan } from '../../src/node/index.js';

// eve borrows alice's forwarded agent on jump01 and reaches db02 as alice (README of the fixture).
const SET = path.resolve(import.meta.dirname, '../fixtures/triage/logs/agent-hijack-hop');
const FILES = ['jump01/auth.log', 'jump01/audit.log', 'db02/auth.log'];
const VERBOSE_ONLY = /User child is on pid|Starting session:|Close session:/;
const CONFIG = parseConfig({
  hosts: [
    { name: 'jump01', ips: ['10.50.0.5'] },
    { name: 'db02', ips: ['10.50.0.21'] },
  ],
});

let dir: string;
beforeAll(() => {
  // LogLevel INFO: sshd names no post-auth child and no channel, so only the audit LOGIN record
  // ties eve's audit session (ses 113) to her sshd (21502).
  dir = mkdtempSync(path.join(tmpdir(), 'sshtrail-info-hop-'));
  for (const file of FILES) {
    const lines = readFileSync(path.join(SET, file), 'utf8').split('\n');
    mkdirSync(path.join(dir, path.dirname(file)), { recursive: true });
    writeFileSync(path.join(dir, file), lines.filter((l) => !VERBOSE_ONLY.test(l)).join('\n'));
  }
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function cases(): Promise<Case[]> {
  if (!CONFIG.ok) throw new Error(CONFIG.errors.join('; '));
  const analyzer = createAnalyzer({ year: 2026, timezone: 'UTC', config: CONFIG.config });
  const out: Case[] = [];
  analyzer.on('case', (c) => out.push(c));
  const { plans } = await planInputs([dir], { hostFromDir: true });
  const readers = plans.map((plan) => readPlan(plan, { year: 2026 }));
  for await (const e of mergeByTime(
    readers.map((r) => r.batches),
    (x: SshtrailEvent) => x.time,
  )) {
    analyzer.pushEvent(e);
  }
  analyzer.flush();
  return out;
}

describe('the analyzer attributes an onward hop to the session its ssh client ran in', () => {
  it('at LogLevel INFO, links db02 to eve session on jump01, not to alice own session', async () => {
    const hijack = (await cases()).find((c) => c.sessions?.includes('db02/3390/1795702121000'));
    expect(hijack?.escalate).toBe(true);
    expect(hijack?.sessions).toContain('jump01/21502/1795701910000');
    expect(hijack?.sessions).not.toContain('jump01/21410/1795701602000');
  });
});
