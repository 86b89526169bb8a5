import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runServe } from '../server/support/run-serve.js';
import { fixturePath, hasShared, repoRoot, SHARED_MISSING } from '../support/shared.js';
import { pythonPeerMissing, runPythonPeer } from './support/python-peer.js';

// What studios do with the official Python client beyond the tutorial, against `serve` with
// workspace-a and `--seed small`: projections and populate, get, update/delete/ensure + commit,
// metadata, custom attributes, tasks, version numbers, notes with replies, timers, link/ancestors,
// reset_remote, widget URLs, paging, locations, project schema statuses, groups.

const missing = hasShared ? pythonPeerMissing() : SHARED_MISSING;
if (missing) console.warn(`[skip] ${missing}`);

const script = join(repoRoot, 'test', 'fidelity', 'support', 'python-workflows.py');
const STEPS = [
  'projection-query', 'populate', 'get', 'update-commit', 'delete-commit', 'ensure', 'metadata', 'custom-attributes',
  'create-task', 'create-versions', 'create-note', 'timers', 'link-ancestors-descendants', 'reset-remote', 'widget-url',
  'paging', 'locations', 'project-schema', 'groups',
];

describe.skipIf(missing !== null)('the official Python client drives studio workflows against serve (workspace-a, --seed small)', () => {
  let run: ReturnType<typeof runServe> | undefined;
  afterAll(() => run?.child.kill('SIGTERM'));

  it('passes every workflow step', async () => {
    run = runServe(['--port', '0', '--api-user', 'py-user', '--api-key', 'py-key', '--schema', fixturePath('schemas', 'workspace-a.query_schemas.json'), '--seed', 'small']);
    await run.started;
    const url = /listening on (http:\/\/\S+)/.exec(run.output())![1]!;
    const result = await runPythonPeer(script, { url, apiUser: 'py-user', apiKey: 'py-key' });
    const lines = result.stdout.split('\n');
    const failed = lines.filter((line) => line.startsWith('fail: '));
    expect(failed, result.stderr.slice(-4000)).toEqual([]);
    expect(lines.filter((line) => line.startsWith('ok: ')).map((line) => line.split(' ')[1])).toEqual(STEPS);
    expect(lines.find((line) => line.startsWith('ok: create-versions'))).toMatch(/\[3, 4\]/);
    expect(lines.find((line) => line.startsWith('ok: groups'))).toBe('ok: groups False');
    expect(result.code).toBe(0);
  }, 60_000);
});
