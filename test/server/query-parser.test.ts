import { describe, expect, it } from 'vitest';
import { parseQuery } from '../../server/query/parser.js';
import { tokenize } from '../../server/query/tokenizer.js';

describe('tokenizer', () => {
  it('splits adjacent strings, symbols and bare words (spec 5.2)', () => {
    const tokens = tokenize('(parent_id is "p1"and key=k1) or id in (1f2e-a,9a8b) and x != -1.5');
    expect(tokens.map((t) => `${t.kind}:${t.text}`)).toEqual([
      'symbol:(', 'word:parent_id', 'word:is', 'string:p1', 'word:and', 'word:key', 'symbol:=', 'word:k1', 'symbol:)',
      'word:or', 'word:id', 'word:in', 'symbol:(', 'word:1f2e-a', 'symbol:,', 'word:9a8b', 'symbol:)',
      'word:and', 'word:x', 'symbol:!=', 'number:-1.5', 'end:',
    ]);
  });

  it('unescapes backslashes in both quote styles and keeps everything else verbatim', () => {
    expect(tokenize(String.raw`"a\"b\\c%_'"`)[0]!.text).toBe('a"b\\c%_\'');
    expect(tokenize(String.raw`'it\'s "x"'`)[0]!.text).toBe('it\'s "x"');
    expect(tokenize('"line\nbreak é 😀"')[0]!.text).toBe('line\nbreak é 😀');
  });
});

describe('parser', () => {
  it('parses every clause, with and binding tighter than or', () => {
    const query = parseQuery('select name, count(id) from Task where a is 1 or b is 2 and not c any () group by name order by name desc, id offset 5 limit 10');
    expect(query.select!.map((p) => p.kind)).toEqual(['path', 'aggregate']);
    expect(query.where).toMatchObject({ kind: 'or', items: [{ kind: 'compare' }, { kind: 'and', items: [{ kind: 'compare' }, { kind: 'not', operand: { kind: 'any', body: undefined } }] }] });
    expect(query.groupBy!.map((g) => g.path)).toEqual([['name']]);
    expect(query.orderBy.map((o) => [o.target.path.join('.'), o.descending])).toEqual([['name', true], ['id', false]]);
    expect([query.offset, query.limit]).toEqual([5, 10]);
  });

  it('accepts limit before offset, projection-less queries, keywords in upper case and keyword-named attributes', () => {
    const query = parseQuery('Setting WHERE group is "STORAGE" AND default is None LIMIT 2 OFFSET 1');
    expect(query.select).toBeUndefined();
    expect(query.where).toMatchObject({ kind: 'and', items: [{ target: { path: ['group'] } }, { target: { path: ['default'] }, value: { kind: 'null' } }] });
    expect([query.offset, query.limit]).toEqual([1, 2]);
    expect(parseQuery('select default, label from X order by sort ascending').select!.map((p) => p.target.path[0])).toEqual(['default', 'label']);
  });

  it('maps every operator alias', () => {
    const ops = ['is', '=', 'is_not', '!=', '>', 'after', 'greater_than', '<', 'before', 'less_than', '>=', '<=', 'like', 'not_like'];
    const mapped = ops.map((op) => (parseQuery(`T where a ${op} 1`).where as { operator: string }).operator);
    expect(mapped).toEqual(['eq', 'eq', 'ne', 'ne', 'gt', 'gt', 'gt', 'lt', 'lt', 'lt', 'ge', 'le', 'like', 'not_like']);
  });

  it('parses value lists, subqueries and has/any bodies', () => {
    expect(parseQuery('T where id in (a, "b", 3, None)').where).toMatchObject({ kind: 'in', negated: false, values: [{ kind: 'string' }, { kind: 'string' }, { kind: 'number' }, { kind: 'null' }] });
    expect(parseQuery('T where id not_in (select parent_id from Task where name is x)').where).toMatchObject({ kind: 'in_query', negated: true, query: { entityType: 'Task', projection: { path: ['parent_id'] } } });
    expect(parseQuery('Note where author has (first_name is "Ada" and last_name is "Lovelace")').where).toMatchObject({ kind: 'has', body: { kind: 'and' } });
  });

  it('reports the position and what was expected', () => {
    const cases: [string, RegExp][] = [
      ['select from Task', /position 7: expected an attribute path, found "from"/],
      ['select name Task', /position 12: expected "," or "from"/],
      ['select name from Task where', /position 27: expected an attribute path, found end of query/],
      ['Task where name ~ 1', /position 16: expected .*"~/],
      ['Task where name isnt 1', /position 16: expected an operator/],
      ['Task limit x', /expected a non-negative integer after "limit"/],
      ['Task where id in ()', /expected a value/],
      ['Task where a is 1 b', /position 18: expected "and", "or"/],
      ['Task where a ! 1', /position 13: expected "!="/],
    ];
    for (const [expression, message] of cases) {
      expect(() => parseQuery(expression), expression).toThrow(message);
    }
  });
});
