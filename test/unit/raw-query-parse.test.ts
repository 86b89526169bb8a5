import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { QueryError } from '../../runtime/errors.js';
import { compileQuery, parseQuery } from '../../runtime/query/index.js';
import { parseQuery as serverParseQuery } from '../../server/query/parser.js';
import { CONFORMANCE_SOURCE, conformanceExpressions, INVALID_EXPRESSIONS as INVALID, meaning } from './support/conformance-expressions.js';

// Every query expression of the server's conformance suite, read from its source (not copied), goes
// through the client's parser and compiler and comes back byte for byte: the parsed nodes keep how
// the expression was written (runtime/query/written.ts). Deliberately broken expressions raise a
// QueryError naming the position.

const { expressions, unread } = conformanceExpressions();
const valid = expressions.filter((expression) => !(expression in INVALID));

describe('raw expressions of the conformance suite: parse → compile', () => {
  it('reads every query expression of the file (none in a form it cannot read)', () => {
    expect(unread).toEqual([]);
    // Cross-check against the text: one expression per `query(server, <literal>` call, plus the variables and cases.
    const source = readFileSync(CONFORMANCE_SOURCE, 'utf8');
    const calls = source.match(/\bquery\(server, (?!expression\b)/g)?.length ?? 0;
    expect(calls).toBeGreaterThan(40);
    expect(expressions.length).toBeGreaterThanOrEqual(calls + 8);
    expect(expressions).toContain('select name from Task limit 1');
    expect(expressions).toContain('select count(id) from Task group by project_id, status_id');
    for (const input of Object.keys(INVALID)) expect(expressions, input).toContain(input);
  });

  it.each(valid)('%s', (expression) => {
    const compiled = compileQuery(parseQuery(expression));
    expect(compiled).toBe(expression);
    // The server's parser reads what the client sends.
    expect(() => serverParseQuery(compiled)).not.toThrow();
  });

  it('is not a round trip of canonical text only: the suite writes many expressions a builder would write differently', () => {
    const differing = valid.filter((expression) => compileQuery(meaning(parseQuery(expression))) !== expression);
    // Redundant parentheses, `1,1`, `"1"and`, `descending`, `limit … offset …`, `True`, `key=frame_rate`, `a or b and c`.
    // (`order by sort` is no such case: a direction written or not is part of the tree.)
    expect(differing).toEqual(
      expect.arrayContaining([
        'select context_type, id, name from Task where (id is "1")',
        'select email from User where id in (1,1)',
        'select value from Metadata where (parent_id is "1"and key is "1") or (parent_id is "1"and key is "1")',
        'select name, bid from Task where ((bid > 0) and (name = "1")) order by name descending offset 1 limit 10',
        'select name from Shot where metadata any (key=frame_rate and value=25)',
        'select id from Task limit 3 offset 2',
        'select username from User where is_active is True',
        'select id from Task where id is "1" or id is "1" and name is_not "1"',
        'select id from Task where not (id is "1" or (id = "1"))',
      ]),
    );
    expect(differing.length).toBeGreaterThanOrEqual(11);
  });

  it.each(valid)('the canonical form of %s means the same and is a fixed point', (expression) => {
    const tree = meaning(parseQuery(expression));
    const canonical = compileQuery(tree);
    expect(meaning(parseQuery(canonical))).toEqual(tree);
    expect(compileQuery(parseQuery(canonical))).toBe(canonical);
    expect(() => serverParseQuery(canonical)).not.toThrow();
  });

  it.each(Object.entries(INVALID))('%s is a QueryError at position %i', (expression, position) => {
    let caught: unknown;
    try {
      parseQuery(expression);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(QueryError);
    expect((caught as QueryError).cause).toMatchObject({ expression, position });
    expect((caught as QueryError).message).toContain(`position ${position}`);
  });
});

describe('the parser on its own', () => {
  it('keeps bare words, number texts, operator aliases and quoted names as written', () => {
    for (const expression of [
      'Project where status is active',
      'select name from Task where bid is 1.50 and sort > 007',
      'select id from Task where bid greater_than 1 and bid less_than 9 and name != "x"',
      'select `my-attr`, parent.`a b` from Thing where `my-attr` is "x"',
      'select sum(version), avg(version), min(version), max(date), asset_id from AssetVersion group by asset_id',
      'select name from Shot where id not_in (select parent_id from Task where name is "x")',
      'Note where author has () and not parent has (name like "%a")',
    ]) {
      expect(compileQuery(parseQuery(expression))).toBe(expression);
      expect(compileQuery(meaning(parseQuery(expression)))).toBe(expression);
    }
  });

  it('keeps keyword case, quotes, escapes, layout and clause order as written; the canonical form is one step away', () => {
    const cases: [written: string, canonical: string][] = [
      [
        "SELECT name FROM Task WHERE name IS 'a\\'b' OR bid IS NULL ORDER BY name DESC LIMIT 2",
        'select name from Task where name is "a\'b" or bid is None order by name desc limit 2',
      ],
      ['  Task\twhere (bid>1)\n  LIMIT 5 ', 'Task where bid > 1 limit 5'],
      ['select COUNT( id ) ,name from Task Group  By name', 'select count(id), name from Task group by name'],
      ['Task limit 1 order by `name` ASCENDING, bid offset 01', 'Task order by name asc, bid offset 1 limit 1'],
      ['Task where NOT ( name is "a" )and not bid in( 1 ,"2" )', 'Task where not (name is "a") and not (bid in (1, "2"))'],
      ['Task where not name is "a" or ((bid is 1))', 'Task where not (name is "a") or bid is 1'],
      ['Task where name is "a" and (bid is 1 and (id is 2 or id is 3))', 'Task where name is "a" and (bid is 1 and (id is 2 or id is 3))'],
      ['Shot where notes ANY(  )or parent HAS( name Like "x" )', 'Shot where notes any () or parent has (name like "x")'],
      ['Task where id NOT_IN(select  id FROM Task WHERE bid is 1)', 'Task where id not_in (select id from Task where bid is 1)'],
      ['Task where a is true and b is FALSE and c is none and d is "x\\y"', 'Task where a is true and b is false and c is None and d is "xy"'],
    ];
    for (const [written, canonical] of cases) {
      expect(compileQuery(parseQuery(written)), written).toBe(written);
      expect(compileQuery(meaning(parseQuery(written))), written).toBe(canonical);
      expect(() => serverParseQuery(written)).not.toThrow();
    }
  });

  it('makes deeply frozen trees, what it kept of the writing included', () => {
    const frozen = (value: unknown): boolean =>
      typeof value !== 'object' || value === null || (Object.isFrozen(value) && Object.values(value).every(frozen));
    for (const expression of [...valid, 'select COUNT( id ) ,name from Task where id in ( select id from Task where not(a is 1) ) Group By name']) {
      expect(frozen(parseQuery(expression)), expression).toBe(true);
    }
  });

  it('names the position of what is wrong', () => {
    const cases: [string, number][] = [
      ['', 0],
      ['select from Task', 7],
      ['Task where name ~ "x"', 16],
      ['Task where name is "x" limit -1', 29],
      ['Task where name in ()', 20],
      ['Task where (name is "x"))', 24],
      ['Task where name ! "x"', 16],
      ['Task where id in (select id from Task limit 5)', 38],
      ['Task where id in (select id, name from Task)', 27],
    ];
    for (const [expression, position] of cases) {
      expect(() => parseQuery(expression), expression).toThrow(QueryError);
      expect(() => parseQuery(expression), expression).toThrow(`position ${position}`);
    }
  });

  it('bounds nesting instead of exhausting the stack', () => {
    const deep = `Task where ${'('.repeat(300)}name is "x"${')'.repeat(300)}`;
    expect(() => parseQuery(deep)).toThrow(/at most 256 levels/);
    const fine = `Task where ${'('.repeat(200)}name is "x"${')'.repeat(200)}`;
    expect(compileQuery(parseQuery(fine))).toBe(fine);
    expect(compileQuery(meaning(parseQuery(fine)))).toBe('Task where name is "x"');
  });
});
