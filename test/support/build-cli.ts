import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { TestProject } from 'vitest/node';

// vitest globalSetup: the tests that run `ftrack-codegen` as a process (the CLI, `serve` under
// kill -9, the Python client's server) start it from plain JavaScript, built once per run, not
// through tsx's loader (about a second of CPU per process start). Same sources, same process
// boundary: bin/ftrack-codegen.ts and what it imports from runtime/, codegen/ and server/, bundled by
// esbuild into a folder of the repository's .tmp/. One bundle, not one file per module: Node then
// resolves and reads a few files instead of ~300 (a `serve` start costs ~0.8 CPU-s, not ~1.4; a
// generate ~0.3, not ~0.4). Code-split at the CLI's lazy `import()`s, so `generate` still never
// loads the server, nor a --schema-file run the HTTP client; packages stay external (`commander`,
// `undici`, `ws`, … load from node_modules, as in an install).

declare module 'vitest' {
  export interface ProvidedContext {
    /** The bundled `bin/ftrack-codegen.js` of this run. */
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

export default async function setup(project: TestProject): Promise<() => void> {
  const tmp = join(repoRoot, '.tmp');
  mkdirSync(tmp, { recursive: true });
  // what an interrupted run left behind (no run takes an hour)
  for (const name of readdirSync(tmp)) {
    const path = join(tmp, name);
    if (name.startsWith('cli-') && Date.now() - statSync(path).mtimeMs > 3_600_000) rmSync(path, { recursive: true, force: true });
  }
  const out = mkdtempSync(join(tmp, 'cli-'));
  await build({
    entryPoints: [join(repoRoot, 'bin', 'ftrack-codegen.ts')],
    outbase: repoRoot,
    outdir: out,
    chunkNames: 'chunks/[name]-[hash]',
    bundle: true,
    splitting: true,
    packages: 'external',
    format: 'esm',
    platform: 'node',
    target: 'node20',
    logLevel: 'error',
  });
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
