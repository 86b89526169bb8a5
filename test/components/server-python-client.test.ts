import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { encodePng } from '../../server/files/png.js';
import { pythonPeerMissing, runPythonPeer } from '../fidelity/support/python-peer.js';
import { runServe } from '../server/support/run-serve.js';
import { fixturePath, hasShared, repoRoot, SHARED_MISSING } from '../support/shared.js';
import { tempDir } from '../support/temp-dirs.js';

// The official Python client's file workflows against `ftrack-codegen serve --storage DIR`: upload to
// ftrack.server, get_url, thumbnails, a sequence, encode_media, remove_component.
const missing = hasShared ? pythonPeerMissing() : SHARED_MISSING;
if (missing) console.warn(`[skip] ${missing}`);

type Step = Record<string, unknown> & { step: string };

describe.skipIf(missing !== null)('the official Python client uploads to and downloads from serve', () => {
  const runs: ReturnType<typeof runServe>[] = [];
  afterAll(() => runs.forEach((run) => run.child.kill('SIGTERM')));

  it('create_component, get_url, thumbnails, sequences, encode_media, remove_component', async () => {
    const files = tempDir('files-python');
    const pixels = new Uint8Array(768 * 576 * 4).map((_, i) => (i % 4 === 3 ? 255 : (i * 13) & 0xff));
    writeFileSync(join(files, 'render.png'), encodePng({ width: 768, height: 576, pixels }));
    const schema = fixturePath('schemas', 'workspace-a.query_schemas.json');
    const run = runServe(['--schema', schema, '--seed', 'small', '--api-user', 'py-user', '--api-key', 'py-key', '--storage', tempDir('files-python-storage')]);
    runs.push(run);
    await run.started;
    const url = /listening on (http:\/\/\S+)/.exec(run.output())![1]!;
    process.env.FILES_DIR = files;
    const result = await runPythonPeer(join(repoRoot, 'test', 'files', 'support', 'python-files.py'), { url, apiUser: 'py-user', apiKey: 'py-key' });
    const steps = new Map<string, Step>();
    for (const line of result.stdout.split('\n')) if (line.startsWith('step: ')) steps.set((JSON.parse(line.slice(6)) as Step).step, JSON.parse(line.slice(6)) as Step);
    expect(result.code, `${result.stdout}\n${result.stderr.split('\n').slice(-15).join('\n')}`).toBe(0);
    expect(steps.get('single')).toMatchObject({ name: 'main', file_type: '.png', availability: 100, status: 200, same: true });
    expect(steps.get('thumbnail-url')).toEqual({ step: 'thumbnail-url', status: 200, width: 10, height: 8 });
    expect(steps.get('create-thumbnail')).toEqual({ step: 'create-thumbnail', same: true, name: 'thumbnail' });
    expect(steps.get('sequence')).toMatchObject({ file_type: '.exr', size: 600, members: 3, availability: 100, member_bytes: [100, 200, 300] });
    expect(steps.get('encode-media')).toMatchObject({ status: 'done', keep_original: false, outputs_served: [200, 200] });
    expect(steps.get('removed')).toEqual({ step: 'removed', status: 404, links: 0 });
    expect(steps.has('done')).toBe(true);
  }, 180_000);
});
