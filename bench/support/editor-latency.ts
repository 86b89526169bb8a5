// Editor latency for bench/codegen.ts: a TypeScript LanguageService over an app folder, as an
// editor holds one. Each edit changes one query file (a new version of it); the time is that of
// `getSemanticDiagnostics` for the edited file, which is what an editor asks for after a keystroke
// (a new program and a fresh type checker: types of the client are resolved again on demand).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

/** A language service over one app folder, as an editor holds it. */
export interface Editor {
  /** Diagnostics of the first file before any edit (cold: parse, bind and check), in ms. */
  readonly coldMs: number;
  /** Edits the `i`-th file (cyclically) and times the diagnostics of that file; errors must stay 0. */
  edit(i: number): { ms: number; errors: number };
  dispose(): void;
}

/**
 * Opens `dir` (its `tsconfig.json` gives the options and roots); `files` (relative to `dir`) are
 * the files to edit, one per `edit` call, each edit appending a comment line (a keystroke-sized
 * change that keeps the file valid).
 */
export function openEditor(dir: string, files: readonly string[]): Editor {
  const parsed = ts.getParsedCommandLineOfConfigFile(join(dir, 'tsconfig.json'), {}, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
      throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
    },
  });
  if (parsed === undefined) throw new Error(`no tsconfig.json in ${dir}`);
  const overrides = new Map<string, { text: string; version: number }>();
  const host: ts.LanguageServiceHost = {
    getCompilationSettings: () => parsed.options,
    getScriptFileNames: () => parsed.fileNames,
    getScriptVersion: (file) => String(overrides.get(file)?.version ?? 0),
    getScriptSnapshot: (file) => {
      const text = overrides.get(file)?.text ?? ts.sys.readFile(file);
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
  const service = ts.createLanguageService(host, ts.createDocumentRegistry());
  const diagnose = (file: string) => {
    const start = performance.now();
    const diagnostics = service.getSemanticDiagnostics(file);
    return { ms: performance.now() - start, errors: diagnostics.length };
  };
  const paths = files.map((file) => join(dir, file));
  const cold = diagnose(paths[0]!);
  if (cold.errors > 0) throw new Error(`${paths[0]} does not type-check`);
  return {
    coldMs: cold.ms,
    edit(i) {
      const file = paths[i % paths.length]!;
      const previous = overrides.get(file);
      const original = previous?.text ?? readFileSync(file, 'utf8');
      overrides.set(file, { text: `${original}// edit ${i}\n`, version: (previous?.version ?? 0) + 1 });
      return diagnose(file);
    },
    dispose: () => service.dispose(),
  };
}
