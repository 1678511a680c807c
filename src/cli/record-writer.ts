import {
  type Case,
  type Finding,
  renderHtmlReport,
  type SshSession,
  toEcs,
  toJsonLine,
  toOcsf,
} from '../index.js';
import type { SweepInventory } from '../node/sweep/sweep-report.js';
import type { Hop } from '../triage/index.js';
import type { OutputFormat } from './cli-options.js';
import { openLineWriter } from './line-writer.js';

/** Writes the records of `scan` and `sweep` in the chosen `--output` format. */
export interface RecordWriter {
  finding(finding: Finding): Promise<void>;
  incident(incident: Case): Promise<void>;
  /** A session to write (`--sessions`, jsonl) or to look up (ecs, ocsf) or draw (html). */
  session(session: SshSession, write: boolean): Promise<void>;
  sweep(inventory: SweepInventory): Promise<void>;
  /** Finishes the output; `html` draws `hops` (else it infers them from the sessions). */
  close(hops?: readonly Hop[]): Promise<void>;
}

/**
 * Opens the output: `jsonl` streams the contract's records; `ecs` and `ocsf` stream one
 * document per finding (sessions are kept to enrich them; cases and the sweep inventory have no
 * ECS/OCSF form and are left out); `html` collects everything and writes one report at the end.
 */
export async function openRecordWriter(
  format: OutputFormat,
  out: string | undefined,
  title: string,
): Promise<RecordWriter> {
  const lines = await openLineWriter(out);
  const sessions = new Map<string, SshSession>();
  const findings: Finding[] = [];
  const cases: Case[] = [];
  const sessionOf = (id: string): SshSession | undefined => sessions.get(id);
  return {
    async finding(f) {
      if (format === 'jsonl') await lines.write(toJsonLine(f));
      else if (format === 'ecs') await lines.write(JSON.stringify(toEcs(f, { sessionOf })));
      else if (format === 'ocsf') await lines.write(JSON.stringify(toOcsf(f, { sessionOf })));
      else findings.push(f);
    },
    async incident(c) {
      if (format === 'jsonl') await lines.write(toJsonLine(c));
      else if (format === 'html') cases.push(c);
    },
    async session(s, write) {
      if (format === 'jsonl') {
        if (write) await lines.write(toJsonLine(s));
        return;
      }
      sessions.set(s.id, s);
    },
    async sweep(inventory) {
      if (format === 'jsonl') await lines.write(JSON.stringify(inventory, nulls));
    },
    async close(hops) {
      if (format === 'html') {
        const drawn = hops === undefined ? {} : { hops };
        await lines.write(
          renderHtmlReport({ findings, cases, sessions: [...sessions.values()], title, ...drawn }),
        );
      }
      await lines.close();
    },
  };
}

function nulls(_key: string, value: unknown): unknown {
  return value === undefined ? null : value;
}
