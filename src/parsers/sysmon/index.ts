export { splitCommandLine } from './command-line.js';
export { createSysmonParser, type SysmonParserOptions } from './create-sysmon-parser.js';
