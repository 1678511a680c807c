/**
 * sshtrail: reconstruct SSH sessions from the logs a Linux estate already writes and
 * detect SSH session hijacking (MITRE ATT&CK T1563.001). This entry point is
 * runtime-neutral: it imports no Node built-ins.
 *
 * @module sshtrail
 */

export type { AnalyzerOptions, InputRef } from './analyzer/analyzer-options.js';
export {
  type Analyzer,
  type AnalyzerEvents,
  type AnalyzerSnapshot,
  createAnalyzer,
  type LineMiss,
  restoreAnalyzer,
} from './analyzer/create-analyzer.js';
export type { Diagnostic } from './analyzer/diagnostic.js';
export type { TypedEmitter } from './analyzer/emitter.js';
export type { DetectionOptions, PipelineSnapshot } from './analyzer/pipeline.js';
export type { Buffered, ReorderState } from './analyzer/reorder-buffer.js';
export * from './baseline/index.js';
export * from './config/index.js';
export * from './detectors/index.js';
export type * from './events/index.js';
export type {
  Answer,
  AnswerValue,
  Case,
  CaseAnswers,
  ContainmentStep,
  EscalationRule,
  EscalationRuleResult,
  TimelineEntry,
} from './findings/case.js';
export type {
  Evidence,
  Finding,
  FindingActor,
  FindingIntel,
  Severity,
} from './findings/finding.js';
export * from './intel/index.js';
export { canonicalIp, ipInCidr } from './ip.js';
export * from './model/gaps/index.js';
export * from './model/hops/index.js';
export * from './model/index.js';
export * from './model/join/index.js';
export * from './model/processes/index.js';
export * from './model/sockets/index.js';
export * from './output/index.js';
export {
  type AuditAssembler,
  type AuditAssemblerOptions,
  type AuditAssemblerSnapshot,
  type AuditMissReason,
  type AuditOpenEventSnapshot,
  type AuditResult,
  type AuditStats,
  createAuditAssembler,
  type DecodedSockaddr,
  decodeSockaddr,
  ptraceRequestName,
  restoreAuditAssembler,
  syscallName,
} from './parsers/auditd/index.js';
export {
  parseAuthMessage,
  parseLogindMessage,
  parsePamMessage,
  parseSudoMessage,
  parseSuMessage,
} from './parsers/auth/index.js';
export {
  type CreateSourceParserOptions,
  createSourceParser,
  type SourceFormat,
} from './parsers/create-source-parser.js';
export {
  type JournaldOptions,
  type JournaldResult,
  type JournalFields,
  parseJournaldRecord,
} from './parsers/journald/index.js';
export {
  createLineParser,
  type LineFormat,
  type LineParser,
  type LineParserOptions,
  type LineParserState,
} from './parsers/line-parser.js';
export {
  createLineSplitter,
  DEFAULT_MAX_LINE_LENGTH,
  type LineSplitter,
  type LineSplitterOptions,
  type LineSplitterState,
} from './parsers/line-splitter.js';
export * from './parsers/osquery/index.js';
export type {
  Envelope,
  EnvelopeResult,
  LineOutcome,
  MalformedReason,
  MessageContext,
  MessageMiss,
  MessageResult,
} from './parsers/outcome.js';
export type { SourceParser, SourceParserOptions } from './parsers/source-parser.js';
export type { SourceStats } from './parsers/source-stats.js';
export * from './parsers/sshd/index.js';
export {
  createEnvelopeParser,
  type EnvelopeOptions,
  type EnvelopeParser,
  type YearState,
} from './parsers/syslog/index.js';
export * from './parsers/sysmon/index.js';
export * from './parsers/utmp/index.js';
export * from './parsers/zeek/index.js';
export {
  daysInMonth,
  isLeapYear,
  isValidTimeZone,
  utcEpoch,
  type WallTime,
  zonedWallTime,
  zonedWallTimeToEpoch,
} from './time/index.js';
export * from './triage/index.js';
