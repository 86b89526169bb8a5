import { ArgumentError } from '../../runtime/errors.js';
import { parseExpression as parseEventExpression } from '../../runtime/protocol/parse-event-expression.js';
import { matchesExpression } from '../../runtime/protocol/evaluate-event-expression.js';
import type { ExpressionNode } from '../../runtime/protocol/event-expression-ast.js';

/**
 * The hub's subscription/target expressions: the same grammar and semantics as the client's
 * (runtime/events, the Python client's rules of spec event-hub.md §5), with the hub's own error.
 *
 * @example
 * const expression = parseExpression('topic=ftrack.update and source.user.username="jane"');
 * matches(expression, event); // true for jane's ftrack.update events
 */
export type Expression = ExpressionNode;

/** An expression that does not parse; `message` names the expression and the position. */
export class ExpressionSyntaxError extends Error {
  readonly code = 'EXPRESSION_SYNTAX';
}

/** Parses `text`; throws `ExpressionSyntaxError` (an empty expression is invalid too). */
export function parseExpression(text: string): Expression {
  try {
    return parseEventExpression(text);
  } catch (error) {
    if (error instanceof ArgumentError) throw new ExpressionSyntaxError(error.message);
    throw error;
  }
}

/**
 * True when `expression` matches `candidate` (an event for subscriptions, subscriber metadata for
 * targets); an evaluation error (ordering a non-string) is no match.
 */
export const matches: (expression: Expression, candidate: unknown) => boolean = matchesExpression;
