export { detectUtmpLayout, type UtmpLayout } from './layout.js';
export {
  parseUtmp,
  type UtmpIssue,
  type UtmpIssueCode,
  type UtmpOptions,
  type UtmpResult,
} from './parse-utmp.js';
