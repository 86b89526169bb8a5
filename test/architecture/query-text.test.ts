import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/shared.js';

// A query is data down to the wire: in runtime/, only the compiler writes ftrack query text. This
// check reads every string and template literal of runtime/**/*.ts (comments are not code, so
// JSDoc examples do not count) and fails on one that builds query text outside the allowed files.

/** The only files of runtime/ that may write ftrack query text: the compiler. */
const ALLOWED = new Set(['runtime/query/compile-query.ts', 'runtime/query/compile-condition.ts']);
/**
 * The compiler writes one token at a time (keeping the spelling of parsed expressions), so its
 * query text is keyword literals joined by `joined()` rather than templates.
 */
const KEYWORD_LITERAL = /^(select|from|where|group by|order by|offset|limit|not|in|not_in)$/;

/**
 * Pieces of query text being put together (`${…}` stands for any interpolation). An interpolated
 * clause counts when what follows it is the end of the literal or the next clause, so messages
 * such as "past offset ${n}; paging stopped" do not.
 */
const CLAUSE_END = String.raw`(\s*$|\s+(where|group|order|offset|limit|and|or)\b|\s*\))`;
/** A value as query text: an interpolation, a value keyword or a number. */
const VALUE = String.raw`(\$\{[^}]*\}|None|null|true|false|-?\d+)`;
const PATTERNS: readonly [string, RegExp][] = [
  ['a literal starting with "select "', /^\s*select\s/i],
  ['"from ${…}"', new RegExp(String.raw`\bfrom \$\{[^}]*\}${CLAUSE_END}`, 'i')],
  ['"where ${…}"', /\bwhere \$\{/i],
  ['a " where " piece', /^\s+where\s+$/i],
  ['"order by ${…}" / "group by ${…}"', /\b(order|group) by \$\{/i],
  ['"offset ${…}" / "limit ${…}"', new RegExp(String.raw`\b(offset|limit) ${VALUE}${CLAUSE_END}`, 'i')],
  ['" in (${…}"', /\b(in|not_in) \(\$\{/i],
  ['" in (" / " not_in (" piece', /^\s*(in|not_in) \(\s*$/i],
  ['"${…} is ${…}" (a comparison)', new RegExp(String.raw`\$\{[^}]*\} (is|is_not|like|not_like|after|before|[<>]=?|!?=) ${VALUE}${CLAUSE_END}`, 'i')],
  ['an " and " / " or " joiner', /^\s+(and|or)\s+$/i],
];

interface QueryTextFinding {
  readonly line: number;
  readonly pattern: string;
  readonly text: string;
}

/** The string and template literals of `source` that build ftrack query text. */
function findQueryText(fileName: string, source: string): QueryTextFinding[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true);
  const findings: QueryTextFinding[] = [];
  const check = (node: ts.Node, text: string) => {
    for (const [pattern, regex] of PATTERNS) {
      if (regex.test(text)) findings.push({ line: file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1, pattern, text });
    }
  };
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) check(node, node.text);
    else if (ts.isTemplateExpression(node)) {
      check(node, node.head.text + node.templateSpans.map((span) => `\${${span.expression.getText(file)}}${span.literal.text}`).join(''));
      for (const span of node.templateSpans) visit(span.expression);
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return findings;
}

function runtimeFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return runtimeFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

describe('query text is written only by the compiler', () => {
  it('finds no query text built in runtime/ outside the allowed files', () => {
    const files = runtimeFiles(join(repoRoot, 'runtime'));
    expect(files.length).toBeGreaterThan(50);
    const offences = files
      .map((path) => relative(repoRoot, path).split('\\').join('/'))
      .filter((name) => !ALLOWED.has(name))
      .flatMap((name) => findQueryText(name, readFileSync(join(repoRoot, name), 'utf8')).map((f) => `${name}:${f.line} ${f.pattern}: ${f.text}`));
    expect(offences).toEqual([]);
  });

  it('the allowed files exist and do build query text (the list is not stale)', () => {
    for (const name of ALLOWED) {
      const source = readFileSync(join(repoRoot, name), 'utf8');
      const keywords = [...source.matchAll(/'([a-z_ ]+)'/g)].filter((match) => KEYWORD_LITERAL.test(match[1]!));
      expect(findQueryText(name, source).length + keywords.length, name).toBeGreaterThan(0);
    }
  });

  it('the scanner catches query text built with templates and concatenation', () => {
    const caught = (code: string) => findQueryText('snippet.ts', code).map((f) => f.pattern);
    expect(caught('const e = `select ${paths} from ${type}`;')).toEqual(['a literal starting with "select "', '"from ${…}"']);
    expect(caught('const e = base + " where " + condition;')).toEqual(['a " where " piece']);
    expect(caught('const e = `${base} where ${condition}`;')).toEqual(['"where ${…}"']);
    expect(caught('const e = `${base} offset ${n} limit ${m}`;')).toEqual(['"offset ${…}" / "limit ${…}"']);
    expect(caught("const e = `id in (${ids.join(', ')})`;")).toEqual(['" in (${…}"']);
    expect(caught('const e = `${name} is ${quoteValue(v)}`;')).toEqual(['"${…} is ${…}" (a comparison)']);
    expect(caught("const e = conditions.join(' and ');")).toEqual(['an " and " / " or " joiner']);
    expect(caught('const e = `${a} order by ${b}`;')).toEqual(['"order by ${…}" / "group by ${…}"']);
    expect(caught('const e = `${name} is ${value} and ${rest}`;')).toEqual(['"${…} is ${…}" (a comparison)']);
    expect(caught('const e = `${name} is None`;')).toEqual(['"${…} is ${…}" (a comparison)']);
    expect(caught('const e = `${expression} limit 2`;')).toEqual(['"offset ${…}" / "limit ${…}"']);
  });

  it('the scanner ignores comments and ordinary messages', () => {
    const code = [
      '/** @example q.Task.select("name") // select name from Task where id in ("a") limit 1 */',
      '// `select ${x} from ${y}`',
      'throw new QueryError(`${path} can be used in a where clause but not selected.`);',
      "throw new QueryError('select() needs at least one attribute path.');",
      'throw new Error(`metadata.next.offset (${n}) does not move past offset ${next}; paging stopped.`);',
      'throw new Error(`schema entry ${index} is ${text}, not an entity type object.`);',
      'throw new Error(`No complete answer from ${where} within ${ms} ms.`);',
    ].join('\n');
    expect(findQueryText('snippet.ts', code)).toEqual([]);
  });
});
