/**
 * The event hub's subscription/target expression language, with the Python client's grammar and
 * semantics (spec event-hub.md §5): conditions `field op value`, `and`/`or`/`not` (case-insensitive,
 * `not` > `and` > `or`), parentheses; a value ending in `*` after `=` is a substring/membership test;
 * values are strings; a missing key is false; ordering a non-string is an error (→ no match).
 *
 * @example
 * const expression = parseExpression('topic=ftrack.update and source.user.username="jane"');
 * matches(expression, event); // true for jane's ftrack.update events
 */
export type Expression =
  | { readonly kind: 'all' | 'any'; readonly items: readonly Expression[] }
  | { readonly kind: 'not'; readonly item: Expression }
  | { readonly kind: 'condition'; readonly path: readonly string[]; readonly operator: Operator; readonly value: string };

type Operator = '=' | '!=' | '<' | '>' | '<=' | '>=';

/** An expression that does not parse; `message` names the expression and the position. */
export class ExpressionSyntaxError extends Error {
  readonly code = 'EXPRESSION_SYNTAX';
}

const FIELD = /[A-Za-z0-9_.]/;
const BARE = /[A-Za-z0-9\-_,./*@+]/;
const OPERATORS: readonly Operator[] = ['!=', '>=', '<=', '=', '>', '<'];

/** Parses `text`; throws `ExpressionSyntaxError` (an empty expression is invalid too). */
export function parseExpression(text: string): Expression {
  const parser = new Parser(text);
  const expression = parser.expression();
  parser.end();
  return expression;
}

/**
 * True when `expression` matches `candidate` (an event for subscriptions, subscriber metadata for
 * targets). An evaluation error (ordering a non-string, a wildcard on a number) is no match.
 */
export function matches(expression: Expression, candidate: unknown): boolean {
  try {
    return evaluate(expression, candidate);
  } catch (error) {
    if (error instanceof EvaluationError) return false;
    throw error;
  }
}

class EvaluationError extends Error {}

function evaluate(expression: Expression, candidate: unknown): boolean {
  switch (expression.kind) {
    case 'all':
      return expression.items.every((item) => evaluate(item, candidate));
    case 'any':
      return expression.items.some((item) => evaluate(item, candidate));
    case 'not':
      return !evaluate(expression.item, candidate);
    case 'condition':
      return compare(expression, candidate);
  }
}

function compare(condition: Extract<Expression, { kind: 'condition' }>, candidate: unknown): boolean {
  let current = candidate;
  for (const key of condition.path) {
    if (!isMapping(current) || !Object.prototype.hasOwnProperty.call(current, key)) return false;
    current = current[key];
  }
  const { operator, value } = condition;
  if (operator === '=' && value.endsWith('*')) return contains(current, value.slice(0, -1));
  if (operator === '=') return current === value;
  if (operator === '!=') return current !== value;
  if (typeof current !== 'string') throw new EvaluationError();
  if (operator === '<') return current < value;
  if (operator === '>') return current > value;
  if (operator === '<=') return current <= value;
  return current >= value;
}

/** Python's `needle in candidate`: substring, list membership, mapping key; an error otherwise. */
function contains(candidate: unknown, needle: string): boolean {
  if (typeof candidate === 'string') return candidate.includes(needle);
  if (Array.isArray(candidate)) return candidate.some((item) => item === needle);
  if (isMapping(candidate)) return Object.prototype.hasOwnProperty.call(candidate, needle);
  throw new EvaluationError();
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Recursive descent over the raw text (the value syntax depends on the position). */
class Parser {
  private position = 0;

  constructor(private readonly text: string) {}

  expression(): Expression {
    const items = [this.and()];
    while (this.keyword('or')) items.push(this.and());
    return items.length === 1 ? items[0]! : { kind: 'any', items };
  }

  end(): void {
    this.skipSpace();
    if (this.position < this.text.length) this.fail('unexpected text');
  }

  private and(): Expression {
    const items = [this.not()];
    while (this.keyword('and')) items.push(this.not());
    return items.length === 1 ? items[0]! : { kind: 'all', items };
  }

  private not(): Expression {
    if (this.keyword('not')) return { kind: 'not', item: this.not() };
    return this.primary();
  }

  private primary(): Expression {
    this.skipSpace();
    if (this.text[this.position] === '(') {
      this.position++;
      const inner = this.expression();
      this.skipSpace();
      if (this.text[this.position] !== ')') this.fail('expected ")"');
      this.position++;
      return inner;
    }
    return this.condition();
  }

  private condition(): Expression {
    const field = this.run(FIELD);
    if (field === '') this.fail('expected a field name');
    this.skipSpace();
    const operator = OPERATORS.find((op) => this.text.startsWith(op, this.position));
    if (operator === undefined) this.fail('expected an operator');
    this.position += operator.length;
    this.skipSpace();
    return { kind: 'condition', path: field.split('.'), operator, value: this.value() };
  }

  private value(): string {
    const quote = this.text[this.position];
    if (quote === '"' || quote === "'") {
      let index = this.position + 1;
      while (index < this.text.length && this.text[index] !== quote) index += this.text[index] === '\\' ? 2 : 1;
      if (index >= this.text.length) this.fail('unterminated quoted value');
      const value = this.text.slice(this.position + 1, index);
      this.position = index + 1;
      return value;
    }
    const bare = this.run(BARE);
    if (bare === '') this.fail('expected a value');
    return bare;
  }

  /** Consumes `word` (case-insensitive) when it stands alone as a keyword here. */
  private keyword(word: string): boolean {
    this.skipSpace();
    const candidate = this.text.slice(this.position, this.position + word.length);
    const next = this.text[this.position + word.length];
    if (candidate.toLowerCase() !== word || (next !== undefined && FIELD.test(next))) return false;
    this.position += word.length;
    return true;
  }

  private run(pattern: RegExp): string {
    const start = this.position;
    while (this.position < this.text.length && pattern.test(this.text[this.position]!)) this.position++;
    return this.text.slice(start, this.position);
  }

  private skipSpace(): void {
    while (this.position < this.text.length && /\s/.test(this.text[this.position]!)) this.position++;
  }

  private fail(detail: string): never {
    throw new ExpressionSyntaxError(`Failed to parse: ${this.text}. ${detail} at position ${this.position}.`);
  }
}
