import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { repoRoot } from '../../support/shared.js';

/** The server's conformance suite, whose query expressions the parser tests read (not copy). */
export const CONFORMANCE_SOURCE = join(repoRoot, 'test', 'server', 'conformance.test.ts');

/**
 * The expressions of the conformance file: the second argument of each `query(server, …)` call,
 * each `const expression = …`, and the first item of each `cases` tuple. A `${…}` in a template
 * literal becomes `1`: every interpolation there is a value (an id, a name, a date, an offset),
 * and a number is a valid value in each of those places. `unread`: what it could not read.
 */
export function conformanceExpressions(): { expressions: string[]; unread: string[] } {
  const file = ts.createSourceFile(CONFORMANCE_SOURCE, readFileSync(CONFORMANCE_SOURCE, 'utf8'), ts.ScriptTarget.Latest, true);
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

/** Deliberately invalid syntax in the conformance file, with the position the server names too. */
export const INVALID_EXPRESSIONS: Readonly<Record<string, number>> = {
  'select name from Task where name is': 35,
  'select name from Task where (name is "a"': 40,
  'select name from Task where name is "unterminated': 36,
};

/**
 * A copy of an AST without what the parser kept of the writing (`written`, `parens`): the tree's
 * meaning, as a builder would make it. Compiled, it gives the canonical form.
 */
export function meaning<T>(node: T): T {
  if (Array.isArray(node)) return node.map(meaning) as T;
  if (typeof node !== 'object' || node === null) return node;
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) if (key !== 'written' && key !== 'parens') copy[key] = meaning(value);
  return copy as T;
}
