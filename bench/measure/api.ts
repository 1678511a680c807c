/**
 * Resolves the project APIs a benchmark measures, at run time, so the harness works
 * before and after each lands: `readLines`/`readLineBatches`/`readTextChunks` (src/node), `createLineParser`
 * and `createAnalyzer` (src/index). A missing export yields `undefined` and the measurement
 * reports "not available yet".
 */
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The minimum of a `LineOutcome` the benchmark reads (so the result is consumed). */
export type OutcomeLike =
  | { readonly kind: 'event'; readonly event: { readonly kind: string } }
  | { readonly kind: 'ignored' | 'unrecognized' | 'malformed'; readonly reason: string };

/** Options handed to `createLineParser` / `createAnalyzer`. */
export interface SourceOptions {
  /** Source name (the file path). */
  readonly source: string;
  /** Year for RFC3164 lines. */
  readonly year: number;
  /** Time zone for RFC3164 lines. */
  readonly timezone: string;
}

/** `readLines(path)` from src/node. */
export type ReadLines = (path: string) => AsyncIterable<string>;
/** `readLineBatches(path)` from src/node. */
export type ReadLineBatches = (path: string) => AsyncIterable<readonly string[]>;
/** `readTextChunks(path)` from src/node: whole lines a read chunk at a time, and their count. */
export type ReadTextChunks = (
  path: string,
) => AsyncIterable<{ readonly text: string; readonly lines: number }>;
/** A line parser: `parse` one line, `stats` at the end. */
export interface LineParserLike {
  /** Parses one line. */
  parse(text: string): OutcomeLike;
  /** The source accounting. */
  stats(): unknown;
}
/** `createLineParser(options)` from src/index. */
export type CreateLineParser = (options: SourceOptions) => LineParserLike;
/** `createAnalyzer(options)` from src/index; its shape is probed by analysis.ts. */
export type CreateAnalyzer = (options: SourceOptions & { readonly detect?: boolean }) => unknown;

/** The minimum of an `AuditResult` the benchmark reads. */
export interface AuditResultLike {
  /** `event`, or a miss kind. */
  readonly kind: string;
  /** The event, for `event` results. */
  readonly event?: { readonly kind: string };
}
/** An audit assembler: `push` lines, `flush` at the end, `stats`. */
export interface AuditAssemblerLike {
  /** Reads one or more lines. */
  push(
    text: string,
    source: { readonly source: string; readonly line: number },
  ): readonly AuditResultLike[];
  /** Closes open events. */
  flush(): readonly AuditResultLike[];
  /** The accounting. */
  stats(): unknown;
}
/** `createAuditAssembler(options)` (issue 4). */
export type CreateAuditAssembler = (options?: { readonly host?: string }) => AuditAssemblerLike;

/** What was found. */
export interface ProjectApi {
  /** src/node readLines. */
  readonly readLines: ReadLines | undefined;
  /** src/node readLineBatches. */
  readonly readLineBatches: ReadLineBatches | undefined;
  /** src/node readTextChunks. */
  readonly readTextChunks: ReadTextChunks | undefined;
  /** src/index createLineParser. */
  readonly createLineParser: CreateLineParser | undefined;
  /** src/index createAnalyzer. */
  readonly createAnalyzer: CreateAnalyzer | undefined;
  /** createAuditAssembler: from the root entry, else from the auditd folder's barrel. */
  readonly createAuditAssembler: CreateAuditAssembler | undefined;
  /** Where createAuditAssembler came from. */
  readonly auditFrom: 'core' | 'auditd' | undefined;
}

async function load(specifier: string): Promise<Record<string, unknown>> {
  try {
    return (await import(specifier)) as Record<string, unknown>;
  } catch (error) {
    console.error(`bench: cannot import ${specifier}: ${String(error)}`);
    return {};
  }
}

function fn<T>(value: unknown): T | undefined {
  return typeof value === 'function' ? (value as T) : undefined;
}

/** Where the APIs are imported from (absolute file paths or URLs). */
export interface ApiModules {
  /** The root entry (default src/index.ts). */
  readonly core: string;
  /** The Node entry (default src/node/index.ts). */
  readonly node: string;
  /** Fallback for createAuditAssembler until the root entry exports it. */
  readonly auditd: string;
}

/** The source entry points (measured through tsx). */
export const SOURCE_MODULES: ApiModules = {
  core: fileURLToPath(new URL('../../src/index.ts', import.meta.url)),
  node: fileURLToPath(new URL('../../src/node/index.ts', import.meta.url)),
  auditd: fileURLToPath(new URL('../../src/parsers/auditd/index.ts', import.meta.url)),
};

async function auditAssembler(
  core: Record<string, unknown>,
  fallback: string,
): Promise<Pick<ProjectApi, 'createAuditAssembler' | 'auditFrom'>> {
  const fromCore = fn<CreateAuditAssembler>(core.createAuditAssembler);
  if (fromCore) return { createAuditAssembler: fromCore, auditFrom: 'core' };
  const fromFolder = fn<CreateAuditAssembler>(
    (await load(pathToFileURL(fallback).href)).createAuditAssembler,
  );
  return { createAuditAssembler: fromFolder, auditFrom: fromFolder ? 'auditd' : undefined };
}

/**
 * Imports the root and Node entries and picks the functions the benchmark needs.
 *
 * @param modules - entry points (default: the sources)
 * @returns the functions found (undefined when not exported yet)
 * @example
 * ```ts
 * const api = await resolveProjectApi(SOURCE_MODULES);
 * if (!api.createLineParser) console.log('parse: not available yet');
 * ```
 */
export async function resolveProjectApi(modules: ApiModules = SOURCE_MODULES): Promise<ProjectApi> {
  const core = await load(pathToFileURL(modules.core).href);
  const node = await load(pathToFileURL(modules.node).href);
  return {
    readLines: fn<ReadLines>(node.readLines),
    readLineBatches: fn<ReadLineBatches>(node.readLineBatches),
    readTextChunks: fn<ReadTextChunks>(node.readTextChunks),
    createLineParser: fn<CreateLineParser>(core.createLineParser),
    createAnalyzer: fn<CreateAnalyzer>(core.createAnalyzer),
    ...(await auditAssembler(core, modules.auditd)),
  };
}
