import { describe, expect, it } from 'vitest';
import { pageQuery } from '../../runtime/loading/query-result.js';
import { compileQuery, parseQuery } from '../../runtime/query/index.js';
import { comparisonNode, junctionNode, notNode, orderNode, pathNode, queryNode, valueNode } from '../../runtime/query/node-factory.js';
import type { ConditionNode, QueryNode } from '../../runtime/query/nodes.js';
import { parseQuery as serverParseQuery } from '../../server/query/parser.js';
import { q } from '../types/support/mini-client.js';
import { conformanceExpressions, INVALID_EXPRESSIONS, meaning } from './support/conformance-expressions.js';

// A parsed tree keeps how its expression was written; a tree edited after parsing must still
// compile to a valid expression that means exactly the edited tree: what was changed is written
// canonically, tokens never run together, and precedence gets parentheses where it needs them.

/** Every conformance expression, and a few written as tightly as the grammar allows. */
const SOURCES = [
  ...conformanceExpressions().expressions.filter((expression) => !(expression in INVALID_EXPRESSIONS)),
  'Task where(name is"a"or bid>1)and not(id in(1,2))order by name desc limit 5 offset 1',
  'select  COUNT( id ) , name FROM Task WHERE a is "1"and b is "2" or c = 3 GROUP BY name',
  'Task where not notes any()or parent has(name is"x"and not(bid<2))',
  'Task where id not_in(select id from Task where name like"x%")',
];

const named = (path: string, value: string | number) => comparisonNode(pathNode(path.split('.')), 'is', valueNode(value));

/** A node as the edits below see it. */
type AnyNode = { readonly kind: string; readonly [key: string]: unknown };

/** Rebuilds every node of a tree bottom-up (plain spreads, so what the parser kept stays on the copies). */
function mapTree<T>(node: T, edit: (node: AnyNode) => object): T {
  if (Array.isArray(node)) return node.map((item) => mapTree(item, edit)) as T;
  if (typeof node !== 'object' || node === null) return node;
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) copy[key] = key === 'written' || key === 'parens' ? value : mapTree(value, edit);
  return (typeof copy.kind === 'string' ? edit(copy as AnyNode) : copy) as T;
}

const EDITS: Readonly<Record<string, (node: QueryNode) => QueryNode>> = {
  'where() adds a condition with and': (node) => queryNode({ ...node, where: node.where === undefined ? named('name', 'x') : junctionNode('and', [node.where, named('name', 'x')]) }),
  'a builder condition joined with or': (node) => {
    const added = q.Task.where((t) => t.name.like('a%')).node.where!;
    return queryNode({ ...node, where: node.where === undefined ? added : junctionNode('or', [added, node.where]) });
  },
  'the condition negated': (node) => queryNode({ ...node, where: node.where === undefined ? undefined : notNode(node.where) }),
  'paged': (node) => pageQuery(node, 200, 100),
  'first page': (node) => pageQuery(node, 0, 1),
  'paging removed': (node) => queryNode({ ...node, offset: undefined, limit: undefined }),
  'default projections filled in': (node) => queryNode({ ...node, projections: [pathNode(['id']), pathNode(['name'])], defaultProjections: false }),
  'select removed': (node) => (node.projections.every((p) => p.kind === 'path') ? queryNode({ ...node, projections: [], defaultProjections: true }) : node),
  'order by and group by added': (node) => queryNode({ ...node, orderBy: [...node.orderBy, orderNode(pathNode(['id']), 'desc')], groupBy: node.groupBy.length > 0 ? node.groupBy : [pathNode(['id'])] }),
  'every value changed': (node) => {
    let n = 0;
    return mapTree(node, (item) => (item.kind === 'value' ? { ...item, value: n++ % 2 === 0 ? 7 : 'x "y"' } : item));
  },
  'every operator changed': (node) => mapTree(node, (item) => (item.kind === 'comparison' ? { ...item, operator: 'is_not' } : item)),
  'every membership negated': (node) => mapTree(node, (item) => (item.kind === 'membership' ? { ...item, negated: !item.negated } : item)),
  'every direction flipped': (node) => mapTree(node, (item) => (item.kind === 'order' ? { ...item, direction: item.direction === 'desc' ? 'asc' : 'desc' } : item)),
  'every and an or, every or an and': (node) => mapTree(node, (item) => (item.kind === 'and' || item.kind === 'or' ? { ...item, kind: item.kind === 'and' ? 'or' : 'and' } : item)),
  'every path renamed': (node) => mapTree(node, (item) => (item.kind === 'path' ? { ...item, segments: ['my-attr'] } : item)),
};

