import { describe, expect, it } from 'vitest';
import { QueryError } from '../../runtime/errors.js';
import { parseSchemas } from '../../runtime/schema/index.js';
import { compileCondition, compileQuery } from '../../runtime/query/compile-query.js';
import type { QueryNode } from '../../runtime/query/nodes.js';
import { parseQuery } from '../../runtime/query/parse-query.js';
import { IdentityMap } from '../../runtime/identity/identity-map.js';
import { primaryKeyCondition } from '../../runtime/loading/primary-key.js';
import { quoteValue } from '../../runtime/query/quote.js';
import { selectPaths } from '../../runtime/entity/entity-paths.js';
import { SessionEntityContext } from '../../runtime/session/session-context.js';
import { pageQuery } from '../../runtime/loading/query-result.js';
import { unitSchema } from '../support/fixture-server-mock.js';

/** A raw expression parsed once (the session's entry): its query without paging, and the paging. */
function splitPaging(expression: string) {
  const node = parseQuery(expression);
  return { base: compileQuery({ ...node, offset: undefined, limit: undefined }), offset: node.offset, limit: node.limit };
}

/** The `QueryError` a raw expression raises, with the position it names. */
function syntaxError(expression: string): { error: unknown; position: unknown } {
  try {
    parseQuery(expression);
  } catch (error) {
    return { error, position: ((error as QueryError).cause as { position?: unknown }).position };
  }
  throw new Error(`${expression} parsed`);
}

const hasSelect = (expression: string) => !parseQuery(expression).defaultProjections;
const leadingTypeName = (expression: string) => parseQuery(expression).entityType;

// The session's tokenizer (splitPaging, hasSelect, leadingTypeName) is gone: a raw expression is
// parsed once into the query AST. Its cases, against the parse entry.
describe('paging of a parsed expression', () => {
  it('takes offset and limit in either order and any case', () => {
    expect(splitPaging('Task where bid > 5 offset 10 limit 20')).toEqual({ base: 'Task where bid > 5', offset: 10, limit: 20 });
    expect(splitPaging('Task LIMIT 3 OFFSET 7')).toEqual({ base: 'Task', offset: 7, limit: 3 });
    expect(splitPaging('select name from Task limit 1')).toEqual({ base: 'select name from Task', offset: undefined, limit: 1 });
  });

  it('never reads inside quoted strings, subqueries or attribute names; a repeated clause is a syntax error', () => {
    expect(splitPaging('Task where name is "x limit 5"')).toEqual({ base: 'Task where name is "x limit 5"', offset: undefined, limit: undefined });
    expect(splitPaging("Task where name is 'a \\' offset 3'")).toMatchObject({ offset: undefined });
    // A subquery has no limit in ftrack's grammar: the parser refuses it where the server would.
    expect(syntaxError('Task where id in (select id from Task limit 5)')).toEqual({ error: expect.any(QueryError), position: 38 });
    expect(splitPaging('Task where limit is 5 and bid > 1')).toMatchObject({ limit: undefined, base: 'Task where limit is 5 and bid > 1' });
    expect(syntaxError('Task limit 5 limit 6')).toEqual({ error: expect.any(QueryError), position: 13 });
  });
});

describe('expression helpers', () => {
  it('detects select and reads the leading type name', () => {
    expect(hasSelect('  SELECT name from Task')).toBe(true);
    expect(hasSelect('selection where x is 1')).toBe(false);
    expect(leadingTypeName('Project where status is active')).toBe('Project');
    expect(syntaxError('"Project"')).toEqual({ error: expect.any(QueryError), position: 0 });
  });

  it('quotes values so no user string becomes syntax', () => {
    expect(quoteValue('say "hi" \\ bye')).toBe('"say \\"hi\\" \\\\ bye"');
    expect(quoteValue(5)).toBe('5');
    expect(quoteValue(false)).toBe('false');
    expect(quoteValue(null)).toBe('None');
    expect(() => quoteValue(Number.NaN)).toThrow(QueryError);
  });

  it('writes paging clauses without offset 0', () => {
    const paged = (base: QueryNode, offset: number, limit: number) => compileQuery(pageQuery(base, offset, limit));
    expect(paged(parseQuery('select id from Task'), 0, 100)).toBe('select id from Task limit 100');
    expect(paged(parseQuery('select id from Task'), 200, 100)).toBe('select id from Task offset 200 limit 100');
  });

  it('builds primary-key conditions from metadata (composite, numeric)', () => {
    const identity = new IdentityMap(parseSchemas(unitSchema()), new SessionEntityContext());
    expect(compileCondition(primaryKeyCondition(identity.runtime('Metadata'), ['p"1', 'fps']))).toBe('parent_id is "p\\"1" and key is "fps"');
    expect(compileCondition(primaryKeyCondition(identity.runtime('Event'), ['42']))).toBe('id is 42');
  });

  it('validates load paths and expands references to default projections', () => {
    const model = parseSchemas(unitSchema());
    expect(selectPaths(model, 'Task', 'project')).toEqual(['project.id', 'project.name']);
    expect(selectPaths(model, 'Task', 'project.tasks')).toEqual(['project.tasks']);
    expect(selectPaths(model, 'Task', 'status.name')).toEqual(['status.name']);
    expect(() => selectPaths(model, 'Task', 'name.length')).toThrow(QueryError);
    expect(() => selectPaths(model, 'Task', 'links')).toThrow(/where clause/);
    expect(() => selectPaths(model, 'Task', 'nope')).toThrow(/no attribute "nope"/);
  });
});
