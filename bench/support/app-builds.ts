// Shared by bench/codegen.ts and bench/type-cost.ts: the package built as `npm ci` would (declarations
// + JavaScript) into a scratch folder, throw-away app folders, and tsc's figures for one app.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { APP_COMPILER_OPTIONS, appTsconfig } from '../../examples/support/app-tsconfig.js';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const TSC = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');

/** The real 130-type schema the benches use (`../shared` beside the repository). */
export const REAL_SCHEMA = resolve(ROOT, '..', 'shared', 'fixtures', 'schemas', 'workspace-a.query_schemas.json');

/** The real schema's `query_schemas` result; without `../shared/fixtures` the bench says so and exits 0. */
export function realSchemaOrExit(): unknown[] {
  if (!existsSync(REAL_SCHEMA)) {
    console.log(`[skip] ${REAL_SCHEMA} not found: the benchmark needs ../shared/fixtures`);
    process.exit(0);
  }
  return JSON.parse(readFileSync(REAL_SCHEMA, 'utf8')) as unknown[];
}

export const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** Runs a command to its end; wall time in ms and the merged output. */
export function timed(command: string, args: string[], cwd = ROOT): { ms: number; stdout: string; status: number | null } {
  const start = performance.now();
  const run = spawnSync(command, args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { ms: performance.now() - start, stdout: `${run.stdout}${run.stderr}`, status: run.status };
}

export function writeJson(path: string, value: unknown): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, JSON.stringify(value, null, 2));
}

/** Writes files (path relative to `dir` → content). */
export function writeFiles(dir: string, files: Readonly<Record<string, string>>): void {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
}

/** The tsconfig of a bench app: the shared app options, plus DOM (@ftrack/api's types use DOM ones). */
export function benchTsconfig(paths: Record<string, string[]>, files: string[], compilerOptions: Record<string, unknown> = {}) {
  return appTsconfig({ files, paths, compilerOptions: { lib: [...APP_COMPILER_OPTIONS.lib, 'DOM'], ...compilerOptions } });
}

/** An ES module app folder: package.json, tsconfig.json and its files. */
export function writeAppFolder(dir: string, files: Readonly<Record<string, string>>, tsconfig: object): void {
  writeFiles(dir, files);
  writeJson(join(dir, 'package.json'), { name: `bench-${dir.split('/').pop()}`, type: 'module', private: true });
  writeJson(join(dir, 'tsconfig.json'), tsconfig);
}

/** Builds runtime, codegen, server and bin into `<work>/build`; returns that folder. */
export function buildPackage(work: string): string {
  const build = join(work, 'build');
  writeJson(join(work, 'tsconfig.build.json'), {
    extends: join(ROOT, 'tsconfig.build.json'),
    compilerOptions: { outDir: build, rootDir: ROOT, sourceMap: false },
    include: ['runtime', 'codegen', 'server', 'bin'].map((d) => join(ROOT, d)),
  });
  timed(process.execPath, [TSC, '-p', join(work, 'tsconfig.build.json')]);
  if (!existsSync(join(build, 'bin', 'ftrack-codegen.js'))) throw new Error('the build did not produce bin/ftrack-codegen.js');
  return build;
}

/** What `tsc --extendedDiagnostics` reports for one app (times in ms). */
export interface TscFigures {
  wall: number;
  total: number;
  parse: number;
  check: number;
  instantiations: number;
  types: number;
  files: number;
}

/** `tsc --noEmit --extendedDiagnostics` of the app in `dir`; a type error throws. */
export function tscFigures(dir: string): TscFigures {
  const run = timed(process.execPath, [TSC, '-p', join(dir, 'tsconfig.json'), '--extendedDiagnostics'], dir);
  const figure = (name: string) => Number(new RegExp(`^${name}:\\s+([\\d.]+)`, 'm').exec(run.stdout)?.[1] ?? NaN);
  if (run.status !== 0) throw new Error(`tsc failed in ${dir}:\n${run.stdout.split('\n').filter((l) => l.includes('error')).slice(0, 20).join('\n')}`);
  return {
    wall: run.ms,
    total: figure('Total time') * 1000,
    parse: (figure('Parse time') + figure('Bind time')) * 1000,
    check: figure('Check time') * 1000,
    instantiations: figure('Instantiations'),
    types: figure('Types'),
    files: figure('Files'),
  };
}

/** Medians per app over `runs` rounds; the apps take turns within each round, so all see the same machine load. */
export function medianFigures(dirs: readonly string[], runs: number): TscFigures[] {
  const all = dirs.map((): TscFigures[] => []);
  for (let i = 0; i < runs; i++) dirs.forEach((dir, d) => all[d]!.push(tscFigures(dir)));
  return all.map((list) => {
    const pick = (key: keyof TscFigures) => median(list.map((r) => r[key]));
    return {
      wall: pick('wall'),
      total: pick('total'),
      parse: pick('parse'),
      check: pick('check'),
      instantiations: pick('instantiations'),
      types: pick('types'),
      files: pick('files'),
    };
  });
}
