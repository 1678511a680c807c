export { createAuditAssembler, restoreAuditAssembler } from './assembler.js';
export type {
  AuditAssembler,
  AuditAssemblerOptions,
  AuditMissReason,
  AuditResult,
  AuditStats,
} from './result.js';
export type { AuditAssemblerSnapshot, AuditOpenEventSnapshot } from './snapshot.js';
export { type DecodedSockaddr, decodeSockaddr } from './sockaddr.js';
export { ptraceRequestName, syscallName } from './syscalls.js';
