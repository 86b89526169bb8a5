import type { Attribute } from '../../runtime/schema/index.js';
import { apiError } from '../api/api-error.js';
import { isStoredDateTime, normaliseDateTime } from '../model/values.js';
import type { CompareOperator, Literal } from './ast.js';
import { likeMatcher, type LikeMatcher } from './like-matcher.js';

/** A literal turned into the stored form of the attribute it is compared with. */
export type Operand = { readonly kind: 'null' } | { readonly kind: 'value'; readonly value: unknown; readonly literal: Literal };

/**
 * Coerces a literal to the attribute's stored form: datetimes to naive UTC text (compared
 * chronologically), numbers for numeric attributes, the literal's source text for strings.
 */
export function coerceLiteral(attribute: Attribute, literal: Literal, shownPath: string): Operand {
  if (literal.kind === 'null') return { kind: 'null' };
  const fail = (expected: string): never => {
    throw apiError('ValidationError', `Cannot compare ${shownPath} with ${JSON.stringify(literal.text)}: expected ${expected}.`, 'invalid_value');
  };
  if (attribute.kind !== 'scalar') return fail('None (a relation can only be compared with None)');
  if (attribute.isDateTime) {
    const text = literal.kind === 'string' ? normaliseDateTime(literal.value) : undefined;
    return { kind: 'value', value: text ?? fail('a datetime such as "2021-03-01T00:00:00"'), literal };
  }
  switch (attribute.type) {
    case 'integer':
    case 'number': {
      const value = literal.kind === 'number' ? literal.value : literal.kind === 'string' && literal.value.trim() !== '' ? Number(literal.value) : NaN;
      return { kind: 'value', value: Number.isFinite(value) ? value : fail('a number'), literal };
    }
    case 'boolean': {
      const lower = literal.text.toLowerCase();
      if (literal.kind === 'boolean') return { kind: 'value', value: literal.value, literal };
      if (lower === 'true' || lower === '1') return { kind: 'value', value: true, literal };
      if (lower === 'false' || lower === '0') return { kind: 'value', value: false, literal };
      return fail('true or false');
    }
    case 'variable':
      return { kind: 'value', value: literal.kind === 'string' ? literal.value : literal.kind === 'number' ? literal.value : literal.value, literal };
    default:
      return { kind: 'value', value: literal.kind === 'string' ? literal.value : literal.text, literal };
  }
}

/** A predicate over one stored value. */
export type ValueTest = (stored: unknown) => boolean;

/**
 * Builds the test of `stored <operator> operand` (SQL-like: null only matches `is None` / `is_not None`).
 * A list value (an enumerator's selection) is tested per option: `is`, orderings and `like` match when
 * some option does, `is_not` and `not_like` when none does.
 */
export function compileComparison(operator: CompareOperator, operand: Operand): ValueTest {
  const single = compileSingle(operator, operand);
  if (operand.kind === 'null') return single;
  const negated = operator === 'ne' || operator === 'not_like';
  const positive = negated ? compileSingle(operator === 'ne' ? 'eq' : 'like', operand) : single;
  return (stored) => (Array.isArray(stored) ? stored.some((option) => positive(option)) !== negated : single(stored));
}

function compileSingle(operator: CompareOperator, operand: Operand): ValueTest {
  if (operand.kind === 'null') {
    if (operator === 'eq') return (stored) => stored === null || stored === undefined;
    if (operator === 'ne') return (stored) => stored !== null && stored !== undefined;
    return () => false;
  }
  if (operator === 'like' || operator === 'not_like') {
    const pattern = likePattern(String(operand.literal.kind === 'string' ? operand.literal.value : operand.literal.text));
    const negate = operator === 'not_like';
    return (stored) => {
      if (stored === null || stored === undefined) return false;
      const text = isStoredDateTime(stored) ? stored.value : typeof stored === 'object' ? JSON.stringify(stored) : String(stored);
      return pattern.test(text) !== negate;
    };
  }
  return (stored) => {
    if (stored === null || stored === undefined) return false;
    const order = compareStored(stored, operand);
    if (order === undefined) return false;
    switch (operator) {
      case 'eq': return order === 0;
      case 'ne': return order !== 0;
      case 'gt': return order > 0;
      case 'lt': return order < 0;
      case 'ge': return order >= 0;
      default: return order <= 0;
    }
  };
}

/** Order of a stored value against an operand, or undefined when they cannot be compared. */
function compareStored(stored: unknown, operand: Extract<Operand, { kind: 'value' }>): number | undefined {
  const value = operand.value;
  if (typeof stored === 'number') {
    const number = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
    return Number.isNaN(number) ? undefined : Math.sign(stored - number);
  }
  if (typeof stored === 'boolean') {
    const text = operand.literal.text.toLowerCase();
    const bool = typeof value === 'boolean' ? value : text === 'true' ? true : text === 'false' ? false : undefined;
    return bool === undefined ? undefined : Number(stored) - Number(bool);
  }
  if (isStoredDateTime(stored)) {
    const text = typeof value === 'string' ? normaliseDateTime(value) : undefined;
    return text === undefined ? undefined : compareText(stored.value, text);
  }
  if (typeof stored === 'string') return compareText(stored, typeof value === 'string' ? value : operand.literal.text);
  return undefined;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Compiled `like` patterns kept for reuse (matchers are immutable): up to 256 patterns of up to
 * 1,024 characters (a longer one is compiled each time, never held); the set is dropped when full.
 */
const RECENT_MATCHERS = 256;
const CACHED_PATTERN_LENGTH = 1024;
const recentMatchers = new Map<string, LikeMatcher>();

/**
 * `like` matcher: `%` any run, `_` one character, case-insensitive (see server/README.md); linear in the
 * value for any pattern (see like-matcher.ts). A pattern is compiled once for all the terms and
 * queries that repeat it: `name like "%"` 100,000 times in one `or` chain is one matcher, not
 * 100,000 (each a handful of typed arrays the collector has to trace).
 */
export function likePattern(pattern: string): { test(text: string): boolean } {
  if (pattern.length > CACHED_PATTERN_LENGTH) return likeMatcher(pattern);
  let matcher = recentMatchers.get(pattern);
  if (matcher === undefined) {
    if (recentMatchers.size >= RECENT_MATCHERS) recentMatchers.clear();
    matcher = likeMatcher(pattern);
    recentMatchers.set(pattern, matcher);
  }
  return matcher;
}

/** Key used for `in` membership: stored values and coerced literals compare by this text. */
export function membershipKey(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (isStoredDateTime(value)) return `d:${value.value}`;
  if (typeof value === 'number') return `n:${value}`;
  if (typeof value === 'boolean') return `b:${value}`;
  if (typeof value === 'string') return `s:${value}`;
  return `j:${JSON.stringify(value)}`;
}