describe('a parsed tree, edited', () => {
  const cases = SOURCES.flatMap((source) => Object.keys(EDITS).map((edit) => [edit, source] as const));

  it.each(cases)('%s: %s', (edit, source) => {
    const edited = EDITS[edit]!(parseQuery(source));
    const text = compileQuery(edited);
    // Valid for both parsers, and it means the edited tree.
    expect(() => serverParseQuery(text)).not.toThrow();
    expect(meaning(parseQuery(text))).toEqual(meaning(edited));
    // Written once more, it is stable.
    expect(compileQuery(parseQuery(text))).toBe(text);
  });

  it('writes what changed canonically and keeps the rest as written', () => {
    const metadata = parseQuery('select value from Metadata where (parent_id is "1"and key is "1") or (parent_id is "1"and key is "1")');
    expect(compileQuery(EDITS['every value changed']!(metadata))).toBe('select value from Metadata where (parent_id is 7 and key is "x \\"y\\"") or (parent_id is 7 and key is "x \\"y\\"")');

    const mixed = parseQuery('select id from Task where id is "1" or id is "1" and name is_not "1"');
    expect(compileQuery(EDITS['where() adds a condition with and']!(mixed))).toBe('select id from Task where (id is "1" or id is "1" and name is_not "1") and name is "x"');
    // The `and` the parser read bare becomes an `or` inside an `and`: it needs parentheses now.
    expect(compileQuery(EDITS['every and an or, every or an and']!(mixed))).toBe('select id from Task where id is "1" and (id is "1" or name is_not "1")');

    const raw = parseQuery('Task where name like "o%" limit 5');
    expect(compileQuery(EDITS['default projections filled in']!(raw))).toBe('select id, name from Task where name like "o%" limit 5');

    const shouted = parseQuery('SELECT name FROM Task WHERE bid>1');
    expect(compileQuery(pageQuery(shouted, 0, 1))).toBe('SELECT name FROM Task WHERE bid>1 limit 1');
    expect(compileQuery(EDITS['every operator changed']!(shouted))).toBe('SELECT name FROM Task WHERE bid is_not 1');

    const reordered = parseQuery('select id from Task limit 3 offset 2');
    expect(compileQuery(pageQuery(reordered, 2, 3))).toBe('select id from Task limit 3 offset 2');
    expect(compileQuery(pageQuery(reordered, 0, 3))).toBe('select id from Task limit 3');

    const sorted = parseQuery('select name from Task order by name descending, id');
    expect(compileQuery(EDITS['every direction flipped']!(sorted))).toBe('select name from Task order by name asc, id desc');

    const negated = parseQuery('Task where not name is "a"');
    const widened = queryNode({ ...negated, where: notNode(junctionNode('or', [(negated.where as { condition: ConditionNode }).condition, named('bid', 1)])) });
    expect(compileQuery(widened)).toBe('Task where not (name is "a" or bid is 1)');
  });

  it('never runs two tokens together where an edit removed the separator they had', () => {
    const tight = parseQuery('Task where name is"a"and(bid>1)');
    const numbers = EDITS['every value changed']!(tight);
    expect(compileQuery(numbers)).toBe('Task where name is 7 and(bid>"x \\"y\\"")');
    expect(compileQuery(EDITS['every operator changed']!(tight))).toBe('Task where name is_not"a"and(bid is_not 1)');
    const symbols = mapTree(tight, (item) => (item.kind === 'comparison' ? { ...item, operator: '>=' } : item));
    expect(compileQuery(symbols)).toBe('Task where name >="a"and(bid>=1)');
    const negative = mapTree(parseQuery('Task where bid>1'), (item) => (item.kind === 'value' ? { ...item, value: -1 } : item));
    expect(compileQuery(negative)).toBe('Task where bid>-1');
    expect(meaning(parseQuery(compileQuery(negative)))).toEqual(meaning(negative));
  });
});

