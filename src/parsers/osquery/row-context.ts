import type { OsqueryAction } from '../../events/endpoint.js';
import type { Provenance } from '../../events/provenance.js';

/** @internal What every row of one result line shares. */
export interface OsqueryRowContext {
  /** The query name (`name`). */
  readonly query: string | undefined;
  /** The row's action. */
  readonly action: OsqueryAction;
  /** `hostIdentifier` (else decorations `hostname`, else the default host). */
  readonly host: string | undefined;
  /** When the query ran (`unixTime`), epoch ms, or `undefined`. */
  readonly queryTime: number | undefined;
  /** The line. */
  readonly source: Provenance;
}
