/**
 * The one tsconfig of the throw-away apps that helpers type-check against this repository (the demo
 * check in examples/demo/typecheck-app.ts, the codegen compile tests, the tutorial copy of the
 * fidelity tests, bench/codegen.ts, the docs code-block check in scripts/docs/). The settings are
 * those of the repository's own tsconfig.json
 * (ES2022, nodenext, strict, noUncheckedIndexedAccess, verbatimModuleSyntax): an app is checked the
 * way a user's strict ESM project would be. Callers add their module paths, files and the few
 * options their check is about (e.g. `skipLibCheck: false` to check generated .d.ts files).
 */
export const APP_COMPILER_OPTIONS = Object.freeze({
  target: 'ES2022',
  lib: ['ES2022', 'ESNext.Disposable'],
  module: 'nodenext',
  moduleResolution: 'nodenext',
  strict: true,
  noUncheckedIndexedAccess: true,
  verbatimModuleSyntax: true,
  skipLibCheck: true,
  noEmit: true,
  types: ['node'],
});

/** What one app adds to the shared options. */
export interface AppTsconfigInput {
  /** The root files to check, relative to the tsconfig. */
  readonly files: readonly string[];
  /** Module paths, e.g. `{ 'ftrack-codegen': ['/repo/runtime/index.ts'] }`. */
  readonly paths?: Readonly<Record<string, readonly string[]>>;
  /** Options that differ from the shared ones, for what this check is about. */
  readonly compilerOptions?: Readonly<Record<string, unknown>>;
}

/** The tsconfig.json object of one app: the shared options, then the app's paths, options and files. */
export function appTsconfig(input: AppTsconfigInput): { compilerOptions: Record<string, unknown>; files: string[] } {
  return {
    compilerOptions: { ...APP_COMPILER_OPTIONS, ...input.compilerOptions, paths: { ...input.paths } },
    files: [...input.files],
  };
}