describe('what a node says about its writing is checked, never copied blindly', () => {
  const base = parseQuery('select name from Task where name is "a" and bid is 1 order by name desc offset 1 limit 2');
  const canonical = compileQuery(meaning(base));

  it.each([
    ['a gap that is not whitespace', (n: QueryNode) => ({ ...n, written: { ...n.written!, where: { before: ' or 1=1 ', keyword: 'where', after: ' ' } } })],
    ['a keyword that is more than the keyword', (n: QueryNode) => ({ ...n, written: { ...n.written!, where: { before: ' ', keyword: 'where id is 1 or', after: ' ' } } })],
    ['a keyword of another clause', (n: QueryNode) => ({ ...n, written: { ...n.written!, limit: { before: ' ', keyword: 'offset', after: ' ', number: '2' } } })],
    ['a count that is more than digits', (n: QueryNode) => ({ ...n, written: { ...n.written!, limit: { before: ' ', keyword: 'limit', after: ' ', number: '2 or' } } })],
    ['a count of another value', (n: QueryNode) => ({ ...n, written: { ...n.written!, limit: { before: ' ', keyword: 'limit', after: ' ', number: '20' } } })],
    ['a tail order with other clauses', (n: QueryNode) => ({ ...n, written: { ...n.written!, tail: ['limit', 'limit', 'orderBy'] } })],
    ['a value written as something else', (n: QueryNode) => mapTree(n, (i) => (i.kind === 'value' ? { ...i, written: '"a" or name is "b"' } : i))],
    ['a value written as another value', (n: QueryNode) => mapTree(n, (i) => (i.kind === 'value' ? { ...i, written: '"b"' } : i))],
    ['a path written as more than a path', (n: QueryNode) => mapTree(n, (i) => (i.kind === 'path' ? { ...i, written: 'name or x' } : i))],
    ['a path written as another path', (n: QueryNode) => mapTree(n, (i) => (i.kind === 'path' ? { ...i, written: 'id' } : i))],
    ['an operator written as another', (n: QueryNode) => mapTree(n, (i) => (i.kind === 'comparison' ? { ...i, written: { operator: 'is_not', gaps: [' ', ' '] } } : i))],
    ['a joiner written as the other one', (n: QueryNode) => mapTree(n, (i) => (i.kind === 'and' ? { ...i, written: { joiners: ['or'], gaps: [' ', ' '] } } : i))],
    ['parentheses that are not a list', (n: QueryNode) => mapTree(n, (i) => (i.kind === 'comparison' ? { ...i, parens: ') or (' } : i))],
    ['a direction written as more than a word', (n: QueryNode) => mapTree(n, (i) => (i.kind === 'order' ? { ...i, written: { direction: 'desc, id', gap: ' ' } } : i))],
    ['a direction written as the other one', (n: QueryNode) => mapTree(n, (i) => (i.kind === 'order' ? { ...i, written: { direction: 'ascending', gap: ' ' } } : i))],
    ['gaps that do not fit the node', (n: QueryNode) => mapTree(n, (i) => (i.kind === 'comparison' ? { ...i, written: { operator: 'is', gaps: [' ', ' ', ' '] } } : i))],
    ['non-ASCII letters that lower-case to a keyword', (n: QueryNode) => ({ ...n, written: { ...n.written!, limit: { before: ' ', keyword: 'lim\u0130t', after: ' ', number: '2' } } })],
  ] as const)('%s', (_, spoil) => {
    expect(compileQuery(spoil(base) as QueryNode)).toBe(canonical);
  });

  it('parentheses are only ever added in pairs, whatever their gaps say', () => {
    const spoilt = mapTree(base, (i) => (i.kind === 'comparison' ? { ...i, parens: [[') or (', 'x'], [' ', '\t']] } : i));
    expect(compileQuery(spoilt)).toBe('select name from Task where (( name is "a"\t)) and (( bid is 1\t)) order by name desc offset 1 limit 2');
  });
});
