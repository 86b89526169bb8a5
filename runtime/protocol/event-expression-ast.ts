/** Comparison operators of the event expression language. */
export type ExpressionOperator = '=' | '!=' | '>=' | '<=' | '>' | '<';

/** A parsed event expression (subscription or target). */
export type ExpressionNode =
  | { readonly kind: 'condition'; readonly field: string; readonly operator: ExpressionOperator; readonly value: string }
  | { readonly kind: 'all'; readonly items: readonly ExpressionNode[] }
  | { readonly kind: 'any'; readonly items: readonly ExpressionNode[] }
  | { readonly kind: 'not'; readonly item: ExpressionNode };
