/**
 * How `parseQuery` found a node written: the concrete syntax of a raw expression, kept on the
 * nodes it parsed so that `compileQuery` writes the expression back byte for byte (keyword case,
 * `descending`, `True`, quote style, whitespace, redundant parentheses, clause order). Builder
 * nodes have none, and the compiler then writes its canonical form.
 *
 * Every part is a hint the compiler checks when writing, never text it copies blindly: a gap is
 * used only when it is whitespace (space, tab, CR, LF), a spelling only when it reads back as the
 * same keyword, value or path, a list of gaps only when it still fits the node's pieces; anything
 * else falls back to the canonical form. Two tokens that would read as one without a space (two
 * words, or `>` and `=`) always get a space, so a tree edited after parsing still compiles to a
 * valid expression with the meaning of the tree.
 */

/**
 * Parentheses written around a condition, outermost first: each pair holds the whitespace just
 * inside `(` and just before `)`. Empty: written without parentheses.
 *
 * @example parseQuery('Task where ( name is "x")').where?.parens // [[' ', '']]
 */
export type WrittenParens = readonly (readonly [string, string])[];

/** `name IS "x"`: the operator as written and the whitespace before and after it. */
export interface ComparisonWritten {
  readonly operator: string;
  readonly gaps: readonly [string, string];
}

/**
 * `id IN ( 1,2 )`: the operator as written and the whitespace between its pieces, in order: path
 * to operator, operator to `(`, then between each pair of neighbours inside the parentheses
 * (`(`, each value and `,`, `)`; or `(`, the subquery, `)`).
 */
export interface MembershipWritten {
  readonly operator: string;
  readonly gaps: readonly string[];
}

/** `notes ANY ( … )`: the quantifier as written and the gaps path→quantifier→`(`→body→`)` (3 when the body is empty). */
export interface RelationWritten {
  readonly quantifier: string;
  readonly gaps: readonly string[];
}

/** `a AND b and c`: each `and`/`or` as written, and the whitespace before and after each one. */
export interface JunctionWritten {
  readonly joiners: readonly string[];
  readonly gaps: readonly string[];
}

/** `NOT  x`: the word as written and the whitespace after it. */
export interface NotWritten {
  readonly word: string;
  readonly gap: string;
}

/** `name DESCENDING`: the direction word as written (`descending`, `desc`, `ASC`, …) and the whitespace before it. */
export interface OrderWritten {
  readonly direction: string;
  readonly gap: string;
}

/** `COUNT( id )`: the function name as written and the gaps name→`(`→path→`)`. */
export interface AggregateWritten {
  readonly fn: string;
  readonly gaps: readonly [string, string, string];
}

/** A keyword (`SELECT`, `order  by`) as written and the whitespace after it. */
export interface KeywordWritten {
  readonly keyword: string;
  readonly after: string;
}

/** A keyword that follows an earlier piece: also the whitespace before it. */
export interface ClauseWritten extends KeywordWritten {
  readonly before: string;
}

/** `select a ,b`: also the whitespace before and after each comma. */
export interface SelectWritten extends KeywordWritten {
  readonly commas: readonly string[];
}

/** `group by` / `order by`: also the whitespace before and after each comma. */
export interface ListClauseWritten extends ClauseWritten {
  readonly commas: readonly string[];
}

/** `offset` / `limit`: also the number as written (`007`). */
export interface CountClauseWritten extends ClauseWritten {
  readonly number: string;
}

/** The clauses after the entity type (and `where`), in any order the grammar allows. */
export type TailClause = 'groupBy' | 'orderBy' | 'offset' | 'limit';

/**
 * A query's keywords and the whitespace around them; a clause absent here but present on the node
 * (added after parsing, e.g. the session's paging) is written in canonical form.
 */
export interface QueryWritten {
  /** Whitespace before the first token (a subquery's is the membership's, and not written here). */
  readonly leading: string;
  /** Whitespace after the last token (likewise). */
  readonly trailing: string;
  readonly select?: SelectWritten;
  readonly from?: ClauseWritten;
  readonly where?: ClauseWritten;
  readonly groupBy?: ListClauseWritten;
  readonly orderBy?: ListClauseWritten;
  readonly offset?: CountClauseWritten;
  readonly limit?: CountClauseWritten;
  /** The order the tail clauses were written in; used while the node has exactly these. */
  readonly tail: readonly TailClause[];
}
