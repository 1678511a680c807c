export { createEnvelopeParser } from './create-envelope-parser.js';
export type { EnvelopeOptions } from './envelope-options.js';
export { FACILITY_PRIORITY, REPEATED_MESSAGE, SOLARIS_MESSAGE_ID } from './patterns.js';
