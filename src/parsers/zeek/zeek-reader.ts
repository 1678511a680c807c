import { classifyLine, type ZeekCursor } from './classify.js';
import { DEFAULT_HEADER, type ZeekHeaderState } from './header.js';
import { fieldsOf, indexFields } from './row.js';

/**
 * One line of any Zeek log, read generically: a record of named fields (values decoded; TSV
 * sets and vectors as arrays, unset fields left out), a header or comment line, or a line that
 * could not be read.
 *
 * @example
 * ```ts
 * function pathOf(line: ZeekLine): string | undefined {
 *   return line.kind === 'record' ? line.path : undefined;
 * }
 * ```
 */
export type ZeekLine =
  | {
      /** A record. */
      readonly kind: 'record';
      /** `#path` or `_path`, when declared. */
      readonly path: string | undefined;
      /** The fields by name. */
      readonly fields: Readonly<Record<string, unknown>>;
    }
  | {
      /** A header, `#close` or comment line. */
      readonly kind: 'meta';
    }
  | {
      /** A line that could not be read as a record. */
      readonly kind: 'invalid';
      /** `bad_json`, `zeek_no_header` or `zeek_field_count`. */
      readonly reason: 'bad_json' | 'zeek_no_header' | 'zeek_field_count';
    };

/**
 * A generic reader for any Zeek log (dns, http, your own scripts' logs): it follows the headers
 * exactly as {@link createZeekParser} does and returns every record as named fields.
 *
 * @example
 * ```ts
 * const reader = createZeekReader();
 * const line = reader.read('#path\tdns');
 * ```
 */
export interface ZeekReader {
  /**
   * Reads the next line (without its terminator). Never throws.
   *
   * @param text - The line.
   * @returns What the line was.
   * @example
   * ```ts
   * reader.read('{"ts":1.5,"query":"example.com"}'); // { kind: 'record', ... }
   * ```
   */
  read(text: string): ZeekLine;
  /**
   * The header in force.
   *
   * @returns The current header state.
   * @example
   * ```ts
   * reader.header().separator; // '\t'
   * ```
   */
  header(): ZeekHeaderState;
}

/**
 * Creates a {@link ZeekReader}.
 *
 * @param header - A header to start from (e.g. saved from an earlier run); defaults to Zeek's.
 * @returns A reader.
 * @example
 * ```ts
 * const reader = createZeekReader();
 * for (const text of lines) {
 *   const line = reader.read(text);
 *   if (line.kind === 'record' && line.path === 'dns') console.log(line.fields.query);
 * }
 * ```
 */
export function createZeekReader(header: ZeekHeaderState = DEFAULT_HEADER): ZeekReader {
  const cursor: ZeekCursor = { header, index: indexFields(header.fields) };
  return {
    read(text) {
      if (text.trim().length === 0) return { kind: 'meta' };
      const line = classifyLine(text, cursor);
      switch (line.kind) {
        case 'row':
          return { kind: 'record', path: line.path, fields: fieldsOf(line.row) };
        case 'bad_json':
          return { kind: 'invalid', reason: 'bad_json' };
        case 'no_header':
          return { kind: 'invalid', reason: 'zeek_no_header' };
        case 'field_count':
          return { kind: 'invalid', reason: 'zeek_field_count' };
        default:
          return { kind: 'meta' };
      }
    },
    header: () => cursor.header,
  };
}
