/**
 * A Zeek TSV header naming its separator, with the default `#` meta prefix or a custom one
 * (`PREFIX<>separator |`): the prefix is at most 32 non-space characters.
 */
export const ZEEK_SEPARATOR_HEADER: RegExp = /^[^\s]{0,32}separator [^\s]{1,16}$/;
