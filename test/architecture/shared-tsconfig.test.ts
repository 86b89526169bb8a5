import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_COMPILER_OPTIONS, appTsconfig } from '../../examples/support/app-tsconfig.js';
import { repoRoot } from '../support/shared.js';

// The helpers that write a tsconfig.json for a throw-away app all build it with
// examples/support/app-tsconfig.ts, whose settings follow the repository's own tsconfig.json.

function sources(folder: string): string[] {
  return readdirSync(join(repoRoot, folder), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => relative(repoRoot, join(entry.parentPath, entry.name)));
}

describe('one tsconfig for the type-check helpers', () => {
  it('is the only place that spells out compiler options', () => {
    const writers = ['bench', 'examples', 'test']
      .flatMap(sources)
      .filter((path) => path !== join('examples', 'support', 'app-tsconfig.ts') && path !== join('test', 'architecture', 'shared-tsconfig.test.ts'))
      // test/package compiles the packed tarball under the settings users pick (nodenext, bundler,
      // CommonJS): a matrix of other people's tsconfigs, not a copy of ours.
      .filter((path) => path !== join('test', 'package', 'support', 'apps.ts'))
      .filter((path) => /moduleResolution\s*:/.test(readFileSync(join(repoRoot, path), 'utf8')));
    expect(writers).toEqual([]);
    const users = ['bench/support/app-builds.ts', 'examples/demo/typecheck-app.ts', 'test/codegen/support/type-check.ts', 'test/fidelity/support/tutorial-copy.ts'];
    for (const path of users) expect(readFileSync(join(repoRoot, path), 'utf8'), path).toMatch(/\bappTsconfig\(/);
  });

  it('matches the repository tsconfig.json for the settings they share', () => {
    const own = (JSON.parse(readFileSync(join(repoRoot, 'tsconfig.json'), 'utf8')) as { compilerOptions: Record<string, unknown> }).compilerOptions;
    for (const key of ['target', 'lib', 'module', 'moduleResolution', 'strict', 'noUncheckedIndexedAccess', 'verbatimModuleSyntax', 'skipLibCheck', 'types'] as const) {
      expect(APP_COMPILER_OPTIONS[key], key).toEqual(own[key]);
    }
  });

  it('puts an app’s options after the shared ones', () => {
    const config = appTsconfig({ files: ['app.ts'], paths: { x: ['./x.ts'] }, compilerOptions: { skipLibCheck: false } });
    expect(config).toEqual({ compilerOptions: { ...APP_COMPILER_OPTIONS, skipLibCheck: false, paths: { x: ['./x.ts'] } }, files: ['app.ts'] });
  });
});
