export { createHopGraph, type HopGraph } from './create-hop-graph.js';
export type {
  HopAttribution,
  HopChain,
  HopGraphOptions,
  HopLink,
  HopMethod,
  HopNode,
} from './hop-types.js';
