import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, it } from 'vitest';
import { appTsconfig } from '../../examples/support/app-tsconfig.js';
import { repoRoot } from '../support/shared.js';

// The layering check of `.ci/run` (`npm run check:layers`): dependency-cruiser with the rules of
// .dependency-cruiser.cjs. It passes on the real tree and fails on a folder that breaks each rule.

interface Violation {
  readonly rule: string;
  readonly severity: string;
  /** `from → to` (a cycle: every module of it, in order). */
  readonly path: readonly string[];
}

interface CruiseRun {
  readonly code: number;
  readonly violations: readonly Violation[];
}

const CLI = join(repoRoot, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');
const CONFIG = '.dependency-cruiser.cjs';
/** The folders `npm run check:layers` cruises (the same list, so a cruise of `.ci/run` is reused from the cache). */
const FOLDERS = layerFolders();

function layerFolders(): string[] {
  const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  const words = (manifest.scripts['check:layers'] ?? '').split(/\s+/);
  const folders = words.slice(words.indexOf(CONFIG) + 1);
  if (words[0] !== 'depcruise' || folders.length === 0) throw new Error(`check:layers is not \`depcruise -c ${CONFIG} <folders>\`: ${words.join(' ')}`);
  return folders;
}

/** Runs the check as `.ci/run` does (default `err` report, exit code = number of errors) and parses the report. */
function cruise(cwd: string, folders: readonly string[]): Promise<CruiseRun> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [CLI, '-c', CONFIG, ...folders], { cwd, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, NO_COLOR: '1' } }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
      if (!/dependency violations|no dependency violations found/.test(stdout)) {
        reject(new Error(`dependency-cruiser printed no report (exit ${code}): ${stderr.slice(0, 2000)}`));
        return;
      }
      resolve({ code, violations: parseReport(stdout) });
    });
  });
}

/** Parses the `err` report: `  error rule: a → b`, a cycle continuing on indented `c →` lines. */
function parseReport(text: string): Violation[] {
  const violations: Violation[] = [];
  for (const line of text.split('\n')) {
    const head = /^ {2}(error|warn|info) ([\w-]+): (.*)$/.exec(line);
    if (head !== null) {
      violations.push({ severity: head[1]!, rule: head[2]!, path: modules(head[3]!) });
      continue;
    }
    const last = violations.at(-1);
    if (last !== undefined && /^ {6}\S/.test(line)) (last.path as string[]).push(...modules(line));
  }
  return violations;
}

function modules(text: string): string[] {
  return text
    .split('→')
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
}

const fixtures: string[] = [];

/** A throw-away tree with the repository's rule file and the given source files. */
function fixtureTree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'layering-'));
  fixtures.push(root);
  copyFileSync(join(repoRoot, CONFIG), join(root, CONFIG));
  writeFileSync(
    join(root, 'tsconfig.json'),
    JSON.stringify(appTsconfig({ files: ['runtime/index.ts'], paths: { 'ftrack-codegen': ['./runtime/index.ts'] } })),
  );
  writeFileSync(join(root, 'package.json'), JSON.stringify({ name: 'fixture', type: 'module' }));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

afterAll(() => {
  for (const root of fixtures) rmSync(root, { recursive: true, force: true });
});

const broken = {
  // A value cycle (the kind that breaks module loading order).
  'runtime/query/a.ts': "import { b } from './b.js';\nexport const a = () => b;\n",
  'runtime/query/b.ts': "import { a } from './a.js';\nexport const b = () => a;\n",
  // A type-only cycle: reported as a warning, not an error.
  'runtime/session/t1.ts': "import type { T2 } from './t2.js';\nexport interface T1 { next?: T2 }\n",
  'runtime/session/t2.ts': "import type { T1 } from './t1.js';\nexport interface T2 { next?: T1 }\n",
  // Upward imports.
  'runtime/index.ts': "export { a } from './query/a.js';\nexport { s } from '../server/s.js';\n",
  'server/s.ts': "export const s = 1;\n",
  'generated/client.ts': "import { a } from '../runtime/query/a.js';\nimport { s } from 'ftrack-codegen';\nexport const c = [a, s];\n",
  'bench/x.ts': "import { helper } from '../test/support/helper.js';\nhelper();\n",
  'codegen/pipeline.ts': "import { Session } from '../runtime/session/session.js';\nexport const p = Session;\n",
  'runtime/session/session.ts': "export class Session {}\n",
  'test/support/helper.ts': "export function helper(): void {}\n",
  // A runtime part reaching up (entity classes → the unit of work).
  'runtime/entity/e.ts': "import { u } from '../unit-of-work/u.js';\nexport const e = u;\n",
  'runtime/unit-of-work/u.ts': "export const u = 1;\n",
};

