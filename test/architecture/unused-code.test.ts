import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../support/shared.js';

// The unused-code check of `.ci/run` (`npm run check:unused`): knip with knip.json. It fails when a
// declared dependency is never imported or an export is never used; shown here on small folders.

const KNIP = join(repoRoot, 'node_modules', 'knip', 'bin', 'knip.js');
const folders: string[] = [];

afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

function project(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'knip-'));
  folders.push(root);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

function knip(cwd: string): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [KNIP, '--no-progress', '--no-config-hints'], { cwd, env: { ...process.env, NO_COLOR: '1' } }, (error, stdout, stderr) => {
      resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : 1, output: `${stdout}${stderr}` });
    });
  });
}

const packageJson = (dependencies: Record<string, string>) => JSON.stringify({ name: 'fixture', type: 'module', dependencies });
const knipJson = JSON.stringify({ entry: ['src/index.ts'], project: ['src/**/*.ts'] });

describe('unused-code check (knip, knip.json)', () => {
  it('fails on a declared dependency that nothing imports and on an unused export', async () => {
    const run = await knip(
      project({
        'package.json': packageJson({ 'left-pad': '1.0.0' }),
        'knip.json': knipJson,
        'src/index.ts': "import { used } from './util.js';\nconsole.log(used);\n",
        'src/util.ts': 'export const used = 1;\nexport const forgotten = 2;\n',
      }),
    );
    expect(run.code).not.toBe(0);
    expect(run.output).toMatch(/Unused dependencies \(1\)\s+left-pad/);
    expect(run.output).toMatch(/Unused exports \(1\)\s+forgotten/);
  });

  it('passes when every dependency is imported and every export used', async () => {
    const run = await knip(
      project({
        'package.json': packageJson({}),
        'knip.json': knipJson,
        'src/index.ts': "import { used } from './util.js';\nconsole.log(used);\n",
        'src/util.ts': 'export const used = 1;\n',
      }),
    );
    expect(run.output.trim()).toBe('');
    expect(run.code).toBe(0);
  });

  it('is wired into .ci/run before the tests, and ts-morph is not a dependency', () => {
    const ci = readFileSync(join(repoRoot, '.ci', 'run'), 'utf8');
    const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
      dependencies: Record<string, string>;
    };
    const tests = ci.indexOf('npm test');
    for (const gate of ['npm run --silent check:layers', 'npm run --silent check:unused']) {
      expect(ci.indexOf(gate)).toBeGreaterThan(-1);
      expect(ci.indexOf(gate)).toBeLessThan(tests);
    }
    expect(pkg.scripts['check:unused']).toBe('knip');
    expect(pkg.scripts['check:layers']).toMatch(/^depcruise -c \.dependency-cruiser\.cjs /);
    expect(Object.keys(pkg.dependencies)).not.toContain('ts-morph');
  });
});
