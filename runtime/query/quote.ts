import { QueryError } from '../errors.js';
import type { Literal } from './nodes.js';

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
const EXPONENT = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/;
/** One bare token: no whitespace, quote, parenthesis, comma, comparison character or backtick. */
const RAW_TOKEN = /^[^\s"'(),=!<>`]+$/;
const VALUE_KEYWORD = /^(none|null|true|false)$/i;

/**
 * The one quoting function: renders a literal exactly as the ftrack query language reads it.
 * Strings are double-quoted with `\` and `"` escaped (so no value can end the string early);
 * numbers must be finite and are written without exponent; booleans `true`/`false`; null `None`;
 * datetimes as a quoted naive UTC string; a raw literal (from a parsed expression) as written, when
 * it is one bare token that is not a value keyword.
 *
 * @example quoteValue('say "hi"') // "say \"hi\""
 * @example quoteValue(null)       // None
 */
export function quoteValue(value: Literal): string {
  switch (typeof value) {
    case 'string':
      return quoteString(value);
    case 'number':
      return formatNumber(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      if (value === null) return 'None';
      if (value.kind === 'datetime' && typeof value.utc === 'string') return quoteString(value.utc);
      if (value.kind === 'raw' && typeof value.text === 'string' && isRawToken(value.text)) return value.text;
      break;
  }
  throw new QueryError(`Cannot use ${describe(value)} as a query value.`, { cause: { value } });
}

/** True when `text` reads back as one bare value token (so writing it cannot add syntax). */
function isRawToken(text: string): boolean {
  return RAW_TOKEN.test(text) && !VALUE_KEYWORD.test(text);
}

function quoteString(text: string): string {
  return `"${text.replace(/[\\"]/g, (char) => `\\${char}`)}"`;
}

function formatNumber(value: number): string {
  if (!Number.isFinite(value)) {
    throw new QueryError(`Query numbers must be finite, got ${String(value)}.`, { cause: { value } });
  }
  if (Object.is(value, -0)) return '0';
  const text = String(value);
  const match = EXPONENT.exec(text);
  if (!match) return text;
  // Expand the exponent form (1.5e-7) into plain decimals (0.00000015): the grammar has no exponent.
  const [, sign, lead, fraction = '', exponentText] = match;
  const digits = `${lead}${fraction}`;
  const point = 1 + Number(exponentText);
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${'0'.repeat(point - digits.length)}`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

/** An attribute or entity-type name as written in an expression; QueryError when it is not an identifier. */
export function identifier(name: string, what: string): string {
  if (typeof name !== 'string' || !IDENTIFIER.test(name)) {
    throw new QueryError(`${what} ${JSON.stringify(name)} cannot be written in an ftrack query (not an identifier).`, {
      cause: { name },
    });
  }
  return name;
}

function describe(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (typeof value === 'object') return `an object (${Object.prototype.toString.call(value)})`;
  return `a ${typeof value}`;
}

/**
 * An attribute name as one segment of a path: bare when it is an identifier, else in backticks
 * with `` ` `` and `\` escaped by `\`. ftrack's own attribute names are all identifiers (its query
 * language has no quoting for names); the local server reads this form, so schemas with names
 * such as `my-attr` or `a b` can be queried there.
 *
 * @example pathSegment('status') // status
 * @example pathSegment('my-attr') // `my-attr`
 */
export function pathSegment(name: string): string {
  return IDENTIFIER.test(name) ? name : `\`${name.replace(/[\\`]/g, (char) => `\\${char}`)}\``;
}

/**
 * Splits a dotted path into attribute names, reading backtick-quoted segments (see
 * `pathSegment`); bare segments are trimmed. `QueryError` for an unterminated quote.
 *
 * @example splitPath('parent.`my-attr`') // ['parent', 'my-attr']
 */
export function splitPath(path: string): string[] {
  if (!path.includes('`')) return path.split('.').map((segment) => segment.trim());
  const segments: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < path.length; i++) {
    const char = path[i]!;
    if (char === '`') {
      const end = closingBacktick(path, i + 1);
      if (end < 0) throw new QueryError(`The path ${JSON.stringify(path)} has an unterminated \` quote.`, { cause: { path } });
      current += path.slice(i + 1, end).replace(/\\([\\`])/g, '$1');
      quoted = true;
      i = end;
    } else if (char === '.') {
      segments.push(quoted ? current : current.trim());
      current = '';
      quoted = false;
    } else if (!quoted || char.trim() !== '') {
      current += char;
    }
  }
  segments.push(quoted ? current : current.trim());
  return segments;
}

/** A path from attribute names, each written with `pathSegment`. */
export function formatPath(segments: readonly string[]): string {
  return segments.map(pathSegment).join('.');
}

function closingBacktick(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '`') return i;
  }
  return -1;
}
