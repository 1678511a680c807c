/**
 * Node-only adapters for sshtrail: files, directories, gzip, rotation and follow.
 *
 * @module sshtrail/node
 */
export { canonicalIp } from '../index.js';
