export { createIntel, type Intel, type IntelMatch } from './create-intel.js';
export { type IntelEntry, type IntelList, parseIntelCsv, parseIntelText } from './intel-list.js';
