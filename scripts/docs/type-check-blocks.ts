/**
 * Type-checks the TypeScript code blocks of markdown pages in one in-memory TypeScript program against
 * the generated demo client (`generated/`) and this repository's package entries. Each block (with the
 * blocks that continue it) is a module of its own, placed next to its page so that `./generated/…`
 * resolves from the repository root; the shared prelude (./prelude.ts) declares the names fragments
 * use without declaring them. Diagnostics are mapped back to the page and line.
 */
import { join } from 'node:path';
import ts from 'typescript';
import { appTsconfig } from '../../examples/support/app-tsconfig.js';
import { blockMode, codeBlocks } from './code-blocks.js';
import { PRELUDE, PRELUDE_PATH } from './prelude.js';

/** A markdown page: `path` relative to the repository root (it names the page in diagnostics). */
export interface DocPage {
  readonly path: string;
  readonly text: string;
}

/** A problem in a page, at its 1-based line and column. */
export interface DocDiagnostic {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

/** What one check found. */
export interface DocsCheckResult {
  /** TypeScript blocks checked. */
  readonly checked: number;
  /** ```ts nocheck blocks, with their reasons. */
  readonly skipped: readonly { readonly file: string; readonly line: number; readonly reason: string }[];
  readonly diagnostics: readonly DocDiagnostic[];
}

interface Module {
  readonly fileName: string;
  readonly lines: string[];
  /** Page and line of each module line. */
  readonly origin: { readonly file: string; readonly line: number }[];
}

/**
 * Relative imports in the docs are written from the repository root (`./generated/index.js`, the demo
 * client); `./ftrack/` is the folder a user generates into, here the demo client too.
 */
function rewriteImports(line: string, root: string): string {
  return line.replace(/(['"])\.\/(ftrack\/|[^'"]*)/g, (_match, quote: string, rest: string) =>
    `${quote}${root}/${rest === 'ftrack/' ? 'generated/' : rest}`,
  );
}

interface Tally {
  checked: number;
  readonly skipped: { file: string; line: number; reason: string }[];
  readonly diagnostics: DocDiagnostic[];
}

/** The modules of the pages' TypeScript blocks; markers that are wrong go to `tally.diagnostics`. */
function modulesOf(pages: readonly DocPage[], root: string, tally: Tally): Module[] {
  const modules: Module[] = [];
  for (const page of pages) {
    let current: Module | undefined;
    for (const block of codeBlocks(page.path, page.text)) {
      const mode = blockMode(block.info);
      const fence = { file: page.path, line: block.line - 1, column: 1 };
      if (mode.kind === 'other') continue;
      if (mode.kind === 'invalid') {
        tally.diagnostics.push({ ...fence, message: mode.message });
        continue;
      }
      if (mode.kind === 'nocheck') {
        tally.skipped.push({ file: page.path, line: fence.line, reason: mode.reason });
        continue;
      }
      tally.checked++;
      if (mode.continued && !current) {
        tally.diagnostics.push({ ...fence, message: '```ts continued with no TypeScript block before it on this page' });
      }
      if (!mode.continued || !current) {
        current = { fileName: join(root, `${page.path}.${modules.length + 1}.ts`), lines: [], origin: [] };
        modules.push(current);
      }
      const module = current;
      block.code.split('\n').forEach((text, index) => {
        module.lines.push(rewriteImports(text, root));
        module.origin.push({ file: page.path, line: block.line + index });
      });
    }
  }
  return modules;
}

function compilerOptions(root: string): ts.CompilerOptions {
  const { compilerOptions: json } = appTsconfig({
    files: [],
    paths: {
      'ftrack-codegen': [join(root, 'runtime/index.ts')],
      'ftrack-codegen/codegen': [join(root, 'codegen/index.ts')],
      'ftrack-codegen/server': [join(root, 'server/index.ts')],
    },
  });
  const { options, errors } = ts.convertCompilerOptionsFromJson(json, root);
  if (errors.length > 0) throw new Error(ts.flattenDiagnosticMessageText(errors[0]!.messageText, '\n'));
  return options;
}

/** Type-checks every TypeScript block of `pages`; `root` is the repository root. */
export function checkDocPages(pages: readonly DocPage[], root: string): DocsCheckResult {
  const result: Tally = { checked: 0, skipped: [], diagnostics: [] };
  const modules = modulesOf(pages, root, result);
  const prelude = join(root, PRELUDE_PATH);
  const virtual = new Map<string, string>([[prelude, PRELUDE]]);
  // a module without imports or exports would be a script: its names would clash with other blocks'
  for (const module of modules) virtual.set(module.fileName, `${module.lines.join('\n')}\nexport {};\n`);

  const options = compilerOptions(root);
  const host = ts.createCompilerHost(options, true);
  const { getSourceFile, fileExists, readFile } = host;
  host.getSourceFile = (fileName, language, onError, shouldCreate) => {
    const text = virtual.get(fileName);
    return text === undefined ? getSourceFile.call(host, fileName, language, onError, shouldCreate) : ts.createSourceFile(fileName, text, language, true);
  };
  host.fileExists = (fileName) => virtual.has(fileName) || fileExists.call(host, fileName);
  host.readFile = (fileName) => virtual.get(fileName) ?? readFile.call(host, fileName);

  const program = ts.createProgram({ rootNames: [prelude, ...modules.map((m) => m.fileName)], options, host });
  const where = new Map(modules.map((m) => [m.fileName, m]));
  const report = (diagnostic: ts.Diagnostic) => {
    const message = `TS${diagnostic.code}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`;
    const file = diagnostic.file;
    const module = file && where.get(file.fileName);
    if (!file || diagnostic.start === undefined || !module) {
      const at = file && diagnostic.start !== undefined ? file.getLineAndCharacterOfPosition(diagnostic.start) : undefined;
      result.diagnostics.push({
        file: file ? file.fileName.replace(`${root}/`, '') : '(program)',
        line: (at?.line ?? 0) + 1,
        column: (at?.character ?? 0) + 1,
        message,
      });
      return;
    }
    const at = file.getLineAndCharacterOfPosition(diagnostic.start);
    const origin = module.origin[at.line] ?? module.origin[module.origin.length - 1]!;
    result.diagnostics.push({ file: origin.file, line: origin.line, column: at.character + 1, message });
  };
  program.getOptionsDiagnostics().forEach(report);
  program.getGlobalDiagnostics().forEach(report);
  for (const name of [prelude, ...where.keys()]) {
    const source = program.getSourceFile(name)!;
    program.getSyntacticDiagnostics(source).forEach(report);
    program.getSemanticDiagnostics(source).forEach(report);
  }
  result.diagnostics.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
  return result;
}

/** `file:line:column - message`, one line per diagnostic. */
export function formatDiagnostic(diagnostic: DocDiagnostic): string {
  return `${diagnostic.file}:${diagnostic.line}:${diagnostic.column} - ${diagnostic.message}`;
}
