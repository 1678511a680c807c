export { createEnvelopeParser, type EnvelopeParser } from './create-envelope-parser.js';
export type { EnvelopeOptions } from './envelope-options.js';
export type { YearState } from './year-tracker.js';
