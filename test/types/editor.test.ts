import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appTsconfig } from '../../examples/support/app-tsconfig.js';
import { repoRoot } from '../support/shared.js';
import { tempDir } from '../support/temp-dirs.js';

// What an editor shows for the generated demo client (issue 13): completions on query rows list
// no type-level-only members, and query fields carry the attribute's JSDoc. Checked through the
// TypeScript language service over a small app, as an editor would ask.

const APP = `import { createSession, q, type Task } from '${join(repoRoot, 'generated', 'index.js')}';

declare const task: Task;
export const fromEntity = [task.name, task.bid, task.status];

export async function app(): Promise<void> {
  await using session = createSession();
  const rows = await session.query(q.Task.where((t) => t.name.eq('x').and(t.bid.gt(1)).and(t.status.name.like('y%'))).select('name', 'status.name')).all();
  for (const row of rows) void row./*row*/name;
  const picked = q.Task.select((t) => [t.bid, t.status.name]);
  void picked;
}
`;

let service: ts.LanguageService;
let file: string;

/** Offset of the `n`-th occurrence (0-based) of `needle` in the app, plus `shift`. */
function at(needle: string, n = 0, shift = 0): number {
  let index = -1;
  for (let i = 0; i <= n; i++) index = APP.indexOf(needle, index + 1);
  if (index < 0) throw new Error(`${needle} not in the app`);
  return index + shift;
}

/** The JSDoc text the language service shows on hover at `position`. */
function hoverDocs(position: number): string {
  const info = service.getQuickInfoAtPosition(file, position);
  return ts.displayPartsToString(info?.documentation ?? []);
}

beforeAll(() => {
  const dir = tempDir('editor');
  file = join(dir, 'app.ts');
  writeFileSync(file, APP);
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'editor-app', type: 'module', private: true }));
  const tsconfig = appTsconfig({
    files: ['app.ts'],
    paths: { 'ftrack-codegen': [join(repoRoot, 'runtime', 'index.ts')] },
    compilerOptions: { typeRoots: [join(repoRoot, 'node_modules', '@types')] },
  });
  const parsed = ts.parseJsonConfigFileContent(tsconfig, ts.sys, dir);
  const host: ts.LanguageServiceHost = {
    getCompilationSettings: () => parsed.options,
    getScriptFileNames: () => parsed.fileNames,
    getScriptVersion: () => '1',
    getScriptSnapshot: (name) => {
      const text = ts.sys.readFile(name);
      return text === undefined ? undefined : ts.ScriptSnapshot.fromString(text);
    },
    getCurrentDirectory: () => dir,
    getDefaultLibFileName: (options) => ts.getDefaultLibFilePath(options),
    fileExists: ts.sys.fileExists,
    readFile: ts.sys.readFile,
    readDirectory: ts.sys.readDirectory,
    directoryExists: ts.sys.directoryExists,
    getDirectories: ts.sys.getDirectories,
  };
  service = ts.createLanguageService(host);
});

afterAll(() => service?.dispose());

describe('editor experience of a generated client', () => {
  it('the app type-checks', () => {
    const errors = service.getSemanticDiagnostics(file).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    expect(errors).toEqual([]);
  });

  it('completions on a query row: the selected attributes and the entity members, no type-level-only members', () => {
    const completions = service.getCompletionsAtPosition(file, at('/*row*/', 0, '/*row*/'.length), {});
    const names = new Set((completions?.entries ?? []).map((entry) => entry.name));
    for (const expected of ['name', 'status', 'id', '$type', '$get', '$load']) expect(names).toContain(expected);
    for (const hidden of ['$defaultProjections', '$primaryKeyNames', '$protected', '$valueNames']) expect(names).not.toContain(hidden);
    // the row holds what was selected (and the primary key) only
    expect(names).not.toContain('bid');
  });

  it('completions on an entity: its attributes, no symbol-keyed attribute-name list', () => {
    const completions = service.getCompletionsAtPosition(file, at('task.name', 0, 'task.'.length), {});
    const names = (completions?.entries ?? []).map((entry) => entry.name);
    expect(names).toContain('bid');
    expect(names.filter((name) => name.includes('attributeNames'))).toEqual([]);
  });

  it('completions inside a select path string: the attribute names, no type-level-only members', () => {
    // the segments after a relation are checked by the path walk, not offered as whole paths
    const completions = service.getCompletionsAtPosition(file, at("'status.name'", 0, 1), {});
    const names = new Set((completions?.entries ?? []).map((entry) => entry.name));
    for (const expected of ['name', 'bid', 'status', 'parent', 'timelogs']) expect(names).toContain(expected);
    for (const hidden of ['$type', 'status.nme', 'name.length']) expect(names).not.toContain(hidden);
  });

  it('a field inside where() shows the JSDoc of its attribute, as the entity property does', () => {
    const entityDocs = hoverDocs(at('task.name', 0, 'task.'.length));
    expect(entityDocs).toContain('Display name, unique among its siblings.');
    expect(hoverDocs(at('t.name', 0, 't.'.length))).toBe(entityDocs);
    expect(hoverDocs(at('t.bid', 0, 't.'.length))).toBe(hoverDocs(at('task.bid', 0, 'task.'.length)));
    expect(hoverDocs(at('t.bid', 0, 't.'.length))).toContain('Estimated effort in seconds.');
    // a field behind a relation: the related entity's attribute
    expect(hoverDocs(at('t.status.name', 0, 't.status.'.length))).toContain('`string`.');
    expect(hoverDocs(at('task.status', 0, 'task.'.length))).toContain('Reference to `Status`');
    expect(hoverDocs(at('t.status', 0, 't.'.length))).toBe(hoverDocs(at('task.status', 0, 'task.'.length)));
  });

  it('a field inside a select() callback shows the JSDoc too, and so does a row property', () => {
    expect(hoverDocs(at('t.bid', 1, 't.'.length))).toContain('Estimated effort in seconds.');
    expect(hoverDocs(at('row./*row*/name', 0, 'row./*row*/'.length))).toContain('Display name, unique among its siblings.');
  });
});
