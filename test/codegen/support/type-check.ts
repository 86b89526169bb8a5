import { execFile } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll } from 'vitest';
import type { GeneratedFile } from 'ftrack-codegen/codegen';
import { appTsconfig } from '../../../examples/support/app-tsconfig.js';
import { repoRoot } from '../../support/shared.js';

const run = promisify(execFile);

/** Result of a `tsc --noEmit` run. */
export interface TypeCheckResult {
  readonly ok: boolean;
  /** tsc's diagnostics (empty when ok). */
  readonly output: string;
}

const created: string[] = [];
// registered while the importing test file is collected: removes that file's folders at its end
afterAll(() => {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A fresh temporary folder for one test, removed after the test file. */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `ftrack-codegen-${prefix}-`));
  created.push(dir);
  return dir;
}

/** Writes files (paths relative to `dir`). */
export function writeFiles(dir: string, files: readonly GeneratedFile[]): void {
  for (const file of files) {
    const path = join(dir, file.path);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, file.content);
  }
}

/**
 * Type-checks `files` (paths relative to `dir`) with `tsc --noEmit --strict --noUncheckedIndexedAccess`
 * (and `skipLibCheck: false`, so generated `.d.ts` files are checked too)
 * as an ESM package whose `ftrack-codegen` import resolves to this repository's runtime.
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
  const tsc = join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc');
  try {
    await run(process.execPath, [tsc, '-p', join(dir, 'tsconfig.json')], { cwd: dir, maxBuffer: 64 * 1024 * 1024 });
    return { ok: true, output: '' };
  } catch (error) {
    const failure = error as { stdout?: string; stderr?: string; message: string };
    return { ok: false, output: `${failure.stdout ?? ''}${failure.stderr ?? ''}` || failure.message };
  }
}
