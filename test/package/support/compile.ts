import { join } from 'node:path';
import ts from 'typescript';

/** What `tsc -p <config> --pretty false` prints: its diagnostics, one per line (empty when it found none). */
export interface CompileResult {
  readonly output: string;
}

/**
 * A compiler for the apps of one run: `tsc -p` done in this process (the repository's TypeScript, as
 * the `tsc` binary would use), each file parsed once for all the apps that see it with the same
 * options, less those that only steer checking or output ({@link NOT_PARSING}; TypeScript's language
 * service shares parsed files between programs the same way, on a shorter list), so seven checks of
 * one install do not each parse the package, its dependencies and the lib files again. Type checking
 * is never shared: each app is one program with its own checker and options.
 */
export function createCompiler(): (dir: string, config: string) => CompileResult {
  const parsed = new Map<string, ts.SourceFile>();
  return (dir, config) => compile(dir, config, parsed);
}

/**
 * Options that change neither how a file parses nor how it binds (TypeScript's list of those that do:
 * target, module, moduleResolution, moduleDetection, jsx, jsxImportSource, importHelpers,
 * alwaysStrict, noFallthroughCasesInSwitch, allowUnusedLabels, allowUnreachableCode). Any option not
 * named here keeps files apart, so a new one errs on the side of parsing again.
 */
const NOT_PARSING: ReadonlySet<string> = new Set([
  'configFilePath',
  'outDir',
  'rootDir',
  'noEmit',
  'sourceMap',
  'pretty',
  'lib',
  'types',
  'skipLibCheck',
  'skipDefaultLibCheck',
  'exactOptionalPropertyTypes',
  'verbatimModuleSyntax',
  'noUncheckedIndexedAccess',
]);

/** `tsc -p dir/config`: the diagnostics and emit of tsc's `emitFilesAndReportErrors`, in its order. */
function compile(dir: string, config: string, parsed: Map<string, ts.SourceFile>): CompileResult {
  const host: ts.ParseConfigFileHost = { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined };
  const command = ts.getParsedCommandLineOfConfigFile(join(dir, config), undefined, host);
  if (command === undefined) return { output: `cannot read ${join(dir, config)}\n` };
  const options = command.options;
  const compilerHost = ts.createCompilerHost(options);
  const optionsKey = JSON.stringify(options, (name, value: unknown) => (NOT_PARSING.has(name) ? undefined : value));
  const read = compilerHost.getSourceFile.bind(compilerHost);
  compilerHost.getSourceFile = (fileName, languageVersion, onError, shouldCreate) => {
    const key = `${fileName}\0${JSON.stringify(languageVersion)}\0${optionsKey}`;
    let file = parsed.get(key);
    if (file === undefined) {
      file = read(fileName, languageVersion, onError, shouldCreate);
      if (file !== undefined) parsed.set(key, file);
    }
    return file;
  };
  const program = ts.createProgram({
    rootNames: command.fileNames,
    options,
    host: compilerHost,
    projectReferences: command.projectReferences,
    configFileParsingDiagnostics: ts.getConfigFileParsingDiagnostics(command),
  });
  // tsc's order: config, syntax; then options, global and semantic diagnostics only when there is no syntax error
  const diagnostics: ts.Diagnostic[] = [...program.getConfigFileParsingDiagnostics()];
  const configErrors = diagnostics.length;
  diagnostics.push(...program.getSyntacticDiagnostics());
  if (diagnostics.length === configErrors) {
    diagnostics.push(...program.getOptionsDiagnostics(), ...program.getGlobalDiagnostics());
    if (diagnostics.length === configErrors) diagnostics.push(...program.getSemanticDiagnostics());
    if (options.noEmit === true && (options.declaration === true || options.composite === true) && diagnostics.length === configErrors) {
      diagnostics.push(...program.getDeclarationDiagnostics());
    }
  }
  diagnostics.push(...program.emit().diagnostics);
  const output = ts.formatDiagnostics(ts.sortAndDeduplicateDiagnostics(diagnostics), {
    getCanonicalFileName: (fileName) => fileName,
    getCurrentDirectory: () => dir,
    getNewLine: () => '\n',
  });
  return { output };
}
