import { describe, expect, it } from 'vitest';
import { blockMode, codeBlocks } from '../../scripts/docs/code-blocks.js';
import { checkLinks, headingSlug } from '../../scripts/docs/links.js';
import { checkDocPages, formatDiagnostic } from '../../scripts/docs/type-check-blocks.js';
import { repoRoot } from '../support/shared.js';

// The code-block check of `.ci/run` (`npm run check:docs`, scripts/check-docs.ts): every ```ts block of the
// docs type-checks against the generated demo client. Shown here on made-up pages, all in one program.

const good = [
  '# Good',
  '',
  '```ts',
  "import { createSession, q } from './generated/index.js';",
  '',
  'await using own = createSession();',
  "const rows = await own.query(q.Task.select('name', 'bid')).all();",
  '```',
  '',
  'A block may continue the one before it:',
  '',
  '```ts continued',
  'const total: number = rows.reduce((sum, row) => sum + row.bid, 0);',
  '```',
  '',
  'Fragments use the prelude (`session`, `project`, `q` …):',
  '',
  '```typescript',
  "const first = await session.query(q.Project.where((p) => p.id.eq(project.id))).first();",
  'first?.name.toUpperCase();',
  '```',
  '',
  '```ts nocheck: shows a shape, not a program',
  '{ $type: Task, … }',
  '```',
  '',
  '```sh',
  'npm test',
  '```',
].join('\n');

const broken = [
  '# Broken',
  '',
  '```ts',
  "const rows = await session.query(q.Task.select('name')).all();",
  "rows[0]?.nmae;",
  '```',
  '',
  '```ts',
  '// does not continue: `rows` is not declared here',
  'rows.length;',
  '```',
  '',
  '```ts nocheck',
  'no reason given',
  '```',
  '',
  '```ts continued',
  "const n: string = 42;",
  '```',
].join('\n');

describe('docs code-block check', () => {
  const result = checkDocPages(
    [
      { path: 'docs/good.md', text: good },
      { path: 'docs/broken.md', text: broken },
      { path: 'docs/orphan.md', text: '```ts continued\nconst x: number = 1;\n```\n' },
    ],
    repoRoot,
  );
  const lines = result.diagnostics.map(formatDiagnostic);

  it('passes a page whose blocks type-check, and skips nocheck and non-TypeScript blocks', () => {
    expect(lines.filter((line) => line.startsWith('docs/good.md'))).toEqual([]);
    expect(result.skipped).toEqual([{ file: 'docs/good.md', line: 23, reason: 'shows a shape, not a program' }]);
  });

  it('fails on a broken block, naming the page and line of each problem', () => {
    expect(lines).toEqual([
      expect.stringMatching(/^docs\/broken\.md:5:10 - TS2339: Property 'nmae' does not exist/),
      expect.stringMatching(/^docs\/broken\.md:10:1 - TS2304: Cannot find name 'rows'/),
      'docs/broken.md:13:1 - ```ts nocheck needs a reason: ```ts nocheck: <why this block cannot be checked>',
      expect.stringMatching(/^docs\/broken\.md:18:7 - TS2322: Type 'number' is not assignable to type 'string'/),
      'docs/orphan.md:1:1 - ```ts continued with no TypeScript block before it on this page',
    ]);
    expect(result.checked).toBe(7);
  });

  it('reads fences and markers', () => {
    expect(codeBlocks('x.md', '````ts\n```\ninner\n```\n````\n').map((block) => [block.info, block.line, block.code])).toEqual([['ts', 2, '```\ninner\n```']]);
    expect(blockMode('ts')).toEqual({ kind: 'check', continued: false });
    expect(blockMode('typescript continued')).toEqual({ kind: 'check', continued: true });
    expect(blockMode('ts nocheck: a reason')).toEqual({ kind: 'nocheck', reason: 'a reason' });
    expect(blockMode('ts nochek')).toMatchObject({ kind: 'invalid' });
    expect(blockMode('json')).toEqual({ kind: 'other' });
  });

  it('reports relative links to a missing file or heading', () => {
    const pages = [
      { path: 'docs/a.md', text: '# A\n\n## Persistence (`--data`)\n\nSee [b](b.md#the-end), [c](c.md), [self](#persistence---data),\n[up](../README.md), [gone](#nowhere), [web](https://example.com/x.md).\n' },
      { path: 'docs/b.md', text: '# B\n\n```sh\n# the-end is a comment here\n```\n' },
    ];
    expect(checkLinks(pages, repoRoot).map(formatDiagnostic)).toEqual([
      'docs/a.md:5:9 - link to a missing heading: b.md#the-end',
      'docs/a.md:5:28 - link to a missing file: c.md',
      'docs/a.md:6:28 - link to a missing heading: #nowhere',
    ]);
    expect(headingSlug("ftrack's rules (`server/rules/`)")).toBe('ftracks-rules-serverrules');
  });
});
