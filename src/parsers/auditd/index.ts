export { createAuditAssembler } from './assembler.js';
export type {
  AuditAssembler,
  AuditAssemblerOptions,
  AuditMissReason,
  AuditResult,
  AuditStats,
} from './result.js';
export { type DecodedSockaddr, decodeSockaddr } from './sockaddr.js';
export { ptraceRequestName, syscallName } from './syscalls.js';
