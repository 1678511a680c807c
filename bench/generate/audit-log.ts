/**
 * EXTENSION POINT (issue 4): a seeded audit.log generator for the 500k-record
 * parsing + assembly benchmark. Not implemented yet; `bench/run.ts` lists the `audit`
 * workload as unavailable until this returns a generator.
 *
 * To implement: write `writeAuditLog(path, { seed, records })` in this folder (same
 * streaming pattern as write-file.ts: SYSCALL/EXECVE/CWD/PATH/PROCTITLE/SOCKADDR/EOE groups
 * sharing `msg=audit(<time>:<serial>)`, USER_* records of sshd logins), return metadata with
 * per-type counts, and switch {@link AUDIT_LOG_WORKLOAD} to `available: true`.
 */

/** Status of the audit.log workload. */
export interface AuditWorkloadStatus {
  /** Whether `bench/run.ts --workload audit` can run. */
  readonly available: boolean;
  /** Why not, when unavailable. */
  readonly reason: string;
  /** Default number of records for the issue-4 benchmark. */
  readonly defaultRecords: number;
}

/** The audit.log workload: a named hook, not implemented yet. */
export const AUDIT_LOG_WORKLOAD: AuditWorkloadStatus = {
  available: false,
  reason: 'issue 4: the audit.log generator and the auditd parser entry point are not wired yet',
  defaultRecords: 500_000,
};
