import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runServe } from '../server/support/run-serve.js';
import { fixturePath, hasShared, repoRoot, SHARED_MISSING } from '../support/shared.js';
import { pythonPeerMissing, runPythonPeer } from './support/python-peer.js';

// The ftrack tutorial through the official Python client against `ftrack-codegen serve`, sending only
// what the tutorial sends: create Sequence with a name, set the parent both ways, commit, re-read in a
// new session, close → ConnectionClosedError.

const missing = hasShared ? pythonPeerMissing() : SHARED_MISSING;
if (missing) console.warn(`[skip] ${missing}`);

const script = join(repoRoot, 'test', 'fidelity', 'support', 'python-tutorial.py');
const workspaces: { name: string; args: string[] }[] = [
  { name: 'the demo workspace', args: [] },
  { name: 'workspace-a with --seed small', args: ['--schema', fixturePath('schemas', 'workspace-a.query_schemas.json'), '--seed', 'small'] },
];

describe.skipIf(missing !== null)('the official Python client runs the tutorial against serve', () => {
  const runs: ReturnType<typeof runServe>[] = [];
  afterAll(() => runs.forEach((run) => run.child.kill('SIGTERM')));

  for (const workspace of workspaces) {
    it(`on ${workspace.name}`, async () => {
      const run = runServe(['--port', '0', '--api-user', 'py-user', '--api-key', 'py-key', ...workspace.args]);
      runs.push(run);
      await run.started;
      const url = /listening on (http:\/\/\S+)/.exec(run.output())![1]!;
      const result = await runPythonPeer(script, { url, apiUser: 'py-user', apiKey: 'py-key' });
      const steps = result.stdout.split('\n').filter((line) => line.startsWith('step: '));
      expect(result.stderr.trim().split('\n').slice(-3).join('\n'), result.stdout).not.toMatch(/Error|Traceback/);
      expect(result.code).toBe(0);
      expect(steps.map((line) => line.split(' ')[1])).toEqual(['types', 'projects', 'committed', 'reread', 'closed', 'done']);
      expect(Number(steps[1]!.split(' ')[2])).toBeGreaterThan(0);
    });
  }
});
