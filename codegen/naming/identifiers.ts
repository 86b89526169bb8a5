import { RESERVED_WORDS } from './reserved-words.js';

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** True when `name` can be written bare as a property name (reserved words can: `default: string`). */
export function isIdentifierName(name: string): boolean {
  return IDENTIFIER.test(name);
}

/**
 * The one quoting function of the generator: a single-quoted TypeScript string literal that
 * reads back as exactly `text` (quotes, backslashes, control and line-separator characters escaped).
 * @example quoteString("it's") // 'it\'s'
 */
export function quoteString(text: string): string {
  let out = "'";
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (ch === "'") out += "\\'";
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (code < 0x20 || code === 0x7f || code === 0x2028 || code === 0x2029) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return `${out}'`;
}

/**
 * A property key: bare when it is an identifier name (reserved words included), else quoted.
 * @example propertyKey('default') // default
 * @example propertyKey('my-attr') // 'my-attr'
 */
export function propertyKey(name: string): string {
  return isIdentifierName(name) ? name : quoteString(name);
}

/**
 * A safe type identifier derived from an entity type name and a suffix: characters other than
 * ASCII letters, digits and `_` become `_`, a leading digit gets a `_` prefix, a reserved word a `_` suffix.
 * @example typeIdentifier('Asset Build') // Asset_Build
 * @example typeIdentifier('class') // class_
 * @example typeIdentifier('class', 'Create') // classCreate
 */
export function typeIdentifier(name: string, suffix = ''): string {
  let out = name.replace(/[^A-Za-z0-9_]/g, '_') + suffix;
  if (out === '') out = '_';
  if (/^[0-9]/.test(out)) out = `_${out}`;
  if (RESERVED_WORDS.has(out)) out = `${out}_`;
  return out;
}
