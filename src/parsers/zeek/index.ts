export { createZeekParser, type ZeekParserState } from './create-zeek-parser.js';
export { decodeZeekEscapes } from './escapes.js';
export type { ZeekHeaderState } from './header.js';
export { parseZeekTime } from './time.js';
export { createZeekReader, type ZeekLine, type ZeekReader } from './zeek-reader.js';
