/**
 * Node-only adapters for sshtrail: files, directories, gzip, stdin, rotated sets, follow mode
 * (`tail -F`), per-file format sniffing, time-ordered merging of many sources, and the live
 * `/proc` sweep of SSH agent and ControlMaster sockets.
 *
 * @module sshtrail/node
 */
export { collectInputs, compareRotated, describeFsError, groupRotated } from './collect-inputs.js';
export { type FollowNotice, type FollowOptions, followLines } from './follow/follow-file.js';
export {
  createFormatParser,
  type FormatParserOptions,
  type FormatParserResult,
} from './format-parser.js';
export { INPUT_FORMATS, type InputFormat, isInputFormat } from './input-format.js';
export { mergeByTime } from './merge-by-time.js';
export {
  type InputPlan,
  type InputPlans,
  type PlanOptions,
  planInputs,
  type SkippedInput,
} from './plan-inputs.js';
export { type EventSource, readEvents } from './read-events.js';
export { readLineBatches, readLines } from './read-lines.js';
export { type PlanReader, type ReadPlanOptions, readPlan } from './read-plan.js';
export { readStreamBatches } from './read-stream.js';
export { readTextChunks, type TextChunk } from './read-text-chunks.js';
export { readUtmpFile } from './read-utmp.js';
export { sniffBytes, sniffFile } from './sniff/sniff-file.js';
export { SNIFF_LINES, type SniffResult, sniffFormat } from './sniff/sniff-format.js';
export { sniffUtmp, UTMP_RECORD_SIZES } from './sniff/sniff-utmp.js';
export { analyzeSweep } from './sweep/analyze-sweep.js';
export { type ProcStatus, parseEnviron, parseProcStatus } from './sweep/parse-proc-files.js';
export { parseProcNetUnix } from './sweep/parse-proc-net-unix.js';
export { readSweepSnapshot, type SweepReadOptions } from './sweep/read-sweep-snapshot.js';
export { sweepHost } from './sweep/sweep-host.js';
export type {
  AgentSocketInventory,
  AgentSocketKind,
  ProcessRef,
  SshdProcessInventory,
  SweepInventory,
  SweepReport,
} from './sweep/sweep-report.js';
export type {
  SocketFile,
  SweepLogin,
  SweepProcess,
  SweepSnapshot,
  UnixPeer,
  UnixSocket,
} from './sweep/sweep-types.js';
