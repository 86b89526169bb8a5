import { ArgumentError } from '../errors.js';
import type { ExpressionNode, ExpressionOperator } from './event-expression-ast.js';

const FIELD_CHAR = /[A-Za-z0-9_.]/;
const BARE_CHAR = /[A-Za-z0-9\-_,./*@+]/;
const SPACE = /\s/;
const OPERATORS: readonly ExpressionOperator[] = ['!=', '>=', '<=', '=', '>', '<'];
const KEYWORDS = new Set(['and', 'or', 'not']);

/**
 * Parses an event expression with the grammar of ftrack's Python client: conditions
 * `field<op>value` (`=`, `!=`, `>`, `<`, `>=`, `<=`; the value bare or quoted), `and`, `or`,
 * `not` (case-insensitive; `not` binds tighter than `and`, `and` than `or`) and parentheses.
 * Quoted values keep backslash escapes verbatim, as the Python client does. A string that is not
 * a whole expression is an `ArgumentError`.
 *
 * @example parseExpression('topic=ftrack.update and not source.user.username="jane"')
 * // All[topic=ftrack.update, Not[source.user.username=jane]]
 */
export function parseExpression(text: string): ExpressionNode {
  if (typeof text !== 'string') throw new ArgumentError('An event expression is a string, e.g. "topic=ftrack.update".', { cause: { expression: typeof text } });
  const parser = new Parser(text);
  const node = parser.expression();
  parser.skipSpace();
  if (!parser.atEnd()) parser.fail('unexpected text');
  return node;
}

class Parser {
  #pos = 0;
  constructor(private readonly text: string) {}

  atEnd(): boolean {
    return this.#pos >= this.text.length;
  }

  skipSpace(): void {
    while (!this.atEnd() && SPACE.test(this.text[this.#pos]!)) this.#pos++;
  }

  fail(detail: string): never {
    const at = this.atEnd() ? 'at the end' : `at position ${this.#pos}`;
    throw new ArgumentError(`Failed to parse the event expression ${JSON.stringify(this.text)}: ${detail} ${at}.`, {
      cause: { expression: this.text, position: this.#pos },
    });
  }

  expression(): ExpressionNode {
    const items = [this.andExpression()];
    while (this.keyword('or')) items.push(this.andExpression());
    return items.length === 1 ? items[0]! : { kind: 'any', items };
  }

  andExpression(): ExpressionNode {
    const items = [this.notExpression()];
    while (this.keyword('and')) items.push(this.notExpression());
    return items.length === 1 ? items[0]! : { kind: 'all', items };
  }

  notExpression(): ExpressionNode {
    if (this.keyword('not')) return { kind: 'not', item: this.notExpression() };
    return this.primary();
  }

  primary(): ExpressionNode {
    this.skipSpace();
    if (this.text[this.#pos] === '(') {
      this.#pos++;
      const inner = this.expression();
      this.skipSpace();
      if (this.text[this.#pos] !== ')') this.fail('expected ")"');
      this.#pos++;
      return inner;
    }
    return this.condition();
  }

  condition(): ExpressionNode {
    this.skipSpace();
    const field = this.run(FIELD_CHAR);
    if (field === '') this.fail('expected a field name');
    this.skipSpace();
    const operator = OPERATORS.find((op) => this.text.startsWith(op, this.#pos));
    if (operator === undefined) this.fail(`expected an operator after "${field}"`);
    this.#pos += operator.length;
    this.skipSpace();
    return { kind: 'condition', field, operator, value: this.value() };
  }

  value(): string {
    const quote = this.text[this.#pos];
    if (quote === '"' || quote === "'") {
      const start = ++this.#pos;
      while (!this.atEnd()) {
        const char = this.text[this.#pos]!;
        if (char === '\n' || char === '\r') break;
        if (char === '\\') this.#pos += 2;
        else if (char === quote) {
          const value = this.text.slice(start, this.#pos);
          this.#pos++;
          return value;
        } else this.#pos++;
      }
      this.#pos = start - 1;
      this.fail('unterminated quoted value');
    }
    const bare = this.run(BARE_CHAR);
    if (bare === '') this.fail('expected a value');
    return bare;
  }

  /** Consumes `word` (case-insensitive) when it stands there as a whole word. */
  keyword(word: string): boolean {
    this.skipSpace();
    const end = this.#pos + word.length;
    if (this.text.slice(this.#pos, end).toLowerCase() !== word) return false;
    const next = this.text[end];
    if (next !== undefined && FIELD_CHAR.test(next)) return false;
    // `not` before an operator is a field named "not", not the keyword.
    if (word === 'not' && this.operatorFollows(end)) return false;
    this.#pos = end;
    return true;
  }

  operatorFollows(from: number): boolean {
    let i = from;
    while (i < this.text.length && SPACE.test(this.text[i]!)) i++;
    return OPERATORS.some((op) => this.text.startsWith(op, i));
  }

  run(chars: RegExp): string {
    const start = this.#pos;
    while (!this.atEnd() && chars.test(this.text[this.#pos]!)) this.#pos++;
    return this.text.slice(start, this.#pos);
  }
}

/** True when `word` is a keyword of the expression language (`and`, `or`, `not`, any case). */
export function isExpressionKeyword(word: string): boolean {
  return KEYWORDS.has(word.toLowerCase());
}
