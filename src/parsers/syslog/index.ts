export { createEnvelopeParser } from './create-envelope-parser.js';
export type { EnvelopeOptions } from './envelope-options.js';
