import { type HeaderLine, readHeaderLine, type ZeekHeaderState } from './header.js';
import { indexFields, type ZeekRow } from './row.js';

/** @internal What one line of a Zeek log is. */
export type ZeekLineKind =
  | Exclude<HeaderLine, undefined>
  | { readonly kind: 'row'; readonly row: ZeekRow; readonly path: string | undefined }
  | { readonly kind: 'bad_json' }
  | { readonly kind: 'no_header' }
  | { readonly kind: 'field_count' };

/** @internal Mutable reading state: the header and its column index. */
export interface ZeekCursor {
  header: ZeekHeaderState;
  index: ReadonlyMap<string, number>;
}

/** @internal Classifies a non-empty line, updating the cursor on header lines. */
export function classifyLine(text: string, cursor: ZeekCursor): ZeekLineKind {
  if (text.charCodeAt(0) === 123) return jsonLine(text);
  const meta = readHeaderLine(text, cursor.header);
  if (meta !== undefined) {
    if (meta.kind === 'header') {
      if (meta.state.fields !== cursor.header.fields) cursor.index = indexFields(meta.state.fields);
      cursor.header = meta.state;
    }
    return meta;
  }
  const { header } = cursor;
  const values = text.split(header.separator);
  if (values[0] === 'ts' && values.includes('id.orig_h')) {
    // A bare column-name line (`zeek-cut`-style output, headerless exports): no value is `ts`.
    cursor.header = { ...header, fields: values, types: [] };
    cursor.index = indexFields(values);
    return { kind: 'header', state: cursor.header };
  }
  if (header.fields.length === 0) return { kind: 'no_header' };
  if (values.length !== header.fields.length) return { kind: 'field_count' };
  return {
    kind: 'row',
    row: { kind: 'tsv', values, header, index: cursor.index },
    path: header.path,
  };
}

function jsonLine(text: string): ZeekLineKind {
  let object: unknown;
  try {
    object = JSON.parse(text);
  } catch {
    return { kind: 'bad_json' };
  }
  if (typeof object !== 'object' || object === null || Array.isArray(object)) {
    return { kind: 'bad_json' };
  }
  const record = object as Readonly<Record<string, unknown>>;
  const path = record._path;
  return {
    kind: 'row',
    row: { kind: 'json', object: record },
    path: typeof path === 'string' ? path : undefined,
  };
}
