import { describe, expect, it } from 'vitest';
import { QueryError, SchemaError, UnknownAttributeError, createQueryRoot, parseSchemas } from 'ftrack-codegen';
import { miniSchemas } from '../types/support/mini-schema.js';
import { q } from '../types/support/mini-client.js';

// Bad input gives a QueryError (stable code QUERY) with a message that says what to do.
// Casts stand in for untyped JavaScript callers: TypeScript rejects these calls already.
const untyped = q as unknown as Record<string, any>;

function queryError(run: () => unknown): QueryError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(QueryError);
    expect((error as QueryError).code).toBe('QUERY');
    expect((error as QueryError).cause).toBeDefined();
    return error as QueryError;
  }
  throw new Error('expected a QueryError');
}

describe('query builder: run-time errors', () => {
  it('rejects unknown attributes in fields and paths', () => {
    const error = queryError(() => untyped.Task.where((t: any) => t.stauts.eq('x')));
    expect(error.message).toBe('Task has no attribute "stauts".');
    expect(error.cause).toBeInstanceOf(UnknownAttributeError);
    expect(queryError(() => untyped.Task.where((t: any) => t.status.nme.eq('x'))).message).toBe('Status has no attribute "nme" (at status.nme).');
    expect(queryError(() => untyped.Task.select('status.nme')).message).toContain('Status has no attribute "nme"');
    expect(queryError(() => untyped.Task.orderBy('nope')).message).toContain('Task has no attribute "nope"');
  });

  it('rejects unknown entity types', () => {
    expect(queryError(() => untyped.Tsk).message).toContain('Unknown entity type "Tsk"');
  });

  it('rejects a path that continues after a scalar, and selecting a filter-only attribute', () => {
    expect(queryError(() => untyped.Task.select('name.length')).message).toContain('is not a relation');
    expect(queryError(() => untyped.Task.select('custom_attribute_links')).message).toContain('filter-only');
  });

  it('rejects non-finite numbers and values of the wrong kind', () => {
    expect(queryError(() => q.Task.where((t) => t.bid.gt(Number.NaN))).message).toContain('finite');
    expect(queryError(() => q.Task.where((t) => t.bid.in([1, Infinity]))).message).toContain('finite');
    expect(queryError(() => untyped.Task.where((t: any) => t.bid.eq('5'))).message).toContain('bid is a number attribute');
    expect(queryError(() => untyped.Task.where((t: any) => t.name.eq(5))).message).toContain('name is a string attribute');
    expect(queryError(() => untyped.Task.where((t: any) => t.name.eq(null))).message).toContain('use isNone()');
    expect(queryError(() => q.Task.where((t) => t.start_date.after('yesterday'))).message).toContain('not an ISO 8601');
    expect(queryError(() => q.Task.where((t) => t.start_date.after(new Date(Number.NaN)))).message).toContain('invalid');
  });

  it('keeps operators to their attribute kind for JavaScript callers too', () => {
    expect(queryError(() => untyped.Task.where((t: any) => t.name.gt(5))).message).toBe(
      'name is a string attribute: it has no gt(). Its operators: isNone, isNotNone, eq, ne, in, notIn, like, notLike, startsWith, endsWith, contains.',
    );
    expect(queryError(() => untyped.Task.where((t: any) => t.start_date.like('2024%'))).message).toContain('datetime attribute: it has no like()');
    expect(queryError(() => untyped.Task.where((t: any) => t.thumbnail_url.eq('x'))).message).toContain('json attribute: it has no eq()');
    expect(queryError(() => untyped.Task.where((t: any) => t.bid.any())).message).toContain('number attribute: it has no any()');
  });

  it('rejects % and _ in startsWith / endsWith / contains (ftrack like has no escape)', () => {
    expect(queryError(() => q.Task.where((t) => t.name.contains('50%'))).message).toContain('no escape character');
    expect(queryError(() => q.Task.where((t) => t.name.startsWith('sh_'))).message).toContain('.like()');
    expect(queryError(() => q.Task.where((t) => t.name.endsWith('_v1'))).message).toContain('wildcards');
    expect(q.Task.where((t) => t.name.like('sh\\_%')).toString()).toContain('name like "sh\\\\_%"');
  });

  it('rejects empty in-lists, bad subqueries and bad paging', () => {
    expect(queryError(() => q.Task.where((t) => t.name.in([]))).message).toContain('at least one value');
    expect(queryError(() => q.Project.where((p) => p.id.in(q.Task))).message).toContain('exactly one attribute');
    expect(queryError(() => q.Project.where((p) => p.id.in(q.Task.select('id', 'name')))).message).toContain('exactly one attribute');
    expect(queryError(() => q.Project.where((p) => p.id.in(q.Task.select('id').limit(1)))).message).toContain('cannot have order by');
    expect(queryError(() => untyped.Project.where((p: any) => p.id.in('abc'))).message).toContain('array of values or a subquery');
    expect(queryError(() => q.Task.limit(-1)).message).toContain('limit must be a non-negative integer');
    expect(queryError(() => q.Task.offset(1.5)).message).toContain('offset must be a non-negative integer');
    expect(queryError(() => untyped.Task.orderBy('name', 'up')).message).toContain("'asc' or 'desc'");
  });

  it('rejects callbacks that do not return conditions or fields', () => {
    expect(queryError(() => untyped.Task.where((t: any) => t.name)).message).toContain('the field "name"');
    expect(queryError(() => untyped.Task.where(() => undefined)).message).toContain('forget to return');
    expect(queryError(() => untyped.Task.select(() => ['name'])).message).toContain('must return fields');
    expect(queryError(() => untyped.Task.select()).message).toContain('at least one attribute path');
    expect(queryError(() => untyped.Task.where((t: any) => t.timelogs.every())).message).toContain('Expected a callback');
    expect(queryError(() => untyped.Task.where((t: any) => t.status.eq('s1'))).message).toContain('primary key');
    expect(queryError(() => q.User.where((u) => u.preferred_setting.eq({ name: 'x' } as never))).message).toContain('"group"');
  });

  it('parses the schema once, lazily, and accepts a parsed model', () => {
    const root = createQueryRoot(parseSchemas(miniSchemas));
    expect(String(root.Status)).toBe('select id from Status');
    expect(Object.keys(root)).toContain('Timelog');
    expect('Task' in root).toBe(true);
    expect('Nope' in root).toBe(false);
    const lazy = createQueryRoot({ schemaHash: 'x', schemas: [{ id: 'Broken' }, { properties: {} }] });
    expect(() => lazy.Broken).toThrow(SchemaError); // a type without id: nothing parsed until first use
  });

  it('writes attribute names that are not identifiers in backticks, and refuses an unterminated one', () => {
    const root = createQueryRoot(parseSchemas([{ id: 'Odd', primary_key: ['id'], properties: { id: { type: 'string' }, 'bad name': { type: 'string' } } }]));
    expect(String((root as any).Odd.select('bad name'))).toBe('select `bad name` from Odd');
    expect(queryError(() => (root as any).Odd.select('`bad name')).message).toContain('unterminated');
  });
});
