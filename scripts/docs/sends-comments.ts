/**
 * `// sends: <expression>` comments of the docs' TypeScript blocks, with the statement each one belongs
 * to. The comment follows the statement (at the end of its last line, or on the lines right after it);
 * several comments list what the statement sends in order. `…` in the expression stands for any text.
 * test/architecture/docs-sends.test.ts runs each statement and compares.
 */
import ts from 'typescript';
import { blockMode, codeBlocks } from './code-blocks.js';

/** One statement whose sent expressions a docs page states. */
export interface SendsExample {
  readonly file: string;
  /** 1-based page line of the statement's first line. */
  readonly line: number;
  /** The statement's TypeScript text. */
  readonly statement: string;
  /** How its value is read: an expression's value, a declared variable's, or none. */
  readonly value: { readonly kind: 'expression'; readonly text: string } | { readonly kind: 'variable'; readonly name: string } | { readonly kind: 'none' };
  /** The expressions, in order, with `…` for any text. */
  readonly sends: readonly string[];
}

/** A `// sends:` comment that follows no statement of its block. */
export interface DanglingSends {
  readonly file: string;
  readonly line: number;
}

const SENDS = /\/\/\s*sends:\s*(.*?)\s*$/;

function valueOf(statement: ts.Statement): SendsExample['value'] {
  if (ts.isExpressionStatement(statement)) return { kind: 'expression', text: statement.expression.getText() };
  if (ts.isVariableStatement(statement)) {
    const [declaration, ...more] = statement.declarationList.declarations;
    if (declaration && more.length === 0 && ts.isIdentifier(declaration.name)) return { kind: 'variable', name: declaration.name.text };
  }
  return { kind: 'none' };
}

/** The `// sends:` examples of a page's TypeScript blocks, and the comments that follow no statement. */
export function sendsExamples(file: string, markdown: string): { examples: SendsExample[]; dangling: DanglingSends[] } {
  const examples: SendsExample[] = [];
  const dangling: DanglingSends[] = [];
  for (const block of codeBlocks(file, markdown)) {
    const mode = blockMode(block.info);
    if (mode.kind !== 'check' && mode.kind !== 'nocheck') continue;
    const lines = block.code.split('\n');
    if (!lines.some((line) => SENDS.test(line))) continue;
    const source = ts.createSourceFile(`${file}.ts`, block.code, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
    const spans = source.statements.map((statement) => ({
      statement,
      first: source.getLineAndCharacterOfPosition(statement.getStart(source)).line,
      last: source.getLineAndCharacterOfPosition(statement.getEnd()).line,
    }));
    const found = new Map<ts.Statement, { line: number; sends: string[] }>();
    lines.forEach((text, index) => {
      const match = SENDS.exec(text);
      if (!match) return;
      const onlyComment = text.trimStart().startsWith('//');
      // the statement ending on this line, or the nearest one ending above it with only comments between
      const owner = spans.filter((span) => (onlyComment ? span.last < index : span.last === index)).at(-1);
      const between = owner ? lines.slice(owner.last + 1, index).every((line) => line.trimStart().startsWith('//')) : false;
      if (!owner || !between) {
        dangling.push({ file, line: block.line + index });
        return;
      }
      const entry = found.get(owner.statement) ?? { line: block.line + owner.first, sends: [] };
      entry.sends.push(match[1]!);
      found.set(owner.statement, entry);
    });
    for (const [statement, entry] of found) {
      examples.push({ file, line: entry.line, statement: statement.getText(source), value: valueOf(statement), sends: entry.sends });
    }
  }
  return { examples, dangling };
}

/** Whether `actual` is `expected`, where `…` in `expected` stands for any text. */
export function matchesSends(expected: string, actual: string): boolean {
  const pattern = expected
    .split('…')
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${pattern}$`, 's').test(actual);
}
