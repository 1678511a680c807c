export {
  ATTACK_VERSION,
  type AttackTactic,
  type AttackTechnique,
  attackTechnique,
} from './attack.js';
export { ECS_VERSION, type EcsDocument, type OutputOptions, toEcs } from './ecs.js';
export { type HtmlReportInput, renderHtmlReport } from './html/render-html-report.js';
export {
  type JsonlItem,
  type SessionRecord,
  toJsonLine,
  toJsonl,
  toJsonlRecord,
} from './jsonl.js';
export { OCSF_VERSION, type OcsfEvent, toOcsf } from './ocsf.js';
