import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { run, succeeded, type RunResult } from './run.js';

/** The package managers the package is installed with. */
export type Manager = 'npm' | 'pnpm';

/** pnpm from the registry, pinned as a devDependency (package.json), started with this Node. */
const require = createRequire(import.meta.url);
const PNPM = join(dirname(require.resolve('pnpm')), 'bin', 'pnpm.cjs');

/**
 * Installs the tarball into a new app folder `root` with `manager`, from the local tarball and the
 * registry (`--prefer-offline`: a warm cache needs no network). `cache` keeps npm's cache and pnpm's
 * store between runs, outside the user's own.
 */
export async function installTarball(manager: Manager, root: string, tarball: string, cache: string, env: NodeJS.ProcessEnv): Promise<RunResult> {
  mkdirSync(root, { recursive: true });
  const manifest = { name: `package-test-${manager}`, version: '1.0.0', private: true, dependencies: { 'ftrack-codegen': `file:${tarball}` } };
  writeFileSync(join(root, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  const quiet = ['--prefer-offline', '--no-audit', '--no-fund'];
  const result =
    manager === 'npm'
      ? await run('npm', ['install', ...quiet, '--cache', join(cache, 'npm')], { cwd: root, env })
      : await run(
          process.execPath,
          // CI=true would make pnpm demand a lockfile (frozen-lockfile)
          [PNPM, 'install', '--prefer-offline', '--no-frozen-lockfile', '--ignore-workspace', '--store-dir', join(cache, 'pnpm-store'), '--cache-dir', join(cache, 'pnpm-cache'), '--reporter', 'append-only'],
          { cwd: root, env: { ...env, npm_config_audit: 'false', npm_config_fund: 'false' } },
        );
  return succeeded(`${manager} install`, result);
}
