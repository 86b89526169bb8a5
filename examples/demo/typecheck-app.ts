import { mkdir, realpath, symlink, writeFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { appTsconfig } from '../support/app-tsconfig.js';
import { indented } from './run-child.js';

/**
 * A small program written against the freshly generated client. It is only type-checked, never
 * run. The `@ts-expect-error` lines make the check fail if the client stopped rejecting mistakes
 * (a client typed as `any` would leave them unused, which is an error).
 */
export const APP_SOURCE = `import dayjs from 'dayjs';
import { createSession, q, type Sequence } from './ftrack/index.js';

export async function app(): Promise<string[]> {
  await using session = createSession(); // FTRACK_SERVER, FTRACK_API_USER, FTRACK_API_KEY
  const nextWeek = dayjs().add(1, 'week');
  const ending = await session.query(q.Project.where((p) => p.status.eq('active').and(p.end_date.before(nextWeek)))).all();
  const names: string[] = ending.map((p) => p.name);
  const sequence: Sequence = session.create('Sequence', { name: 'Starlord Reveal' });
  sequence.description = 'First hero character reveal.';
  const project = ending[0];
  if (project !== undefined) sequence.parent = project; // a query row is accepted as it is
  await session.commit();
  const back = await session.query(q.Sequence.select('name', 'parent.name')).all();
  const parentName: string | undefined = back[0]?.parent?.name;
  // @ts-expect-error unknown attribute in a create input
  session.create('Sequence', { nmae: 'typo' });
  // @ts-expect-error wrong value type in a create input
  session.create('Sequence', { name: 42 });
  // @ts-expect-error a string attribute has no "greater than"
  q.Project.where((p) => p.name.gt(5));
  // @ts-expect-error unknown attribute path in a selection
  q.Sequence.select('parent.nmae');
  return parentName === undefined ? names : [...names, parentName];
}
`;

/** How the type check went. */
export interface TypecheckOutcome {
  readonly ms: number;
  /** The files whose diagnostics were asked for (the app and the generated client), relative to the folder. */
  readonly files: readonly string[];
}

/**
 * Writes `app.ts`, `package.json` (ESM) and `tsconfig.json` into `folder` (next to the generated
 * `ftrack/` client), maps `ftrack-codegen` to the repository's `runtime/index.ts` and links the
 * repository's `node_modules` (dayjs, @types/node). Then checks the program of that tsconfig with the
 * TypeScript compiler API and reports the diagnostics of the app and the generated client: the files
 * a user's project owns. The runtime's own sources are in the program but not checked here (`npm
 * run typecheck` checks them), which makes this check about half the cost of `tsc --noEmit -p`.
 */
export async function typecheckApp(repoRoot: string, folder: string): Promise<TypecheckOutcome> {
  await mkdir(folder, { recursive: true });
  await writeFile(join(folder, 'app.ts'), APP_SOURCE);
  await writeFile(join(folder, 'package.json'), `${JSON.stringify({ name: 'demo-app', private: true, type: 'module' }, null, 2)}\n`);
  await writeFile(join(folder, 'tsconfig.json'), `${JSON.stringify(tsconfig(repoRoot), null, 2)}\n`);
  await symlink(join(repoRoot, 'node_modules'), join(folder, 'node_modules'), 'junction');
  const started = performance.now();
  const { default: ts } = await import('typescript');
  const base = `${await realpath(folder)}${sep}`;
  const parsed = ts.getParsedCommandLineOfConfigFile(join(base, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined });
  if (parsed === undefined) throw new Error(`cannot read ${join(folder, 'tsconfig.json')}`);
  const program = ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options });
  const own = program.getSourceFiles().filter((file) => file.fileName.startsWith(base));
  const diagnostics = [
    ...parsed.errors,
    ...program.getOptionsDiagnostics(),
    ...program.getGlobalDiagnostics(),
    ...own.flatMap((file) => [...program.getSyntacticDiagnostics(file), ...program.getSemanticDiagnostics(file)]),
  ];
  if (diagnostics.length > 0) {
    const host = { getCanonicalFileName: (name: string) => name, getCurrentDirectory: () => base, getNewLine: () => '\n' };
    throw new Error(`TypeScript found errors in the program using the fresh client:\n${indented(ts.formatDiagnostics(diagnostics, host)).join('\n')}`);
  }
  return { ms: performance.now() - started, files: own.map((file) => relative(base, file.fileName)).sort() };
}

function tsconfig(repoRoot: string): unknown {
  return appTsconfig({ files: ['app.ts'], paths: { 'ftrack-codegen': [join(repoRoot, 'runtime', 'index.ts')] } });
}
