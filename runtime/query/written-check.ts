import { readPathSegments } from '../protocol/path-segments.js';
import { lexQuery, type QueryToken } from '../protocol/query-lexer.js';
import type { Literal } from './nodes.js';
import { literalOf } from './query-tokens.js';

// The compiler's checks of what a parsed node says about how it was written (written.ts): each
// returns the written form only when it is safe and still means the node, else the canonical one.

const WHITESPACE = /^[ \t\n\r]*$/;
/** Characters a token can never continue past (so nothing needs to separate them from a neighbour). */
const SELF_DELIMITING = new Set(['(', ')', ',', '"', "'"]);
/** Characters of the comparison symbols: two of them side by side could read as one symbol (`>` `=`). */
const SYMBOL_CHARS = new Set(['=', '!', '<', '>']);
const DIRECTIONS: Readonly<Record<string, 'asc' | 'desc'>> = { asc: 'asc', ascending: 'asc', desc: 'desc', descending: 'desc' };

/** `written` when it is whitespace, else `canonical`. */
export function gapOr(written: unknown, canonical: string): string {
  return typeof written === 'string' && WHITESPACE.test(written) ? written : canonical;
}

/** A written list of gaps when it has exactly `length` items (it still fits the node's pieces). */
export function gapsOf(written: unknown, length: number): readonly unknown[] | undefined {
  return Array.isArray(written) && written.length === length ? written : undefined;
}

/**
 * Query text put together piece by piece (tokens and compiled parts) with the gap before each;
 * an empty gap becomes one space where the two pieces would otherwise read as one token (`"1"and`
 * stays, `1and` becomes `1 and`, `>` `=` never becomes `>=`). Joined once, so long lists stay linear.
 */
export class Pieces {
  readonly #parts: string[];
  #last: string;

  constructor(first: string) {
    this.#parts = [first];
    this.#last = first;
  }

  add(gap: string, piece: string): this {
    const glued = gap === '' && this.#last !== '' && piece !== '' && !separable(this.#last[this.#last.length - 1]!, piece[0]!);
    this.#parts.push(glued ? ' ' : gap, piece);
    this.#last = piece;
    return this;
  }

  text(): string {
    return this.#parts.join('');
  }
}

function separable(last: string, first: string): boolean {
  if (SELF_DELIMITING.has(last) || SELF_DELIMITING.has(first)) return true;
  return SYMBOL_CHARS.has(last) !== SYMBOL_CHARS.has(first);
}

/**
 * A keyword or operator as written when it is `canonical` in another case (words of `order by`
 * separated by any whitespace), else `canonical`.
 */
export function keywordOr(written: unknown, canonical: string): string {
  if (typeof written !== 'string' || written === canonical || !/^[A-Za-z_ \t\n\r]+$/.test(written)) return canonical;
  const words = written.split(/[ \t\n\r]+/);
  return words.join(' ').toLowerCase() === canonical && words.every((word) => word !== '') ? written : canonical;
}

/** The direction word as written (`descending`, `ASC`) when it names `direction`, else `direction`. */
export function directionOr(written: unknown, direction: 'asc' | 'desc'): string {
  return typeof written === 'string' && DIRECTIONS[written.toLowerCase()] === direction ? written : direction;
}

/** The value as written (`True`, `'a'`) when it is one value token that reads as `value`. */
export function writtenValue(written: unknown, value: Literal): string | undefined {
  const token = soleToken(written);
  return token !== undefined && token.kind !== 'symbol' && sameLiteral(literalOf(token), value) ? (written as string) : undefined;
}

/** The path as written (`` `name` ``) when it is one word that reads as `segments`. */
export function writtenPath(written: unknown, segments: readonly string[]): string | undefined {
  const token = soleToken(written);
  const read = token?.kind === 'word' ? readPathSegments(token.text) : undefined;
  return read !== undefined && read.length === segments.length && read.every((segment, i) => segment === segments[i]) ? (written as string) : undefined;
}

/** An `offset`/`limit` count as written (`007`) when it is that count in digits. */
export function countOr(written: unknown, count: number): string {
  return typeof written === 'string' && /^\d+$/.test(written) && Number(written) === count ? written : String(count);
}

/** The one token `text` consists of (no whitespace around it), or undefined. */
function soleToken(text: unknown): QueryToken | undefined {
  if (typeof text !== 'string' || text === '' || /^[ \t\n\r]|[ \t\n\r]$/.test(text)) return undefined;
  let tokens: QueryToken[];
  try {
    tokens = lexQuery(text, () => new Error('not one token'));
  } catch {
    return undefined;
  }
  return tokens.length === 2 ? tokens[0] : undefined;
}

function sameLiteral(read: Literal, value: Literal): boolean {
  if (typeof read !== 'object' || read === null) return read === value;
  return typeof value === 'object' && value !== null && value.kind === 'raw' && read.kind === 'raw' && read.text === value.text;
}
