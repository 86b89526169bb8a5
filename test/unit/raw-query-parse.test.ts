import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { QueryError } from '../../runtime/errors.js';
import { compileQuery, parseQuery } from '../../runtime/query/index.js';
import { repoRoot } from '../support/shared.js';

// Every query expression of the server's conformance suite, read from its source (not copied), goes
// through the client's parser and compiler: parse → compile gives the same bytes, or — for the
// expressions listed in NORMALISED — their canonical form, which itself round-trips byte for byte.
// Deliberately broken expressions raise a QueryError naming the position.

const SOURCE = join(repoRoot, 'test', 'server', 'conformance.test.ts');

/**
 * The expressions of the conformance file: the second argument of each `query(server, …)` call,
 * each `const expression = …`, and the first item of each `cases` tuple. A `${…}` in a template
 * literal becomes `1`: every interpolation there is a value (an id, a name, a date, an offset),
 * and a number is a valid value in each of those places.
 */
function conformanceExpressions(): { expressions: string[]; unread: string[] } {
  const file = ts.createSourceFile(SOURCE, readFileSync(SOURCE, 'utf8'), ts.ScriptTarget.Latest, true);
  const expressions: string[] = [];
  const unread: string[] = [];
  const text = (node: ts.Node): string | undefined => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
    if (!ts.isTemplateExpression(node)) return undefined;
    return node.head.text + node.templateSpans.map((span) => `1${span.literal.text}`).join('');
  };
  const take = (node: ts.Node) => {
    const value = text(node);
    if (value === undefined) unread.push(node.getText(file));
    else expressions.push(value);
  };
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'query' && node.arguments.length >= 2) {
      const argument = node.arguments[1]!;
      // `query(server, expression)` passes a variable collected below.
      if (!(ts.isIdentifier(argument) && argument.text === 'expression')) take(argument);
    }
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer !== undefined) {
      if (node.name.text === 'expression') take(node.initializer);
      if (node.name.text === 'cases' && ts.isArrayLiteralExpression(node.initializer)) {
        for (const item of node.initializer.elements) {
          if (ts.isArrayLiteralExpression(item) && item.elements.length > 0) take(item.elements[0]!);
          else unread.push(item.getText(file));
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return { expressions, unread };
}

/** Conformance expressions whose compiled form differs from the input, with that canonical form. */
const NORMALISED: Readonly<Record<string, string>> = {
  // Redundant parentheses go; a missing space after a string or comma is added.
  'select context_type, id, name from Task where (id is "1")': 'select context_type, id, name from Task where id is "1"',
  'select email from User where id in (1,1)': 'select email from User where id in (1, 1)',
  'select value from Metadata where (parent_id is "1"and key is "1") or (parent_id is "1"and key is "1")':
    'select value from Metadata where (parent_id is "1" and key is "1") or (parent_id is "1" and key is "1")',
  'select name, bid from Task where ((bid > 0) and (name = "1")) order by name descending offset 1 limit 10':
    'select name, bid from Task where bid > 0 and name = "1" order by name desc offset 1 limit 10',
  // `order by` without a direction is written with `asc`.
  'select default, label, key, project_id from CustomAttributeConfiguration order by sort':
    'select default, label, key, project_id from CustomAttributeConfiguration order by sort asc',
  'select name from Shot where metadata any (key=frame_rate and value=25)': 'select name from Shot where metadata any (key = frame_rate and value = 25)',
  'select id from Task order by name, id offset 1 limit 10': 'select id from Task order by name asc, id asc offset 1 limit 10',
  // `limit` before `offset` is written offset first.
  'select id from Task limit 3 offset 2': 'select id from Task offset 2 limit 3',
  'select name, status from Task where id in (1,1)': 'select name, status from Task where id in (1, 1)',
  'select name from Task order by nope': 'select name from Task order by nope asc',
  // Value keywords in canonical case.
  'select username from User where is_active is True': 'select username from User where is_active is true',
  'select name from Task where (bid >= 0) and (name like "%ing") order by name descending offset 0 limit 5':
    'select name from Task where bid >= 0 and name like "%ing" order by name desc offset 0 limit 5',
  // `and` binds tighter than `or`: the compiler writes the grouping out.
  'select id from Task where id is "1" or id is "1" and name is_not "1"': 'select id from Task where id is "1" or (id is "1" and name is_not "1")',
  'select id from Task where not (id is "1" or (id = "1"))': 'select id from Task where not (id is "1" or id = "1")',
};

/** Deliberately invalid syntax in the conformance file, with the position the server names too. */
const INVALID: Readonly<Record<string, number>> = {
  'select name from Task where name is': 35,
  'select name from Task where (name is "a"': 40,
  'select name from Task where name is "unterminated': 36,
};

const { expressions, unread } = conformanceExpressions();

describe('raw expressions of the conformance suite: parse → compile', () => {
  it('reads every query expression of the file (none in a form it cannot read)', () => {
    expect(unread).toEqual([]);
    // Cross-check against the text: one expression per `query(server, <literal>` call, plus the variables and cases.
    const source = readFileSync(SOURCE, 'utf8');
    const calls = source.match(/\bquery\(server, (?!expression\b)/g)?.length ?? 0;
    expect(calls).toBeGreaterThan(40);
    expect(expressions.length).toBeGreaterThanOrEqual(calls + 8);
    expect(expressions).toContain('select name from Task limit 1');
    expect(expressions).toContain('select count(id) from Task group by project_id, status_id');
  });

  it.each(expressions.filter((expression) => !(expression in INVALID)))('%s', (expression) => {
    const compiled = compileQuery(parseQuery(expression));
    expect(compiled).toBe(NORMALISED[expression] ?? expression);
    // The canonical form is a fixed point: it round-trips byte for byte.
    expect(compileQuery(parseQuery(compiled))).toBe(compiled);
  });

  it('lists only normalisations that occur, each a real change', () => {
    for (const [input, canonical] of Object.entries(NORMALISED)) {
      expect(expressions, input).toContain(input);
      expect(canonical).not.toBe(input);
    }
    for (const input of Object.keys(INVALID)) expect(expressions, input).toContain(input);
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
    }
  });

  it('reads keywords in any case and strings in either quote', () => {
    expect(compileQuery(parseQuery("SELECT name FROM Task WHERE name IS 'a\\'b' OR bid IS NULL ORDER BY name DESC LIMIT 2"))).toBe(
      'select name from Task where name is "a\'b" or bid is None order by name desc limit 2',
    );
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
    expect(compileQuery(parseQuery(fine))).toBe('Task where name is "x"');
  });
});
