import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, realpathSync, writeFileSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import type ts from 'typescript';
import { inject } from 'vitest';
import type { GeneratedFile } from 'ftrack-codegen/codegen';
import { appTsconfig } from '../../../examples/support/app-tsconfig.js';
import { repoRoot } from '../../support/shared.js';
import { isKnownClean, programKey, recordClean } from './clean-programs.js';

/** Result of a `tsc -p <dir>` check. */
export interface TypeCheckResult {
  readonly ok: boolean;
  /** tsc's diagnostics (empty when ok). */
  readonly output: string;
}

export { tempDir } from '../../support/temp-dirs.js';

/** Writes files (paths relative to `dir`). */
export function writeFiles(dir: string, files: readonly GeneratedFile[]): void {
  for (const file of files) {
    const path = join(dir, file.path);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, file.content);
  }
}

/**
 * Type-checks `files` (paths relative to `dir`) as `tsc -p <dir>/tsconfig.json` does, with
 * `--strict --noUncheckedIndexedAccess --noUnusedLocals` and `skipLibCheck: false` (so generated
 * `.d.ts` files are checked too), as an ESM package whose `ftrack-codegen` import resolves to this
 * repository's runtime. The tsconfig.json is written to `dir`, so `tsc -p` there repeats the check.
 */
export async function typeCheck(dir: string, files: readonly string[]): Promise<TypeCheckResult> {
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'type-check-app', type: 'module', private: true }));
  const tsconfig = appTsconfig({
    files,
    paths: {
      'ftrack-codegen': [join(repoRoot, 'runtime', 'index.ts')],
      dayjs: [join(repoRoot, 'node_modules', 'dayjs', 'index.d.ts')],
    },
    compilerOptions: {
      noUnusedLocals: true,
      // the generated type declarations are .d.ts files: check them (and, with them, the libraries)
      skipLibCheck: false,
      typeRoots: [join(repoRoot, 'node_modules', '@types')],
    },
  });
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify(tsconfig));
  return typeCheckProject(dir);
}

/** Type-checks the project of `<dir>/tsconfig.json` as `tsc -p <dir>/tsconfig.json --noEmit` does. */
export async function typeCheckProject(dir: string): Promise<TypeCheckResult> {
  // loaded on first use: most importers only want tempDir
  return checkProject((await import('typescript')).default, realpathSync(dir));
}

// In-process (no tsc process per app), with what every app shares — the libraries and the runtime —
// parsed once per worker and checked once: they never import an app, so when one program found no
// diagnostic in them (and no global one), another with the same options and the same shared files
// finds none either. That fact is kept under a hash of the TypeScript version, the options and every
// shared file's path, module format and text, in memory and as a marker file that the run's other
// workers and later runs see (.tmp/type-check-clean/: any change to a library, the runtime or the
// options is another hash, checked afresh). An app file that could reach them — a script (global
// declarations) or a `declare global` / `declare module` augmentation — turns this off for that check.
const sourceFiles = new Map<string, ts.SourceFile>();
const cleanShared = new Set<string>();

function checkProject(ts: typeof import('typescript'), dir: string): TypeCheckResult {
  const own = (fileName: string) => fileName.startsWith(dir + sep) || fileName.startsWith(`${dir}/`);
  const parsed = ts.getParsedCommandLineOfConfigFile(join(dir, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined });
  if (parsed === undefined) return { ok: false, output: `cannot read ${join(dir, 'tsconfig.json')}` };
  // the same program as an earlier clean check (./clean-programs.ts): clean, without parsing it again
  const cache = inject('typeCheckCache');
  const programId = parsed.errors.length === 0 && cache ? programKey(ts.version, parsed.options, parsed.fileNames, dir) : undefined;
  if (programId !== undefined && isKnownClean(cache, programId, dir)) return { ok: true, output: '' };
  const host = ts.createCompilerHost(parsed.options);
  const read = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, languageVersion, onError, shouldCreate) => {
    if (own(fileName)) return read(fileName, languageVersion, onError, shouldCreate);
    const key = `${fileName}\0${JSON.stringify(languageVersion)}`;
    let file = sourceFiles.get(key);
    if (file === undefined) {
      file = read(fileName, languageVersion, onError, shouldCreate);
      if (file !== undefined) sourceFiles.set(key, file);
    }
    return file;
  };
  const program = ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options, host, configFileParsingDiagnostics: parsed.errors });
  const appFiles = program.getSourceFiles().filter((file) => own(file.fileName));
  const sharedFiles = program.getSourceFiles().filter((file) => !own(file.fileName));
  const reachesShared = appFiles.some((file) => !ts.isExternalModule(file) || /\bdeclare\s+(global|module)\b/.test(file.text));
  const key = reachesShared ? undefined : sharedKey(ts.version, parsed.options, sharedFiles);
  const scratch = cache ?? inject('runScratch');
  const marker = key !== undefined && scratch ? join(scratch, `clean-${key}`) : undefined;
  const knownClean = key !== undefined && (cleanShared.has(key) || (marker !== undefined && existsSync(marker)));

  const check = (file: ts.SourceFile) => [...program.getSyntacticDiagnostics(file), ...program.getSemanticDiagnostics(file)];
  const diagnostics: ts.Diagnostic[] = [...program.getConfigFileParsingDiagnostics(), ...program.getOptionsDiagnostics()];
  for (const file of appFiles) diagnostics.push(...check(file));
  const shared = knownClean ? [] : sharedFiles.flatMap(check);
  // after the checks: some global diagnostics are found while checking
  const global = program.getGlobalDiagnostics();
  diagnostics.push(...shared, ...global);
  if (key !== undefined && !knownClean && shared.length === 0 && global.length === 0) {
    cleanShared.add(key);
    if (marker !== undefined) writeFileSync(marker, '');
  }
  const sorted = ts.sortAndDeduplicateDiagnostics(diagnostics);
  if (sorted.length === 0 && programId !== undefined) recordClean(cache, programId, dir, program.getSourceFiles().map((file) => file.fileName));
  const output = ts.formatDiagnostics(sorted, { getCanonicalFileName: (f) => f, getCurrentDirectory: () => dir, getNewLine: () => '\n' });
  return { ok: sorted.length === 0, output };
}

/** A hash of the compiler options (minus where the tsconfig is: its paths are absolute) and of the shared files. */
function sharedKey(version: string, options: ts.CompilerOptions, files: readonly ts.SourceFile[]): string {
  const hash = createHash('sha256').update(version);
  hash.update('\0').update(JSON.stringify(options, (name, value: unknown) => (name === 'configFilePath' || name === 'pathsBasePath' ? undefined : value)));
  for (const file of files) hash.update('\0').update(file.fileName).update(`\0${String(file.impliedNodeFormat)}\0`).update(file.text);
  return hash.digest('hex');
}
