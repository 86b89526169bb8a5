import { ArgumentError } from '../errors.js';
import { isExpressionKeyword } from '../protocol/parse-event-expression.js';

const BARE = /^[A-Za-z0-9\-_,./@+]+$/;
const FIELD_SEGMENT = /^[A-Za-z0-9_]+$/;

/**
 * Writes `value` so that the expression parser reads back exactly `value` and nothing else: bare
 * when it is made only of bare-value characters, else in double quotes (single quotes when it holds
 * a double quote). A value neither quote can hold verbatim (both quote characters, a line break,
 * or a trailing backslash that would escape the closing quote) is an `ArgumentError`, never a
 * different expression. `*` is never written bare: it is the wildcard (see `contains`).
 *
 * @example quoteEventValue('jane')     // jane
 * @example quoteEventValue('Jane Doe') // "Jane Doe"
 * @example quoteEventValue('a" or topic=x') // 'a" or topic=x'
 */
export function quoteEventValue(value: string): string {
  if (typeof value !== 'string') throw new ArgumentError(`Event expression values are strings, got ${typeof value}.`, { cause: { value: typeof value } });
  if (BARE.test(value) && !isExpressionKeyword(value)) return value;
  for (const quote of ['"', "'"]) if (canQuote(value, quote)) return `${quote}${value}${quote}`;
  throw new ArgumentError(`The value ${JSON.stringify(value)} cannot be written in an event expression (it holds both quote characters, a line break or a trailing backslash).`, {
    cause: { value },
  });
}

function canQuote(value: string, quote: string): boolean {
  if (value.includes(quote) || /[\r\n]/.test(value)) return false;
  // The parser reads `\x` as a pair: an odd run of trailing backslashes would swallow the closing quote.
  const trailing = /\\*$/.exec(value)![0].length;
  return trailing % 2 === 0;
}

/** Checks one key of a field path (`data.<key>`): letters, digits and `_` only. */
export function checkFieldSegment(key: string): string {
  if (typeof key !== 'string' || !FIELD_SEGMENT.test(key)) {
    throw new ArgumentError(`${JSON.stringify(key)} cannot be a key in an event expression: keys are made of ASCII letters, digits and "_".`, { cause: { key } });
  }
  return key;
}
