import { decodeZeekEscapes } from './escapes.js';

/**
 * The header state of a Zeek TSV log: everything the `#` lines declared so far. It is re-read at
 * every header block (files are concatenated and rotated, field sets change between versions).
 *
 * @example
 * ```ts
 * const header: ZeekHeaderState = {
 *   prefix: '#', separator: '\t', setSeparator: ',', emptyField: '(empty)', unsetField: '-',
 *   path: 'ssh', open: '2024-04-12-19-29-44', fields: ['ts', 'uid'], types: ['time', 'string'],
 * };
 * ```
 */
export interface ZeekHeaderState {
  /** The meta prefix of header lines (`#`, or a custom `LogAscii::meta_prefix`). */
  readonly prefix: string;
  /** Field separator (`#separator`, escapes decoded). */
  readonly separator: string;
  /** Separator of set and vector elements (`#set_separator`). */
  readonly setSeparator: string;
  /** The text of an empty string, set or vector (`#empty_field`). */
  readonly emptyField: string;
  /** The text of an unset field (`#unset_field`). */
  readonly unsetField: string;
  /** The log path (`ssh`, `conn`...), when declared. */
  readonly path: string | undefined;
  /** The `#open` stamp as written, when declared. */
  readonly open: string | undefined;
  /** Column names (`#fields`). */
  readonly fields: readonly string[];
  /** Column types (`#types`). */
  readonly types: readonly string[];
}

/** @internal The header a file starts with before any `#` line. */
export const DEFAULT_HEADER: ZeekHeaderState = {
  prefix: '#',
  separator: '\t',
  setSeparator: ',',
  emptyField: '(empty)',
  unsetField: '-',
  path: undefined,
  open: undefined,
  fields: [],
  types: [],
};

/** @internal What a header-looking line was. */
export type HeaderLine =
  | { readonly kind: 'header'; readonly state: ZeekHeaderState }
  | { readonly kind: 'close' }
  | { readonly kind: 'comment' }
  | undefined;

const SEPARATOR_KEY = 'separator ';
const MAX_PREFIX = 32;
/** Longest `<prefix>separator <value>` line: records are not scanned for it. */
const MAX_LINE = MAX_PREFIX + SEPARATOR_KEY.length + 16;

/**
 * @internal Reads a header (meta) line. Returns `undefined` for a line that is not one (a record).
 */
export function readHeaderLine(text: string, state: ZeekHeaderState): HeaderLine {
  // A `separator ` line opens a block and may declare a new meta prefix.
  const at = text.length <= MAX_LINE ? text.indexOf(SEPARATOR_KEY) : -1;
  if (at > 0 && at <= MAX_PREFIX && text.length - at <= SEPARATOR_KEY.length + 16) {
    const prefix = text.slice(0, at);
    if (isPrefix(prefix, state)) {
      const separator = decodeZeekEscapes(text.slice(at + SEPARATOR_KEY.length));
      if (separator.length > 0) {
        return { kind: 'header', state: { ...DEFAULT_HEADER, prefix, separator } };
      }
    }
  }
  if (!text.startsWith(state.prefix)) return undefined;
  const rest = text.slice(state.prefix.length);
  const cut = rest.indexOf(state.separator);
  if (cut < 0) return { kind: 'comment' };
  const key = rest.slice(0, cut);
  const value = rest.slice(cut + state.separator.length);
  switch (key) {
    case 'set_separator':
      return { kind: 'header', state: { ...state, setSeparator: decodeZeekEscapes(value) } };
    case 'empty_field':
      return { kind: 'header', state: { ...state, emptyField: decodeZeekEscapes(value) } };
    case 'unset_field':
      return { kind: 'header', state: { ...state, unsetField: decodeZeekEscapes(value) } };
    case 'path':
      return { kind: 'header', state: { ...state, path: decodeZeekEscapes(value) } };
    case 'open':
      return { kind: 'header', state: { ...state, open: value } };
    case 'fields':
      return { kind: 'header', state: { ...state, fields: splitNames(value, state.separator) } };
    case 'types':
      return { kind: 'header', state: { ...state, types: splitNames(value, state.separator) } };
    case 'close':
      return { kind: 'close' };
    default:
      return { kind: 'comment' };
  }
}

function isPrefix(prefix: string, state: ZeekHeaderState): boolean {
  if (prefix === '#' || prefix === state.prefix) return true;
  if (prefix.startsWith('{')) return false;
  for (let i = 0; i < prefix.length; i++) {
    const c = prefix.charCodeAt(i);
    if (c <= 32 || c === 127) return false;
  }
  return true;
}

function splitNames(value: string, separator: string): readonly string[] {
  return value.split(separator).map(decodeZeekEscapes);
}
