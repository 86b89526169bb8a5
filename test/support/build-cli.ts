import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { transformWithOxc } from 'vite';
import type { TestProject } from 'vitest/node';

// vitest globalSetup: the tests that run `ftrack-codegen` as a process (the CLI, `serve` under
// kill -9, the Python client's server) start it from plain JavaScript, transpiled once per run, not
// through tsx's loader (about a second of CPU per process start). Same sources, same process
// boundary: every file of runtime/, codegen/, server/ and bin/ is stripped of its types, one to one,
// into a folder of the repository's .tmp/ (so `commander`, `zod`, … resolve from node_modules).

declare module 'vitest' {
  export interface ProvidedContext {
    /** The transpiled `bin/ftrack-codegen.js` of this run. */
    cliEntry: string;
    /** A scratch folder of this run that every worker sees (test/codegen/support/type-check.ts). */
    runScratch: string;
    /**
     * A folder kept from run to run (`.tmp/type-check-clean/`): markers named by a hash of everything a
     * type check's shared files are (test/codegen/support/type-check.ts).
     */
    typeCheckCache: string;
  }
}

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const FOLDERS = ['runtime', 'codegen', 'server', 'bin'];

export default async function setup(project: TestProject): Promise<() => void> {
  const tmp = join(repoRoot, '.tmp');
  mkdirSync(tmp, { recursive: true });
  // what an interrupted run left behind (no run takes an hour)
  for (const name of readdirSync(tmp)) {
    const path = join(tmp, name);
    if (name.startsWith('cli-') && Date.now() - statSync(path).mtimeMs > 3_600_000) rmSync(path, { recursive: true, force: true });
  }
  const out = mkdtempSync(join(tmp, 'cli-'));
  const sources = FOLDERS.flatMap((folder) =>
    readdirSync(join(repoRoot, folder), { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts'))
      .map((entry) => join(entry.parentPath, entry.name)),
  );
  await Promise.all(
    sources.map(async (path) => {
      let text: string;
      try {
        text = readFileSync(path, 'utf8');
      } catch (error) {
        // removed since the listing (a scratch file of someone editing the tree): nothing imports it
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
        throw error;
      }
      const { code } = await transformWithOxc(text, path, { lang: 'ts', target: 'node20', sourcemap: false });
      const target = join(out, relative(repoRoot, path)).replace(/\.ts$/, '.js');
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, code);
    }),
  );
  project.provide('cliEntry', join(out, 'bin', 'ftrack-codegen.js'));
  mkdirSync(join(out, 'scratch'));
  project.provide('runScratch', join(out, 'scratch'));
  const cache = join(tmp, 'type-check-clean');
  mkdirSync(cache, { recursive: true });
  // markers of libraries and runtimes long gone (each is an empty file)
  for (const name of readdirSync(cache)) {
    const path = join(cache, name);
    if (Date.now() - statSync(path).mtimeMs > 7 * 86_400_000) rmSync(path, { force: true });
  }
  project.provide('typeCheckCache', cache);
  return () => rmSync(out, { recursive: true, force: true });
}
