export {
  createOsqueryParser,
  DEFAULT_OSQUERY_MAX_LINE_LENGTH,
} from './create-osquery-parser.js';
export type { OsqueryTable } from './table.js';
