/**
 * Node-only adapters for sshtrail: files, directories, gzip, rotated sets and time-ordered
 * merging of many sources.
 *
 * @module sshtrail/node
 */
export { collectInputs, compareRotated, describeFsError, groupRotated } from './collect-inputs.js';
export { mergeByTime } from './merge-by-time.js';
export { type EventSource, readEvents } from './read-events.js';
export { readLineBatches, readLines } from './read-lines.js';
