import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The three kinds of app a user compiles against the package. */
export type AppKind = 'nodenext' | 'bundler' | 'commonjs';

/** One app folder inside an install root (so `ftrack-codegen` resolves from the root's node_modules). */
export interface App {
  readonly kind: AppKind;
  readonly dir: string;
}

// The settings every app shares: those `tsc --init` (TypeScript 6.0) writes that matter to types, and
// its default `lib` (with the DOM) plus `esnext.disposable` for `await using` under a lower `target`.
const COMMON = {
  strict: true,
  noUncheckedIndexedAccess: true,
  isolatedModules: true,
  moduleDetection: 'force',
  // no @types/node: the package's public types must not need it
  types: [],
  // TypeScript's own lib files are not what these checks are about (and cost the most to check)
  skipDefaultLibCheck: true,
  pretty: false,
};

const COMPILER_OPTIONS: Record<AppKind, Record<string, unknown>> = {
  // `tsc --init` for an ES module Node app, `target` lowered so Node 20 can run `await using`
  nodenext: {
    ...COMMON,
    target: 'es2022',
    lib: ['es2022', 'dom', 'esnext.disposable'],
    module: 'nodenext',
    verbatimModuleSyntax: true,
    exactOptionalPropertyTypes: true,
    rootDir: 'src',
    outDir: 'out',
    sourceMap: true,
  },
  // a Vite-style app: a bundler resolves the imports, tsc only checks
  bundler: {
    ...COMMON,
    target: 'es2022',
    lib: ['es2023', 'dom', 'dom.iterable', 'esnext.disposable'],
    module: 'esnext',
    moduleResolution: 'bundler',
    verbatimModuleSyntax: true,
    noEmit: true,
  },
  // a CommonJS package: its `import` statements compile to `require()`, which loads the ES module
  // package on Node >= 20.19
  commonjs: {
    ...COMMON,
    target: 'es2022',
    lib: ['es2022', 'dom', 'esnext.disposable'],
    module: 'nodenext',
    rootDir: 'src',
    outDir: 'out',
  },
};

/** Where the generated client is imported from in each kind (bundler resolution takes a folder). */
const CLIENT: Record<AppKind, string> = { nodenext: './ftrack/index.js', bundler: './ftrack', commonjs: './ftrack/index.js' };

/**
 * Queries the projects through the generated client (credentials from `FTRACK_*`: the test runs a
 * local server) and prints them as JSON. Imports the main entry only, as an app that talks to a
 * real server does.
 */
function mainSource(kind: AppKind): string {
  const query = [
    "  const rows = await session.query(q.Project.select('name', 'end_date')).all();",
    '  const ends: (Dayjs | null)[] = rows.map((row) => row.end_date);',
    '  console.log(JSON.stringify({ names: rows.map((row) => row.name), ends: ends.map((end) => end?.toISOString() ?? null) }));',
  ];
  const imports = ["import type { Dayjs } from 'ftrack-codegen';", `import { createSession, q } from '${CLIENT[kind]}';`, ''];
  if (kind === 'commonjs') {
    // no top-level await in CommonJS, and the non-`using` form the README shows
    return [
      ...imports,
      'async function main(): Promise<void> {',
      '  const session = createSession();',
      '  try {',
      ...query.map((line) => `  ${line}`),
      '  } finally {',
      '    await session.close();',
      '  }',
      '}',
      '',
      'void main();',
      '',
    ].join('\n');
  }
  return [...imports, 'await using session = createSession();', ...query.map((line) => line.slice(2)), ''].join('\n');
}

/** The line the one expected type error is on (1-based), in {@link wrongDateSource}. */
export const WRONG_DATE_LINE = 5;

/** A date-time attribute assigned to a number: must be a type error (TS2322 naming `Dayjs`). */
function wrongDateSource(kind: AppKind): string {
  return [
    `import { createSession, q } from '${CLIENT[kind]}';`,
    '',
    'export async function wrongDate(): Promise<number> {',
    "  const [row] = await createSession().query(q.Project.select('end_date')).all();",
    '  const wrong: number = row!.end_date!;',
    '  return wrong;',
    '}',
    '',
  ].join('\n');
}

/** An error thrown inside the package, with its stack (for the source-map check). */
const TRACE_SOURCE = [
  "import { createSession } from './ftrack/index.js';",
  '',
  'try {',
  '  createSession(); // run without FTRACK_* variables: a configuration error from the runtime',
  '} catch (error) {',
  '  console.log(String((error as Error).stack));',
  '}',
  '',
].join('\n');

/**
 * Writes an app of `kind` in `root/<kind>`: package.json, tsconfig.json (`skipLibCheck` off: the
 * package's and the generated `.d.ts` files are checked), tsconfig.skip.json (the same with
 * `skipLibCheck` on, no emit), the generated client copied from `client`, and its sources.
 */
export function writeApp(root: string, kind: AppKind, client: string): App {
  const dir = join(root, kind);
  mkdirSync(join(dir, 'src'), { recursive: true });
  const type = kind === 'commonjs' ? 'commonjs' : 'module';
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: `app-${kind}`, private: true, type }, null, 2));
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { ...COMPILER_OPTIONS[kind], skipLibCheck: false }, include: ['src'] }, null, 2));
  writeFileSync(
    join(dir, 'tsconfig.skip.json'),
    JSON.stringify({ extends: './tsconfig.json', compilerOptions: { skipLibCheck: true, noEmit: true } }, null, 2),
  );
  cpSync(client, join(dir, 'src', 'ftrack'), { recursive: true });
  writeFileSync(join(dir, 'src', 'main.ts'), mainSource(kind));
  writeFileSync(join(dir, 'src', 'wrong-date.ts'), wrongDateSource(kind));
  if (kind === 'nodenext') writeFileSync(join(dir, 'src', 'trace.ts'), TRACE_SOURCE);
  return { kind, dir };
}
