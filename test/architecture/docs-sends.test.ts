import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import dayjs from 'dayjs';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { and, not, or, raw, type Transport } from 'ftrack-codegen';
import { createSession, q, schemaMetadata } from '../../generated/index.js';
import { docPagePaths } from '../../scripts/docs/pages.js';
import { matchesSends, sendsExamples, type SendsExample } from '../../scripts/docs/sends-comments.js';
import { demoData } from '../../server/demo/index.js';
import { repoRoot } from '../support/shared.js';

// The docs' `// sends: <expression>` comments (docs/development.md, "Code blocks in the docs"): each
// annotated statement is run against a session on the demo client whose transport records the query
// expressions and answers with no rows; what it sent (or, when it sent nothing, the text of the builder it
// evaluates to) must be what the comments say.

/** Records every query expression and answers it with an empty page. */
function recordingTransport(sent: string[]): Transport {
  return {
    closed: false,
    async send({ operations }) {
      return operations.map((operation) => {
        if (operation.action === 'query_server_information') {
          return { version: 'dev', schema_hash: schemaMetadata.schemaHash, is_timezone_support_enabled: true };
        }
        if (operation.action === 'query' && typeof operation.expression === 'string') {
          sent.push(operation.expression);
          return { action: 'query', data: [], metadata: { next: { offset: null } } };
        }
        throw new Error(`a docs example sent ${operation.action}: only queries are recorded`);
      });
    },
    async close() {},
  };
}

const testProject = demoData().entities['Project']!.find((row) => row['name'] === 'test')!;

/** The names a `// sends:` statement may use: the imports of the docs and the prelude's entities. */
function scope(sent: string[]) {
  // no workspace-values check: its own request would be recorded as if an example sent it
  const session = createSession({ serverUrl: 'http://127.0.0.1:9', apiUser: 'docs', apiKey: 'docs-key', transport: recordingTransport(sent), checkWorkspaceValues: false });
  return { session, q, and, or, not, raw, dayjs, project: { $type: 'Project', id: testProject['id'] as string }, id: testProject['id'] as string };
}

/** Runs the statement with `scope` and resolves with the value it shows (expression or declared variable). */
async function run(example: SendsExample, names: Record<string, unknown>): Promise<unknown> {
  const body =
    example.value.kind === 'expression'
      ? `return (${example.value.text});`
      : `${example.statement}\nreturn ${example.value.kind === 'variable' ? example.value.name : 'undefined'};`;
  const source = `async function example(${Object.keys(names).join(', ')}) {\n${body}\n}`;
  const js = ts.transpileModule(source, { compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext } }).outputText;
  const compiled = new Function(`${js}\nreturn example;`)() as (...args: unknown[]) => Promise<unknown>;
  return compiled(...Object.values(names));
}

const pages = docPagePaths(repoRoot).map((path) => ({ path, ...sendsExamples(path, readFileSync(join(repoRoot, path), 'utf8')) }));
const examples = pages.flatMap((page) => page.examples);

describe('docs: the examples that show an expression send it', () => {
  it('finds the examples, and every sends comment follows a statement', () => {
    expect(pages.flatMap((page) => page.dangling)).toEqual([]);
    const queries = examples.filter((example) => example.file === 'docs/queries.md');
    expect(queries.length).toBeGreaterThanOrEqual(20);
    expect(examples.length).toBeGreaterThanOrEqual(40);
  });

  it.each(examples.map((example) => [`${example.file}:${example.line}`, example] as const))('%s', async (_where, example) => {
    const sent: string[] = [];
    // a read of no rows may throw after sending (`.one()`): what was sent is still compared
    const value = await run(example, scope(sent)).catch((error: unknown) => {
      if (sent.length === 0) throw error;
    });
    const actual = sent.length > 0 ? sent : [String(value)];
    expect(actual.length, `${example.statement}\nsent ${JSON.stringify(actual)}`).toBe(example.sends.length);
    example.sends.forEach((expected, index) => {
      expect(matchesSends(expected, actual[index]!), `${example.statement}\n  docs say: ${expected}\n  it sends:  ${actual[index]}`).toBe(true);
    });
  });

  it('matches … as any text and nothing else loosely', () => {
    expect(matchesSends('select name from Task where id is "…"', 'select name from Task where id is "10f5"')).toBe(true);
    expect(matchesSends('select name from Task where id is "…"', 'select name from Task where id is "10f5" limit 1')).toBe(false);
    expect(matchesSends('select name from Task', 'select name, bid from Task')).toBe(false);
    expect(matchesSends('select (name) from Task', 'select (name) from Task')).toBe(true);
  });
});
