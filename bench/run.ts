/**
 * `npm run bench`: generates (or reuses) seeded auth.log corpora, then measures, each in
 * its own child process: the floors (raw stream split, readLines, readLineBatches), parse
 * throughput, and full analysis when available. Prints tables (ratios against the floors
 * of the same run are the headline numbers) and writes bench/.data/results.json.
 */
import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { type BenchArgs, parseArgs, USAGE } from './args.js';
import { AUDIT_DEFAULT_RECORDS, AUDIT_GENERATOR_VERSION } from './generate/audit-log.js';
import { GENERATOR_VERSION } from './generate/auth-log.js';
import { type CachedLog, ensureAuditLog, ensureAuthLog } from './generate/cache.js';
import { MEASUREMENTS, type MeasurementId } from './measure/measurements.js';
import type { ChildResult } from './measure/protocol.js';
import { runInChild } from './measure/spawn.js';
import { flatnessTable, rssFlatness } from './report/rss-flatness.js';
import { type Row, summarize } from './report/summarize.js';
import { timingTable } from './report/table.js';

const log = (message: string): void => console.log(message);

async function measureSize(args: BenchArgs, corpus: CachedLog): Promise<Row[]> {
  const { metadata } = corpus;
  const catalog = MEASUREMENTS.filter(
    (m) => args.only.includes(m.id) && m.workloads.includes(args.workload),
  );
  const results = new Map<MeasurementId, ChildResult>();
  for (const m of catalog) {
    process.stdout.write(`  ${m.label} ... `);
    const result = await runInChild({
      id: m.id,
      options: {
        source: resolve(corpus.path),
        year: 'year' in metadata ? metadata.year : 2024,
        timezone: 'timezone' in metadata ? metadata.timezone : 'UTC',
      },
      warmup: m.id === 'idle' ? 0 : args.warmup,
      runs: m.id === 'idle' ? 1 : args.runs,
      sampleMs: args.sampleMs,
      modules: args.modules,
    });
    results.set(m.id, result);
    if (!result.ok) {
      log(result.reason.split('\n')[0] ?? '');
    } else if (m.id !== 'idle' && result.lines !== metadata.lines) {
      log(`WARNING: saw ${result.lines} lines, the corpus has ${metadata.lines}`);
    } else {
      log(result.runsMs.map((ms) => `${(ms / 1000).toFixed(3)}s`).join(' '));
    }
  }
  return summarize(catalog, results, metadata.bytes);
}

function recognition(rows: readonly Row[]): string | undefined {
  const parse = rows.find((r) => r.ok && r.id === 'parse');
  if (!parse?.ok || parse.detail === undefined) return undefined;
  const o = parse.detail.outcomes as Record<string, number> | undefined;
  if (o === undefined) return undefined;
  const pct = (n: number | undefined): string => `${(((n ?? 0) / parse.lines) * 100).toFixed(2)}%`;
  return `parser outcomes: event ${pct(o.event)}, ignored ${pct(o.ignored)}, unrecognized ${pct(o.unrecognized)}, malformed ${pct(o.malformed)}`;
}

function analysisOutcome(
  rows: readonly Row[],
  successfulLogins: number,
  id: 'analysis' | 'detection',
): string | undefined {
  const row = rows.find((r) => r.ok && r.id === id);
  if (!row?.ok || row.detail === undefined) return undefined;
  const o = row.detail.outputs as Record<string, number> | undefined;
  if (o === undefined) return undefined;
  const opened = o['session:open'] ?? 0;
  const check = opened === successfulLogins ? 'matches' : 'DIFFERS FROM';
  const heap = row.detail.retainedHeapBytes;
  const retained =
    typeof heap === 'number'
      ? `; heap after GC at end of input (before flush): ${(heap / 2 ** 20).toFixed(1)} MiB`
      : '';
  return `${id} outputs: ${JSON.stringify(o)}; sessions opened ${check} the ${successfulLogins} successful logins written${retained}`;
}

function auditOutcome(rows: readonly Row[]): string | undefined {
  const row = rows.find((r) => r.ok && r.id === 'audit-assemble');
  if (!row?.ok || row.detail === undefined) return undefined;
  return `assembler results: ${JSON.stringify(row.detail.results)}; event kinds: ${JSON.stringify(row.detail.eventKinds)}`;
}

async function main(): Promise<number> {
  let args: BenchArgs;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (error) {
    console.error(`bench: ${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    return 1;
  }
  if (args.help) {
    log(USAGE);
    return 0;
  }
  const audit = args.workload === 'audit';
  const sizes = [...new Set(args.sizes ?? [audit ? AUDIT_DEFAULT_RECORDS : 1_000_000])].sort(
    (a, b) => a - b,
  );
  log(`api: ${args.modules.core} + ${args.modules.node}`);
  log(`sshtrail bench — node ${process.version}, ${cpus()[0]?.model ?? 'cpu'} x${cpus().length}`);
  log(
    `seed ${args.seed}, warm-up ${args.warmup}, median of ${args.runs} run(s), each measurement in its own child process`,
  );
  const perSize: Row[][] = [];
  const report: unknown[] = [];
  for (const lines of sizes) {
    const corpus: CachedLog = audit
      ? ensureAuditLog(args.dataDir, args.seed, lines, log)
      : ensureAuthLog(args.dataDir, args.seed, lines, log);
    const { metadata } = corpus;
    const span = 'firstTime' in metadata ? `, ${metadata.firstTime} .. ${metadata.lastTime}` : '';
    const events = 'events' in metadata ? `, ${metadata.events} audit events` : '';
    log(
      `\n== ${lines.toLocaleString('en-US')} ${args.workload} lines, ${(metadata.bytes / 2 ** 20).toFixed(1)} MiB, ${metadata.successfulLogins} successful logins${events}${span}${corpus.cached ? ' (cached)' : ''}`,
    );
    const rows = await measureSize(args, corpus);
    perSize.push(rows);
    log(`\n${timingTable(rows)}`);
    const rec = audit ? auditOutcome(rows) : recognition(rows);
    if (rec) log(rec);
    for (const id of ['analysis', 'detection'] as const) {
      const outcome = audit ? undefined : analysisOutcome(rows, metadata.successfulLogins, id);
      if (outcome) log(outcome);
    }
    for (const r of rows) if (!r.ok) log(`${r.id}: ${r.reason.split('\n')[0] ?? ''}`);
    report.push({ lines, file: corpus.path, metadata, measurements: rows });
  }
  const flatness = perSize.length > 1 ? rssFlatness(perSize) : [];
  if (flatness.length > 0)
    log(`\nRSS flatness (peak RSS must not grow with input):\n${flatnessTable(sizes, flatness)}`);
  const resultsPath = join(args.dataDir, audit ? 'results-audit.json' : 'results.json');
  const results = {
    date: new Date().toISOString(),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    cpu: cpus()[0]?.model,
    cpus: cpus().length,
    totalMemoryBytes: totalmem(),
    workload: args.workload,
    generatorVersion: audit ? AUDIT_GENERATOR_VERSION : GENERATOR_VERSION,
    seed: args.seed,
    modules: args.modules,
    warmup: args.warmup,
    runs: args.runs,
    sizes: report,
    rssFlatness: flatness,
  };
  writeFileSync(resultsPath, `${JSON.stringify(results, null, 2)}\n`);
  log(`\nresults: ${resultsPath}`);
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
