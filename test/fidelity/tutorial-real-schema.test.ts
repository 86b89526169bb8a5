import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateClient } from '../../examples/demo/generate-client.js';
import { runNode } from '../../examples/demo/run-child.js';
import { typeCheckProject } from '../codegen/support/type-check.js';
import { runServe } from '../server/support/run-serve.js';
import { fixturePath, hasShared, repoRoot } from '../support/shared.js';
import { tutorialCopy } from './support/tutorial-copy.js';

// The tutorial (docs/tutorial.md; examples/tutorial.ts, unchanged) with a client generated from a served real
// schema seeded by `--seed custom-attributes` (the `--seed small` production and custom attributes):
// generate, type-check, run.

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
    it.skipIf(entry.shared && !hasShared)(`runs unchanged on ${entry.label}`, { timeout: 180_000 }, async () => {
      const run = runServe(['--port', '0', '--api-user', 'tutor', '--api-key', 'tutor-key', ...entry.args]);
      cleanups.push(async () => run.child.kill('SIGTERM'));
      await run.started;
      const serverUrl = /listening on (http:\/\/\S+)/.exec(run.output())![1]!;
      const { folder, generated } = await tutorialCopy(entry.label);
      cleanups.push(() => rm(folder, { recursive: true, force: true }));
      await generateClient({ repoRoot, serverUrl, apiUser: 'tutor', apiKey: 'tutor-key', out: generated });

      const checked = await typeCheckProject(folder);
      expect(checked.output).toBe('');
      expect(checked.ok).toBe(true);

      const env = { ...process.env, FTRACK_SERVER: serverUrl, FTRACK_API_USER: 'tutor', FTRACK_API_KEY: 'tutor-key' };
      const ran = await runNode(['--import', 'tsx', join('examples', 'tutorial.ts')], { cwd: folder, env, secret: 'tutor-key' });
      expect(ran.stderr).toBe('');
      expect(ran.code).toBe(0);
      expect(ran.stdout).toContain('rejected with ConnectionClosedError');
      expect(ran.stdout).not.toContain('[redacted]');
    });
  }
});
