export type { JournaldOptions, JournaldResult, JournalFields } from './journal-fields.js';
export { parseJournaldRecord } from './parse-journald-record.js';