const edge = (v: Violation) => v.path.join(' → ');

// Three separate processes on three separate trees: side by side (the timeout guards against a
// hung process on a loaded machine, where three cruises share the cores).
describe.concurrent('layering check (dependency-cruiser, .dependency-cruiser.cjs)', { timeout: 180_000 }, () => {
  it('passes on the repository: no value cycle, no import against the rules', async ({ expect }) => {
    const run = await cruise(repoRoot, FOLDERS);
    expect(run.violations.filter((v) => v.severity === 'error').map((v) => `${v.rule}: ${edge(v)}`)).toEqual([]);
    expect(run.code).toBe(0);
  });

  it('fails on a value cycle and on each forbidden direction, and only warns on a type-only cycle', async ({ expect }) => {
    const run = await cruise(fixtureTree(broken), ['runtime', 'server', 'generated', 'bench', 'codegen', 'test']);
    const found = (rule: string) => run.violations.filter((v) => v.rule === rule);
    const valueCycles = found('no-value-cycle');
    expect(valueCycles.length).toBeGreaterThan(0);
    for (const cycle of valueCycles) {
      expect(cycle.severity).toBe('error');
      expect(cycle.path.at(0)).toBe(cycle.path.at(-1));
      expect(new Set(cycle.path)).toEqual(new Set(['runtime/query/a.ts', 'runtime/query/b.ts']));
    }
    const typeCycles = found('no-type-cycle').filter((v) => v.path.some((m) => m.startsWith('runtime/session/t')));
    expect(typeCycles.length).toBeGreaterThan(0);
    expect(typeCycles.every((v) => v.severity === 'warn')).toBe(true);
    expect(found('runtime-stays-down').map(edge)).toEqual(['runtime/index.ts → server/s.ts']);
    expect(found('generated-imports-the-package').map(edge)).toEqual(['generated/client.ts → runtime/query/a.ts']);
    expect(found('only-tests-import-tests').map(edge)).toEqual(['bench/x.ts → test/support/helper.ts']);
    expect(found('codegen-uses-schema-only').map(edge)).toEqual(['codegen/pipeline.ts → runtime/session/session.ts']);
    expect(found('entity-below-identity').map(edge)).toEqual(['runtime/entity/e.ts → runtime/unit-of-work/u.ts']);
    // Exit code = number of errors, which is what fails `.ci/run`; warnings do not count.
    expect(run.code).toBe(run.violations.filter((v) => v.severity === 'error').length);
    expect(run.code).toBeGreaterThan(0);
  });

  it('passes on a tree that follows the rules', async ({ expect }) => {
    const run = await cruise(
      fixtureTree({
        'runtime/index.ts': "export { a } from './query/a.js';\n",
        'runtime/query/a.ts': "import type { T } from './t.js';\nexport const a = (t: T) => t;\n",
        'runtime/query/t.ts': 'export interface T { readonly id: string }\n',
        'generated/client.ts': "import { a } from 'ftrack-codegen';\nimport { b } from './b.js';\nexport const c = [a, b];\n",
        'generated/b.ts': 'export const b = 1;\n',
        'test/unit/a.test.ts': "import { a } from '../../runtime/query/a.js';\nexport const x = a;\n",
      }),
      ['runtime', 'generated', 'test'],
    );
    expect(run.violations).toEqual([]);
    expect(run.code).toBe(0);
  });
});
