/**
 * Node-only adapters for sshtrail: files, directories, gzip, rotation and follow.
 *
 * @module sshtrail/node
 */
export { readLineBatches, readLines } from './read-lines.js';
