import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, describe, it } from 'vitest';
import { runNode } from '../../examples/demo/run-child.js';
import { runCliProcess } from '../codegen/support/cli-process.js';
import { typeCheckProject } from '../codegen/support/type-check.js';
import { runServe } from '../server/support/run-serve.js';
import { fixturePath, hasShared } from '../support/shared.js';
import { tutorialCopy } from './support/tutorial-copy.js';

// The tutorial (docs/tutorial.md; examples/tutorial.ts, unchanged) with a client generated from a served real
// schema seeded by `--seed custom-attributes` (the `--seed small` production and custom attributes):
// generate (the CLI as a process, the key in FTRACK_API_KEY), type-check, run. The two cases share
// nothing (each its own server, folder and client), so they run side by side. The run is plain node
// on an esbuild bundle of the copy (`ftrack-codegen` mapped by its tsconfig.json, packages loaded
// from node_modules): the same transpiler as tsx, without tsx's loader transforming ~100 modules
// one by one in the child (about a CPU-second per run).

const cases = [
  // `--seed custom-attributes`: the small production plus the custom attributes the tutorial reads.
  { label: 'workspace-a', args: ['--schema', fixturePath('schemas', 'workspace-a.query_schemas.json'), '--seed', 'custom-attributes'], shared: true },
  { label: 'demo', args: [], shared: false },
];

describe('the tutorial on a generated client', () => {
  const cleanups: (() => Promise<unknown>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups) await cleanup();
  });

  for (const entry of cases) {
    it(`runs unchanged on ${entry.label}`, { timeout: 180_000, concurrent: true, skip: entry.shared && !hasShared }, async ({ expect }) => {
      const run = runServe(['--port', '0', '--api-user', 'tutor', '--api-key', 'tutor-key', ...entry.args]);
      cleanups.push(async () => run.child.kill('SIGTERM'));
      await run.started;
      const serverUrl = /listening on (http:\/\/\S+)/.exec(run.output())![1]!;
      const { folder, generated } = await tutorialCopy(entry.label);
      cleanups.push(() => rm(folder, { recursive: true, force: true }));
      const generation = await runCliProcess(['--server', serverUrl, '--api-user', 'tutor', '--out', generated], { env: { FTRACK_API_KEY: 'tutor-key' } });
      expect(generation.code, generation.stderr).toBe(0);
      expect(await readdir(generated)).toContain('index.ts');

      const checked = await typeCheckProject(folder);
      expect(checked.output).toBe('');
      expect(checked.ok).toBe(true);

      const env = { ...process.env, FTRACK_SERVER: serverUrl, FTRACK_API_USER: 'tutor', FTRACK_API_KEY: 'tutor-key' };
      const bundle = join(folder, 'tutorial.mjs');
      await build({ entryPoints: [join(folder, 'examples', 'tutorial.ts')], outfile: bundle, bundle: true, packages: 'external', format: 'esm', platform: 'node', target: 'node20', logLevel: 'error', absWorkingDir: folder });
      const ran = await runNode([bundle], { cwd: folder, env, secret: 'tutor-key' });
      expect(ran.stderr).toBe('');
      expect(ran.code).toBe(0);
      expect(ran.stdout).toContain('rejected with ConnectionClosedError');
      expect(ran.stdout).not.toContain('[redacted]');
    });
  }
});
