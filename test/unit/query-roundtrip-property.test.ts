import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileQuery, parseQuery } from '../../runtime/query/index.js';
import {
  aggregateNode,
  comparisonNode,
  junctionNode,
  membershipNode,
  notNode,
  orderNode,
  pathNode,
  queryNode,
  relationNode,
  valueNode,
} from '../../runtime/query/node-factory.js';
import type { AggregateFunction, ComparisonOperator, ConditionNode, Literal, PathNode, ProjectionNode, QueryNode } from '../../runtime/query/nodes.js';
import { parseQuery as serverParseQuery } from '../../server/query/parser.js';
import { meaning } from './support/conformance-expressions.js';

// Random builder trees (made with the node factory, as the query builder makes them): their
// compiled text parses back to a tree that compiles to the same text, its canonical compile is the
// builder's text too, and the server's parser reads it.

/** Words the grammar reads as keywords where a path or a type name may stand: never used as such. */
const KEYWORDS = new Set(['select', 'from', 'not', 'where', 'and', 'or']);
const identifier = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,7}$/).filter((name) => !KEYWORDS.has(name.toLowerCase()));
const segment = fc.oneof(
  identifier,
  fc.constantFrom('group', 'default', 'limit', 'order', 'has', 'in', 'asc', 'my-attr', 'a b', 'x`y', 'back\\slash', 'dot.ted', 'é'),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 6 }),
);
const path: fc.Arbitrary<PathNode> = fc.array(segment, { minLength: 1, maxLength: 3 }).map((segments) => pathNode(segments));

const literal: fc.Arbitrary<Literal> = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.constantFrom('', '"', '\\', "'", ') or (', '" or name is "', 'a\nb'),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
  fc.date({ noInvalidDate: true, min: new Date('1900-01-01'), max: new Date('2100-01-01') }).map((date) => ({ kind: 'datetime' as const, utc: date.toISOString().slice(0, 19) })),
);
const value = literal.map((item) => valueNode(item));
const OPERATORS: readonly ComparisonOperator[] = ['is', 'is_not', '>', '>=', '<', '<=', 'after', 'before', 'like', 'not_like', '=', '!=', 'greater_than', 'less_than'];

const { condition } = fc.letrec<{ condition: ConditionNode }>((tie) => {
  const inner = tie('condition');
  const subquery = fc
    .record({ entityType: identifier, projection: path, where: fc.option(inner, { nil: undefined }) })
    .map(({ entityType, projection, where }) => queryNode({ entityType, projections: [projection], defaultProjections: false, where, orderBy: [], offset: undefined, limit: undefined }));
  return {
    condition: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.tuple(path, fc.constantFrom(...OPERATORS), value).map(([p, operator, v]) => comparisonNode(p, operator, v)),
      fc.tuple(path, fc.boolean(), fc.array(value, { minLength: 1, maxLength: 3 })).map(([p, negated, values]) => membershipNode(p, negated, values)),
      fc.tuple(path, fc.boolean(), subquery).map(([p, negated, query]) => membershipNode(p, negated, query)),
      fc.tuple(path, fc.constantFrom('has' as const, 'any' as const), fc.option(inner, { nil: undefined })).map(([p, quantifier, body]) => relationNode(p, quantifier, body)),
      fc.tuple(fc.constantFrom('and' as const, 'or' as const), fc.array(inner, { minLength: 2, maxLength: 3 })).map(([kind, items]) => junctionNode(kind, items)),
      inner.map((operand) => notNode(operand)),
    ),
  };
});

const projection: fc.Arbitrary<ProjectionNode> = fc.oneof(
  path,
  fc.tuple(fc.constantFrom<AggregateFunction>('count', 'sum', 'avg', 'min', 'max'), path).map(([fn, p]) => aggregateNode(fn, p)),
);
const count = fc.option(fc.nat(), { nil: undefined });

const query: fc.Arbitrary<QueryNode> = fc
  .record({
    entityType: identifier,
    projections: fc.array(projection, { maxLength: 3 }),
    where: fc.option(condition, { nil: undefined }),
    groupBy: fc.array(path, { maxLength: 2 }),
    orderBy: fc.array(fc.tuple(path, fc.constantFrom('asc' as const, 'desc' as const)).map(([p, direction]) => orderNode(p, direction)), { maxLength: 2 }),
    offset: count,
    limit: count,
  })
  .map((fields) => queryNode({ ...fields, defaultProjections: fields.projections.length === 0 }));

describe('builder trees: compile → parse → compile', () => {
  it('is a fixed point, reads back as the builder wrote it, and the server parses it', () => {
    fc.assert(
      fc.property(query, (tree) => {
        const text = compileQuery(tree);
        const parsed = parseQuery(text);
        expect(compileQuery(parsed)).toBe(text);
        expect(compileQuery(meaning(parsed))).toBe(text);
        expect(() => serverParseQuery(text)).not.toThrow();
      }),
      { numRuns: 600 },
    );
  });

  it('stays valid when parsed and then combined with another builder tree', () => {
    fc.assert(
      fc.property(query, condition, fc.constantFrom('and' as const, 'or' as const), (tree, added, kind) => {
        const parsed = parseQuery(compileQuery(tree));
        const edited = queryNode({ ...parsed, where: parsed.where === undefined ? added : junctionNode(kind, [parsed.where, added]) });
        const text = compileQuery(edited);
        expect(meaning(parseQuery(text))).toEqual(meaning(parseQuery(compileQuery(meaning(edited)))));
        expect(() => serverParseQuery(text)).not.toThrow();
      }),
      { numRuns: 300 },
    );
  });
});
