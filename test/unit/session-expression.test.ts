import { describe, expect, it } from 'vitest';
import { QueryError } from '../../runtime/errors.js';
import { parseSchemas } from '../../runtime/schema/index.js';
import { hasSelect, leadingTypeName, splitPaging } from '../../runtime/loading/expression.js';
import { IdentityMap } from '../../runtime/identity/identity-map.js';
import { primaryKeyCondition } from '../../runtime/loading/primary-key.js';
import { quoteValue } from '../../runtime/query/quote.js';
import { selectPaths } from '../../runtime/entity/entity-paths.js';
import { SessionEntityContext } from '../../runtime/session/session-context.js';
import { pagedExpression } from '../../runtime/loading/query-result.js';
import { unitSchema } from '../support/fixture-server-mock.js';

describe('splitPaging', () => {
  it('takes trailing offset and limit in either order and any case', () => {
    expect(splitPaging('Task where bid > 5 offset 10 limit 20')).toEqual({ base: 'Task where bid > 5', offset: 10, limit: 20 });
    expect(splitPaging('Task LIMIT 3 OFFSET 7')).toEqual({ base: 'Task', offset: 7, limit: 3 });
    expect(splitPaging('select name from Task limit 1')).toEqual({ base: 'select name from Task', offset: undefined, limit: 1 });
  });

  it('never reads inside quoted strings, subqueries or non-trailing words', () => {
    expect(splitPaging('Task where name is "x limit 5"')).toEqual({ base: 'Task where name is "x limit 5"', offset: undefined, limit: undefined });
    expect(splitPaging("Task where name is 'a \\' offset 3'")).toMatchObject({ offset: undefined });
    expect(splitPaging('Task where id in (select id from Task limit 5)')).toMatchObject({ limit: undefined });
    expect(splitPaging('Task where limit is 5 and bid > 1')).toMatchObject({ limit: undefined });
    expect(splitPaging('Task limit 5 limit 6')).toEqual({ base: 'Task limit 5', offset: undefined, limit: 6 });
  });
});

describe('expression helpers', () => {
  it('detects select and reads the leading type name', () => {
    expect(hasSelect('  SELECT name from Task')).toBe(true);
    expect(hasSelect('selection where x is 1')).toBe(false);
    expect(leadingTypeName('Project where status is active')).toBe('Project');
    expect(() => leadingTypeName('"Project"')).toThrow(QueryError);
  });

  it('quotes values so no user string becomes syntax', () => {
    expect(quoteValue('say "hi" \\ bye')).toBe('"say \\"hi\\" \\\\ bye"');
    expect(quoteValue(5)).toBe('5');
    expect(quoteValue(false)).toBe('false');
    expect(quoteValue(null)).toBe('None');
    expect(() => quoteValue(Number.NaN)).toThrow(QueryError);
  });

  it('writes paging clauses without offset 0', () => {
    expect(pagedExpression('select id from Task', 0, 100)).toBe('select id from Task limit 100');
    expect(pagedExpression('select id from Task', 200, 100)).toBe('select id from Task offset 200 limit 100');
  });

  it('builds primary-key conditions from metadata (composite, numeric)', () => {
    const identity = new IdentityMap(parseSchemas(unitSchema()), new SessionEntityContext());
    expect(primaryKeyCondition(identity.runtime('Metadata'), ['p"1', 'fps'])).toBe('parent_id is "p\\"1" and key is "fps"');
    expect(primaryKeyCondition(identity.runtime('Event'), ['42'])).toBe('id is 42');
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
