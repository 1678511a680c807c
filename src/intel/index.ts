export { createIntel, type Intel, type IntelMatch } from './create-intel.js';
export { intelFromConfig, type LoadedIntel } from './intel-from-config.js';
export { type IntelEntry, type IntelList, parseIntelCsv, parseIntelText } from './intel-list.js';
