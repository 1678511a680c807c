import type { Finding } from '../findings/finding.js';

/** @internal A shared empty result: most steps find nothing, and need not allocate for it. */
export const NO_FINDINGS: readonly Finding[] = Object.freeze([]);
